using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Scheme;

[Authorize(Policy = "perm:SchemeRead")]
public sealed class PlacementModel(PlacementService placements, IStringLocalizer<SharedResource> l) : SchemePage
{
    public PlacementDto? Placement { get; private set; }
    [BindProperty] public PlacementEndInput? End { get; set; }
    [BindProperty] public CheckInInput? CheckIn { get; set; }
    [BindProperty] public SubsidyInput? Subsidy { get; set; }
    [BindProperty] public FollowUpInput? FollowUp { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken ct) => Handle(id, () => placements.EndAsync(id, End ?? new(null, null, null), Me, ct), ct);
    public Task<IActionResult> OnPostCheckInAsync(Guid id, CancellationToken ct) => Handle(id, () => placements.CheckInAsync(id, CheckIn ?? new(null, null, null, null, null), Me, ct), ct);
    public Task<IActionResult> OnPostSubsidyAsync(Guid id, Guid paymentId, CancellationToken ct) => Handle(id, () => placements.SubsidyAsync(paymentId, Subsidy ?? new(null, null, null, null), Me, ct), ct);
    public Task<IActionResult> OnPostFollowUpAsync(Guid id, Guid followUpId, CancellationToken ct) => Handle(id, () => placements.RecordFollowUpAsync(followUpId, FollowUp ?? new(null, null, null, null), Me, ct), ct);

    // Each use case authorises itself (a refused role gets the 403 page); the page only translates the result.
    private async Task<IActionResult> Handle(Guid id, Func<Task<(bool Found, FieldErrors Errors)>> act, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            var (found, errors) = await act();
            if (!found) return NotFound();
            if (!errors.Any) return Redirect($"/Scheme/Placement/{id}");
            errors.CopyTo(ModelState, l);
        }
        catch (DomainException e) { ModelState.AddModelError("placement", e.Message); }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct) => (Placement = await placements.GetAsync(id, Me, ct)) is not null;
}
