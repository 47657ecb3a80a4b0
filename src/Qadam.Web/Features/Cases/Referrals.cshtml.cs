using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Cases;

/// <summary>Referrals and transfers waiting for my organisation, and the ones we sent: accept, decline, complete, revoke.</summary>
[Authorize(Policy = "perm:ReferralsRead")]
public sealed class ReferralsModel(Referrals referrals, OpenCase.Handler open, IStringLocalizer<SharedResource> l) : PageModel
{
    public List<ReferralDto> Incoming { get; private set; } = [];
    public List<ReferralDto> Outgoing { get; private set; } = [];
    public CurrentUser Me { get; private set; } = null!;
    [BindProperty] public ReferralReasonInput? ReasonInput { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostAcceptAsync(Guid referralId, bool transfer, CancellationToken ct) =>
        AnswerAsync(referrals.AcceptAsync(Kind(transfer), referralId, Me0, ct), ct);
    public Task<IActionResult> OnPostDeclineAsync(Guid referralId, bool transfer, CancellationToken ct) =>
        AnswerAsync(referrals.DeclineAsync(Kind(transfer), referralId, ReasonInput ?? new(null), Me0, ct), ct);
    public Task<IActionResult> OnPostCompleteAsync(Guid referralId, bool transfer, CancellationToken ct) =>
        AnswerAsync(referrals.CompleteAsync(Kind(transfer), referralId, Me0, ct), ct);
    public Task<IActionResult> OnPostRevokeAsync(Guid referralId, bool transfer, CancellationToken ct) =>
        AnswerAsync(referrals.RevokeAsync(Kind(transfer), referralId, ReasonInput ?? new(null), Me0, ct), ct);

    /// <summary>Opens the receiving organisation's own case from an accepted referral.</summary>
    public async Task<IActionResult> OnPostOpenCaseAsync(Guid referralId, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await open.HandleAsync(new OpenCaseInput(null, null, referralId, null), Me0, ct);
        if (result.Case is { } c) return Redirect($"/Cases/Case/{c.Id}");
        result.Errors.CopyTo(ModelState, l, "Open.");
        await LoadAsync(ct);
        return Page();
    }

    private static ReferralKind Kind(bool transfer) => transfer ? ReferralKind.Transfer : ReferralKind.Referral;
    private CurrentUser Me0 => CurrentUser.Require(HttpContext);

    private async Task<IActionResult> AnswerAsync(Task<Referrals.Result> answer, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await answer;
        if (!result.Found) return NotFound();
        if (!result.Errors.Any) return Redirect("/Cases/Referrals");
        result.Errors.CopyTo(ModelState, l, "ReasonInput.");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Me = Me0;
        var all = await referrals.ListAsync(null, null, Me, ct);
        Incoming = all.Where(r => r.ToOrganisationId == Me.OrganisationId).ToList();
        Outgoing = all.Where(r => r.FromOrganisationId == Me.OrganisationId).ToList();
    }
}
