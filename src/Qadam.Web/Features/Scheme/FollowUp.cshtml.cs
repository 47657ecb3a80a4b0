using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Qadam.Web.Features.Scheme;

/// <summary>Records one follow-up — of a completer or of the comparison group — with no default outcome.</summary>
[Authorize(Policy = "perm:SchemeManage")]
public sealed class FollowUpModel(PlacementService placements, IStringLocalizer<SharedResource> l) : SchemePage
{
    public FollowUpView View { get; private set; } = null!;
    [BindProperty] public FollowUpInput? FollowUp { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await placements.GetFollowUpAsync(id, Me, ct) is { } v ? Show(v) : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var (found, errors) = await placements.RecordFollowUpAsync(id, FollowUp ?? new(null, null, null, null), Me, ct);
        if (!found) return NotFound();
        if (!errors.Any) return Redirect("/Scheme#reminders");
        errors.CopyTo(ModelState, l, "FollowUp.");
        return await placements.GetFollowUpAsync(id, Me, ct) is { } v ? Show(v) : NotFound();
    }

    private PageResult Show(FollowUpView v)
    {
        View = v;
        return Page();
    }
}
