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
public sealed class IndexModel(RecordContact.Handler record, ListContacts.Handler list, ContactDrafts drafts, QadamDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The server's copy of this user's unsaved new contact, if any.</summary>
    public string? Draft { get; private set; }

    [BindProperty] public ContactInput Input { get; set; } = Empty;
    public List<ListContacts.Row> Recent { get; private set; } = [];
    public List<Region> Regions { get; private set; } = [];

    private static readonly ContactInput Empty = new("phone", null, null, null, null, null, null, null, null, null, null, null, null, null);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await record.HandleAsync(Input, CurrentUser.Require(HttpContext), ct);
        if (result.Contact is { } contact)
        {
            await drafts.DeleteAsync(CurrentUser.Require(HttpContext), "contact", ct);
            return RedirectToPage("Contact", new { id = contact.Id, saved = true });
        }
        result.Errors.CopyTo(ModelState, l, "Input.");
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The browser sends what is typed (debounced); 204, or 400 for something that is not a contact draft.</summary>
    public async Task<IActionResult> OnPostDraftAsync(string? key, string? content, CancellationToken ct) =>
        await drafts.SaveAsync(CurrentUser.Require(HttpContext), key == "contact" ? key : null, content, ct) ? new NoContentResult() : BadRequest();

    private async Task LoadAsync(CancellationToken ct)
    {
        Draft = await drafts.GetAsync(CurrentUser.Require(HttpContext), "contact", ct);
        Recent = await list.HandleAsync(CurrentUser.Require(HttpContext), ct);
        Regions = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
    }
}
