using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Hotline;

/// <summary>The operator's screen: one page, the new contact on top (keyboard order, draft kept in the browser), my recent contacts below.</summary>
public sealed class IndexModel(RecordContact.Handler record, ListContacts.Handler list, QadamDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ContactInput Input { get; set; } = Empty;
    public List<ListContacts.Row> Recent { get; private set; } = [];
    public List<Region> Regions { get; private set; } = [];

    private static readonly ContactInput Empty = new("phone", null, null, null, null, null, null, null, null, null, null, null, null, null);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await record.HandleAsync(Input, CurrentUser.Require(HttpContext), ct);
        if (result.Contact is { } contact) return RedirectToPage("Contact", new { id = contact.Id, saved = true });
        result.Errors.CopyTo(ModelState, l, "Input.");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Recent = await list.HandleAsync(CurrentUser.Require(HttpContext), ct);
        Regions = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
    }
}
