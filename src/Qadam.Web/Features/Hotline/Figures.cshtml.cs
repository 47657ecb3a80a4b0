using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Hotline;

/// <summary>Hotline and referral figures for supervisors (their organisation) and managers (all, small cells suppressed).</summary>
[Authorize(Policy = "perm:HotlineFigures")]
public sealed class FiguresModel(HotlineFigures figures, Qadam.Data.QadamDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    public HotlineFiguresDto? Figures { get; private set; }
    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (result, errors) = await figures.ComputeAsync(CurrentUser.Require(HttpContext), From, To, ct);
        Figures = result;
        errors.CopyTo(ModelState, l);
        var culture = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        RegionNames = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Regions, ct)).ToDictionary(r => r.Code, r => r.Name(culture));
    }
}
