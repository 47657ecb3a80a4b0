using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Domain;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Evaluation;

[Authorize(Policy = "perm:EvaluationManage")]
public sealed class StudyModel(ManageStudies studies, IStringLocalizer<SharedResource> l) : PageModel
{
    public EvaluationStudy Study { get; private set; } = null!;
    public StudyResult? Result { get; private set; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Summaries { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Method { get; set; }
    [BindProperty] public string? Covariates { get; set; }
    [BindProperty] public double? Caliper { get; set; }
    [BindProperty] public int? Bootstrap { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostLockAsync(Guid id, CancellationToken ct) =>
        await studies.LockAsync(id, CurrentUser.Require(HttpContext), ct) is null ? NotFound() : RedirectToPage(new { id });

    public async Task<IActionResult> OnPostRunAsync(Guid id, CancellationToken ct) =>
        await studies.RunAsync(id, CurrentUser.Require(HttpContext), ct) is null ? NotFound() : RedirectToPage(new { id });

    public async Task<IActionResult> OnPostAmendAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        var p = Study.Plan;
        var input = new StudyInput(Study.Title, p.Question, p.OutcomeSource, p.Treatment, p.Outcome, Covariates ?? string.Join(',', p.Covariates),
            Method ?? p.Method, p.Estimand, p.Baseline, Caliper, p.Ratio, Bootstrap ?? p.Bootstrap, p.Seed, p.Cluster);
        var (_, errors) = await studies.AmendAsync(id, input, Reason, CurrentUser.Require(HttpContext), ct);
        if (!errors.Any) return RedirectToPage(new { id });
        errors.CopyTo(ModelState, l, "Amend.");
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var study = await studies.Visible(CurrentUser.Require(HttpContext)).AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (study is null) return false;
        Study = study;
        if (study.ResultJson is not null)
        {
            Result = JsonSerializer.Deserialize<StudyResult>(study.ResultJson, EvaluationReport.Options);
            Summaries = WebSetup.Cultures.ToDictionary(c => c, c => StudySummary.Compose(Result!, study.Plan.Outcome, l, c));
        }
        return true;
    }
}
