using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Hotline;

/// <summary>One contact; an open one (e.g. opened by the telephony system) is completed here.</summary>
public sealed class ContactModel(GetContact.Handler get, CompleteContact.Handler complete, FlagCaller.Handler flag, QadamDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public ContactDto Contact { get; private set; } = null!;
    public List<Region> Regions { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public bool Saved { get; set; }
    [BindProperty] public ContactInput? Input { get; set; }
    [BindProperty] public CallerFlagInput? Flag { get; set; }
    public bool CanFlag { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await complete.HandleAsync(id, Input ?? new(null, null, null, null, null, null, null, null, null, null, null, null, null, null), CurrentUser.Require(HttpContext), ct);
        if (!result.Found) return NotFound();
        if (result.Contact is not null) return RedirectToPage("Contact", new { id, saved = true });
        result.Errors.CopyTo(ModelState, l, "Input.");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostFlagAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await flag.HandleAsync(id, Flag ?? new(null, null), CurrentUser.Require(HttpContext), ct);
        if (!result.Found) return NotFound();
        if (result.Flag is not null) return RedirectToPage("Contact", new { id });
        result.Errors.CopyTo(ModelState, l, "Flag.");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await get.HandleAsync(id, CurrentUser.Require(HttpContext), ct) is not { } contact) return false;
        Contact = contact;
        CanFlag = CurrentUser.Require(HttpContext).Can(Permission.CallersFlag);
        if (contact.Status == "open") Regions = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
        return true;
    }
}
