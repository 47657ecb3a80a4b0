using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

[Authorize(Policy = "perm:PeopleUpdate")]
public sealed class EditModel(GetPerson.Handler get, UpdatePerson.Handler update, QadamDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public PersonInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await get.HandleAsync(id, CurrentUser.Require(HttpContext), "web-edit", ct) is not { } found) return NotFound();
        if (found.Reach == PersonReach.BreakGlass) return Forbid();
        var dto = PersonDto.From(found.Person);
        Input = new PersonInput
        {
            GivenName = dto.GivenName, FamilyName = dto.FamilyName, Patronymic = dto.Patronymic, Sex = dto.Sex, DateOfBirth = dto.DateOfBirth,
            Iin = dto.Iin, Phone = dto.Phone, Address = dto.Address, Notes = dto.Notes, RegionCode = dto.RegionCode, Locality = dto.Locality, Disability = dto.Disability, Version = dto.Version,
        };
        await LoadRegionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await update.HandleAsync(new UpdatePerson.Command(id, Input), CurrentUser.Require(HttpContext), ct);
        if (!result.Found) return NotFound();
        if (result.Updated is not null) return RedirectToPage("Details", new { id });
        result.Errors.CopyTo(ModelState, l, "Input.");
        await LoadRegionsAsync(ct);
        return Page();
    }

    private async Task LoadRegionsAsync(CancellationToken ct) =>
        ViewData["Regions"] = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct) as IReadOnlyList<Region>;
}
