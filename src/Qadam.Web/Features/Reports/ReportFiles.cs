using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform.Pdf;

namespace Qadam.Web.Features.Reports;

/// <summary>A file made from a report: its bytes, media type and name.</summary>
public sealed record ReportFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// The one place files are made from a report, for the web app and for <c>qadam report</c> alike, so both write the
/// same bytes for the same project and period (IATI XML, CSV of either table, XLSX, PDF).
/// </summary>
public static class ReportFiles
{
    public static readonly IReadOnlyList<string> Formats = ["iati", "csv", "xlsx", "pdf"];

    public static async Task<ReportFile> MakeAsync(QadamDbContext db, ProjectReportDto report, Project project, string format, string? table, bool hxl,
        TrueTypeFont? font, IStringLocalizer l, string culture, DateTimeOffset now, CancellationToken ct)
    {
        var name = $"{Safe(project.IatiIdentifier)}{(report.ThroughPeriod is { } p ? "-" + Safe(report.Periods.First(x => x.Id == p).Label) : "")}";
        switch (format)
        {
            case "iati":
                var orgIds = project.ImplementingOrganisations.ToList();
                var orgs = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
                var owner = orgs[project.OrganisationId];
                var xml = ReportExports.Iati(report, project, owner.Name, owner.Kind, orgIds.Select(o => (orgs[o].Name, orgs[o].Kind)).ToList(), report.ThroughPeriod is null ? now : FrozenAt(report, now));
                return new(ReportExports.IatiBytes(xml), "application/xml", name + "-iati.xml");
            case "xlsx":
                return new(ReportExports.Xlsx(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
            case "pdf":
                var typeface = font ?? throw new ReportFontMissingException("PDF export needs a Unicode TrueType font (Debian: fonts-dejavu-core; or set Reports:FontPath).");
                var regions = (await db.Regions.AsNoTracking().ToListAsync(ct)).ToDictionary(x => x.Code, x => x.Name(culture));
                return new(ReportExports.Pdf(report, typeface, l, culture, regions), "application/pdf", name + $"-{culture}.pdf");
            default:
                var t = table == "disaggregation" ? "disaggregation" : "indicators";
                return new(ReportExports.Csv(report, t, hxl), "text/csv; charset=utf-8", $"{name}-{t}.csv");
        }
    }

    /// <summary>A frozen report carries the moment it was frozen, so the same period gives the same file later.</summary>
    private static DateTimeOffset FrozenAt(ProjectReportDto report, DateTimeOffset now) =>
        report.Periods.First(p => p.Id == report.ThroughPeriod).FrozenAt is { } at ? DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture) : now;

    private static string Safe(string s) => new(s.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
}
