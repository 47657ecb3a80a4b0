using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

[Authorize(Policy = "perm:PeopleCreate")]
public sealed class CreateModel(CreatePerson.Handler create, QadamDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public PersonInput Input { get; set; } = new();
    [BindProperty] public bool AllowDuplicates { get; set; }
    /// <summary>The hotline contact the person is registered from (the caller): the person's page then offers to open a case from it.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Contact { get; set; }
    public IReadOnlyList<DuplicateCandidate> Duplicates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadRegionsAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear(); // the use case validates; model binding errors would only duplicate its messages
        var result = await create.HandleAsync(new CreatePerson.Command(Input, AllowDuplicates), CurrentUser.Require(HttpContext), ct);
        if (result.Created is { } person) return RedirectToPage("Details", new { id = person.Id, contact = Contact });
        result.Errors.CopyTo(ModelState, l, "Input.");
        Duplicates = result.Duplicates;
        await LoadRegionsAsync(ct);
        return Page();
    }

    private async Task LoadRegionsAsync(CancellationToken ct) =>
        ViewData["Regions"] = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct) as IReadOnlyList<Region>;
}
