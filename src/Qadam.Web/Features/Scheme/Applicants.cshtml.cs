using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Web.Platform;

namespace Qadam.Web.Features.Scheme;

[Authorize(Policy = "perm:SchemeManage")]
public sealed class ApplicantsModel(SchemeRegistry registry, QadamDbContext db, IStringLocalizer<SharedResource> l) : SchemePage
{
    [BindProperty] public ApplicantInput Input { get; set; } = new(null, null, "Secondary", null, null, null, 30, null, null, null);
    [BindProperty] public string? Iin { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cohort { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    public Page<ApplicantDto> List { get; private set; } = new([], null);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Guid? personId = null;
        if (!string.IsNullOrWhiteSpace(Iin))
        {
            personId = (await registry.FindByIinAsync(Iin, Me, ct))?.Id
                ?? Guid.Empty; // "not found" — the same answer whether the person does not exist or is out of scope
        }
        var (applicant, errors) = await registry.CreateApplicantAsync(Input with { PersonId = personId }, Me, ct);
        if (applicant is not null) return Redirect("/Scheme/Applicants");
        errors.CopyTo(ModelState, l, "Input.");
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The same filters from the page after <paramref name="after"/>, or from the first page.</summary>
    public string PageLink(string? after) => Url.Page("Applicants", new { region = Region, cohort = Cohort, after })!;

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadRegionsAsync(db, ct);
        List = await registry.ListApplicantsAsync(Me, string.IsNullOrWhiteSpace(Region) ? null : Region, string.IsNullOrWhiteSpace(Cohort) ? null : Cohort.Trim(), After, null, ct);
    }
}

