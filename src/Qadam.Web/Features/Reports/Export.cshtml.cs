using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Qadam.Web.Features.Reports;

/// <summary>A report's file for the signed-in browser session (the API's are bearer-only): the same use case, always the published (suppressed) form, audited.</summary>
[Authorize(Policy = "perm:ReportsRead")]
public sealed class ExportModel(ProjectReports reports) : ReportsPage
{
    public async Task<IActionResult> OnGetAsync(Guid id, string? format, Guid? period, string? table, bool? hxl, CancellationToken ct) =>
        await reports.ExportAsync(id, period, format ?? "csv", table, hxl ?? false, Me, ct) is { } f ? File(f.Content, f.ContentType, f.FileName) : NotFound();
}
