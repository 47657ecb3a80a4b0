using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Qadam.Web.Features.Scheme;

[Authorize(Policy = "perm:SchemeManage")]
[RequestFormLimits(MultipartBodyLengthLimit = 5_000_000)]
public sealed class ImportModel(SchemeImport import, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : SchemePage
{
    [BindProperty] public string Kind { get; set; } = "employers";
    [BindProperty] public IFormFile? Upload { get; set; }
    /// <summary>The previewed file travels back with the commit (base64), so what is committed is exactly what was checked.</summary>
    [BindProperty] public string? Payload { get; set; }
    [BindProperty] public string? FileName { get; set; }
    public ImportReport? Report { get; private set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (Upload is not { Length: > 0 }) { Error = "Choose a .csv or .xlsx file."; return Page(); }
        using var ms = new MemoryStream();
        await Upload.CopyToAsync(ms, ct);
        FileName = Path.GetFileName(Upload.FileName);
        Payload = Convert.ToBase64String(ms.ToArray());
        return await RunAsync(ms.ToArray(), commit: false, ct);
    }

    public async Task<IActionResult> OnPostCommitAsync(CancellationToken ct)
    {
        if (Payload is null || FileName is null) return Page();
        byte[] bytes;
        try { bytes = Convert.FromBase64String(Payload); } catch (FormatException) { Error = new ImportFormatException("Payload").Localise(l); return Page(); }
        return await RunAsync(bytes, commit: true, ct);
    }

    private async Task<IActionResult> RunAsync(byte[] bytes, bool commit, CancellationToken ct)
    {
        try { Report = await import.RunAsync(Kind, FileName!, bytes, commit, Me, ct); }
        catch (ImportFormatException e) { Error = e.Localise(l); }
        return Page();
    }
}
