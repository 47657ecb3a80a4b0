using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Evaluation;

/// <summary>CSV export for the signed-in browser session (the JSON API has its own, bearer-only).</summary>
[Authorize(Policy = "perm:EvaluationManage")]
public sealed class ExportModel(ManageStudies studies, Platform.Pdf.ReportFont font, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, string? format, CancellationToken ct)
    {
        var user = CurrentUser.Require(HttpContext);
        if (format == "pdf")
            return await studies.ExportPdfAsync(id, user, font, l, ct) is { } pdf ? File(pdf, "application/pdf", $"study-{id:N}.pdf") : NotFound();
        return await studies.ExportCsvAsync(id, user, ct) is { Length: > 0 } csv ? File(csv, "text/csv; charset=utf-8", $"study-{id:N}.csv") : NotFound();
    }
}
