using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Cases;

/// <summary>The service directory by region and type; supervisors and administrators add what their organisation offers.</summary>
public sealed class DirectoryModel(ServiceDirectory directory, QadamDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty] public ServiceOfferingInput? Input { get; set; }
    public List<ServiceOfferingDto> Offerings { get; private set; } = [];
    public List<Region> Regions { get; private set; } = [];
    public CurrentUser Me { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var (created, errors) = await directory.AddAsync(Input ?? new(null, null, null), CurrentUser.Require(HttpContext), ct);
        if (created is not null) return Redirect($"/Cases/Directory?region={created.RegionCode}");
        errors.CopyTo(ModelState, l, "Input.");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Me = CurrentUser.Require(HttpContext);
        Offerings = await directory.ListAsync(Me, Region, Type, ct);
        Regions = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
    }
}
