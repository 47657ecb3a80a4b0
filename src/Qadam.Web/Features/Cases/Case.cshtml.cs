using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Cases;

/// <summary>One case: status, workers, plan, services, tasks, referrals and history; the owner changes it here.</summary>
[Authorize(Policy = "perm:CasesRead")]
public sealed class CaseModel(GetCase.Handler get, CaseWork work, Referrals referrals, QadamDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public CaseDto Case { get; private set; } = null!;
    public CurrentUser Me { get; private set; } = null!;
    public List<(Guid Id, string Name)> Colleagues { get; private set; } = [];
    public List<(Guid Id, string Name, string Offers)> Organisations { get; private set; } = [];
    public List<string> MissingConsents { get; private set; } = [];
    public string? MissingFor { get; private set; }

    [BindProperty] public CaseStatusInput? StatusInput { get; set; }
    [BindProperty] public CaseGoalInput? GoalInput { get; set; }
    [BindProperty] public CaseServiceInput? ServiceInput { get; set; }
    [BindProperty] public CaseTaskInput? TaskInput { get; set; }
    [BindProperty] public CaseWorkerInput? WorkerInput { get; set; }
    [BindProperty] public ReferralInput? ReferralInput { get; set; }
    [BindProperty] public ReferralReasonInput? ReasonInput { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostStatusAsync(Guid id, CancellationToken ct) => DoAsync(id, work.ChangeStatusAsync(id, StatusInput ?? new(null, null), Me0, ct), "StatusInput.", ct);
    public Task<IActionResult> OnPostGoalAsync(Guid id, CancellationToken ct) => DoAsync(id, work.AddGoalAsync(id, GoalInput ?? new(null, null), Me0, ct), "GoalInput.", ct);
    public Task<IActionResult> OnPostGoalStatusAsync(Guid id, Guid goalId, CancellationToken ct) => DoAsync(id, work.SetGoalAsync(id, goalId, GoalInput ?? new(null, null), Me0, ct), "GoalInput.", ct);
    public Task<IActionResult> OnPostServiceAsync(Guid id, CancellationToken ct) => DoAsync(id, work.AddServiceAsync(id, ServiceInput ?? new(null, null, null), Me0, ct), "ServiceInput.", ct);
    public Task<IActionResult> OnPostTaskAsync(Guid id, CancellationToken ct) => DoAsync(id, work.AddTaskAsync(id, TaskInput ?? new(null, null, null, null), Me0, ct), "TaskInput.", ct);
    public Task<IActionResult> OnPostTaskDoneAsync(Guid id, Guid taskId, CancellationToken ct) => DoAsync(id, work.CompleteTaskAsync(id, taskId, Me0, ct), "TaskInput.", ct);
    public Task<IActionResult> OnPostAssignAsync(Guid id, CancellationToken ct) => DoAsync(id, work.AssignAsync(id, WorkerInput ?? new(null), Me0, ct), "WorkerInput.", ct);
    public Task<IActionResult> OnPostUnassignAsync(Guid id, Guid userId, CancellationToken ct) => DoAsync(id, work.UnassignAsync(id, userId, Me0, ct), "WorkerInput.", ct);

    /// <summary>Sends a referral (or, with <paramref name="transfer"/>, a transfer) of this case.</summary>
    public async Task<IActionResult> OnPostReferAsync(Guid id, bool transfer, CancellationToken ct)
    {
        ModelState.Clear();
        var input = (ReferralInput ?? new(null, null, null)) with { CaseId = id };
        var result = await referrals.SendAsync(transfer ? ReferralKind.Transfer : ReferralKind.Referral, input, Me0, ct);
        if (result.Referral is not null) return Redirect($"/Cases/Case/{id}#referrals");
        if (result.MissingConsents is { } missing)
        {
            MissingConsents = [.. missing];
            MissingFor = result.ToOrganisation;
            ModelState.AddModelError("ReferralInput.consent", CasesApi.MissingConsentText(l, missing, result.ToOrganisation!));
        }
        else result.Errors.CopyTo(ModelState, l, "ReferralInput.");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid referralId, bool transfer, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await referrals.RevokeAsync(transfer ? ReferralKind.Transfer : ReferralKind.Referral, referralId, ReasonInput ?? new(null), Me0, ct);
        if (!result.Found) return NotFound();
        if (!result.Errors.Any) return Redirect($"/Cases/Case/{id}#referrals");
        result.Errors.CopyTo(ModelState, l, "ReasonInput.");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private CurrentUser Me0 => CurrentUser.Require(HttpContext);

    private async Task<IActionResult> DoAsync(Guid id, Task<CaseWork.Result> change, string prefix, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await change;
        if (!result.Found) return NotFound();
        if (!result.Errors.Any) return Redirect($"/Cases/Case/{id}");
        result.Errors.CopyTo(ModelState, l, prefix);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Me = Me0;
        if (await get.HandleAsync(id, Me, ct) is not { } c) return false;
        Case = c;
        if (!c.Owned) return true;
        Colleagues = (await CaseScope.Colleagues(db, Me.OrganisationId).AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct)).Select(u => (u.Id, u.DisplayName)).ToList();
        // Organisations to refer to, with what the directory says they offer.
        var offers = await db.ServiceOfferings.AsNoTracking().ToListAsync(ct);
        Organisations = (await db.Organisations.AsNoTracking().Where(o => o.Id != Me.OrganisationId).OrderBy(o => o.Name).ToListAsync(ct))
            .Select(o => (o.Id, o.Name, string.Join(", ", offers.Where(x => x.OrganisationId == o.Id).Select(x => l["Service." + Hotline.ContactNames.Of(x.Type)].Value).Distinct())))
            .ToList();
        return true;
    }
}
