using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qadam.Domain;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Evaluation;

[Authorize(Policy = "perm:EvaluationManage")]
public sealed class IndexModel(ManageStudies studies) : PageModel
{
    public List<EvaluationStudy> Studies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Studies = await studies.Visible(CurrentUser.Require(HttpContext)).AsNoTracking().OrderByDescending(s => s.CreatedAt).Take(200).ToListAsync(ct);
}
