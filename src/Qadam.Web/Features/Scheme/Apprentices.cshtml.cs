using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Data;

namespace Qadam.Web.Features.Scheme;

/// <summary>The employer's (or mentor's) page: first names and placements of their own apprentices, attendance and check-ins.</summary>
[Authorize(Policy = "perm:ApprenticesOwn")]
public sealed class ApprenticesModel(PlacementService placements, IStringLocalizer<SharedResource> l) : SchemePage
{
    public List<ApprenticeDto> List { get; private set; } = [];
    public List<string> Notices { get; private set; } = [];
    [BindProperty] public CheckInInput? CheckIn { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCheckInAsync(Guid placementId, CancellationToken ct)
    {
        ModelState.Clear();
        var (found, errors) = await placements.CheckInAsync(placementId, CheckIn ?? new(null, null, null, null, null), Me, ct);
        if (!found) return NotFound();
        if (!errors.Any) return Redirect("/Scheme/Apprentices");
        errors.CopyTo(ModelState, l);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        List = await placements.ApprenticesAsync(Me, ct);
        Notices = await placements.EmployerNoticesAsync(Me, ct);
    }
}
