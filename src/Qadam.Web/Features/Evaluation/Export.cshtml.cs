using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Evaluation;

/// <summary>CSV export for the signed-in browser session (the JSON API has its own, bearer-only).</summary>
[Authorize(Policy = "perm:EvaluationManage")]
public sealed class ExportModel(ManageStudies studies) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await studies.ExportCsvAsync(id, CurrentUser.Require(HttpContext), ct) is { Length: > 0 } csv
            ? File(csv, "text/csv; charset=utf-8", $"study-{id:N}.csv")
            : NotFound();
}
