using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Evaluation;

[Authorize(Policy = "perm:EvaluationManage")]
[RequestFormLimits(MultipartBodyLengthLimit = 50_000_000)]
public sealed class CreateModel(ManageStudies studies, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public StudyInput Input { get; set; } = new(null, null, "upload", null, null, null, "nn", "att", null, null, 1, 0, 1, null);
    [BindProperty] public IFormFile? Dataset { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        string? csv = null;
        if (Dataset is { Length: > 0 })
        {
            using var reader = new StreamReader(Dataset.OpenReadStream());
            csv = await reader.ReadToEndAsync(ct);
        }
        var (study, errors) = await studies.CreateAsync(Input, csv, Dataset?.FileName, CurrentUser.Require(HttpContext), ct);
        if (study is not null) return RedirectToPage("Study", new { id = study.Id });
        errors.CopyTo(ModelState, l, "Input.");
        return Page();
    }
}
