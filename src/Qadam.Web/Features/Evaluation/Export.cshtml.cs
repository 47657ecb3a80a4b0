using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Evaluation;

/// <summary>CSV export for the signed-in browser session (the JSON API has its own, bearer-only).</summary>
[Authorize(Policy = "perm:EvaluationManage")]
public sealed class ExportModel(ManageStudies studies, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var user = CurrentUser.Require(HttpContext);
        var study = await studies.Visible(user).AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (study?.ResultJson is null) return NotFound();
        var result = JsonSerializer.Deserialize<StudyResult>(study.ResultJson, EvaluationReport.Options)!;
        await audit.RecordAsync(user.Actor, AuditAction.Study_Exported, "Study", id.ToString(), new { format = "csv" }, ct);
        return File(Encoding.UTF8.GetBytes(StudyExport.Csv(study, result)), "text/csv; charset=utf-8", $"study-{id:N}.csv");
    }
}
