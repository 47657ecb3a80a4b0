using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Scheme;

/// <summary>Shared helpers of the scheme's pages: the signed-in user and localised reference names.</summary>
public abstract class SchemePage : PageModel
{
    public CurrentUser Me => CurrentUser.Require(HttpContext);
    public List<Region> Regions { get; private set; } = [];
    public static string Culture => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    protected async Task LoadRegionsAsync(QadamDbContext db, CancellationToken ct) =>
        Regions = (await db.Regions.AsNoTracking().Include(r => r.Localities).ToListAsync(ct)).OrderBy(r => r.Name(Culture), StringComparer.CurrentCulture).ToList();

    public string LocalityName(int? id) => id is null ? "" : Regions.SelectMany(r => r.Localities).FirstOrDefault(l => l.Id == id)?.Name(Culture) ?? "";
    /// <summary>A date as the user's culture writes it (dd.MM.yyyy in kk and ru); the DTOs carry ISO dates.</summary>
    public static string Day(string? iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Day(d) : iso ?? "";
    public static string Day(DateOnly? day) => day?.ToString("d", CultureInfo.CurrentCulture) ?? "";
    public static string MonthOf(string? iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("Y", CultureInfo.CurrentCulture) : iso ?? "";
    public static string Moment(DateTimeOffset at) => at.LocalDateTime.ToString("g", CultureInfo.CurrentCulture);

    public string RegionName(string? code) => Regions.FirstOrDefault(r => r.Code == code)?.Name(Culture) ?? code ?? "";
}
