using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Scheme;

[Authorize(Policy = "perm:SchemeRead")]
public sealed class EmployersModel(SchemeRegistry registry, QadamDbContext db, IStringLocalizer<SharedResource> l) : SchemePage
{
    [BindProperty] public EmployerInput Input { get; set; } = new(null, "PrivateBusiness", null, null, null, null, null);
    public List<EmployerDto> List { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var (employer, errors) = await registry.CreateEmployerAsync(Input, Me, ct);
        if (employer is not null) return Redirect($"/Scheme/Employer/{employer.Id}");
        errors.CopyTo(ModelState, l, "Input.");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadRegionsAsync(db, ct);
        List = await registry.ListEmployersAsync(Me, null, ct);
    }
}
