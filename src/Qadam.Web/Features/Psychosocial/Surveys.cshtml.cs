using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Web.Features.Scheme;

namespace Qadam.Web.Features.Psychosocial;

/// <summary>The programme's surveys: import an XLSForm workbook (a changed form becomes a new version), export any version.</summary>
[Authorize(Policy = "perm:SurveysRead")]
public sealed class SurveysModel(Surveys surveys, IStringLocalizer<SharedResource> l) : SchemePage
{
    public List<SurveyDto> List { get; private set; } = [];
    public SurveyDto? Imported { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => List = await surveys.ListAsync(Me, ct);

    public async Task<IActionResult> OnGetExportAsync(Guid id, int? version, CancellationToken ct) =>
        await surveys.ExportAsync(id, version, Me, ct) is { } file
            ? File(file.Content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.FileName)
            : NotFound();

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        ModelState.Clear();
        var content = Array.Empty<byte>();
        if (file is not null)
        {
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms, ct);
            content = ms.ToArray();
        }
        var (survey, errors) = await surveys.ImportAsync(file?.FileName ?? "", content, Me, ct);
        Imported = survey;
        foreach (var field in errors.Fields)
            foreach (var code in errors.Codes(field))
                ModelState.AddModelError("import", $"{field}: {l[code]}");
        List = await surveys.ListAsync(Me, ct);
        return Page();
    }
}
