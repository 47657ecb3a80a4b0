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
public sealed class ContactModel(GetContact.Handler get, CompleteContact.Handler complete, FlagCaller.Handler flag, CopyParties.Handler copy, ContactDrafts drafts, Access access,
    Qadam.Web.Features.Cases.OpenCase.Handler open, QadamDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public ContactDto Contact { get; private set; } = null!;
    public List<Region> Regions { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public bool Saved { get; set; }
    [BindProperty] public ContactInput? Input { get; set; }
    [BindProperty] public CallerFlagInput? Flag { get; set; }
    public bool CanFlag { get; private set; }
    public bool CanOpenCase { get; private set; }
    public string? Draft { get; private set; }

    /// <summary>The server's copy of the completion form as it is typed (only for a contact the user may complete).</summary>
    public async Task<IActionResult> OnPostDraftAsync(Guid id, string? content, CancellationToken ct)
    {
        var me = CurrentUser.Require(HttpContext);
        await access.DemandAsync(me, Permission.ContactsRecord);
        if (!await ContactScope.Visible(db, me).AnyAsync(c => c.Id == id && c.Status == ContactStatus.Open, ct)) return NotFound();
        return await drafts.SaveAsync(me, "contact-" + id, content, ct) ? new NoContentResult() : BadRequest();
    }
    /// <summary>People the user may open a case for (newest registrations first), and the cases opened from this contact.</summary>
    public List<(Guid Id, string Name)> People { get; private set; } = [];
    public List<(Guid Id, string Name)> OpenedCases { get; private set; } = [];
    [BindProperty] public Guid? CasePersonId { get; set; }

    /// <summary>Copies the parties' descriptions from the repeat caller's last contact into this open one.</summary>
    public async Task<IActionResult> OnPostCopyAsync(Guid id, CancellationToken ct)
    {
        var copied = await copy.HandleAsync(id, CurrentUser.Require(HttpContext), ct);
        return copied is null ? NotFound() : RedirectToPage("Contact", new { id });
    }

    /// <summary>Opens a case from this contact for a registered person (the caller, registered with their consent).</summary>
    public async Task<IActionResult> OnPostOpenCaseAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await open.HandleAsync(new Qadam.Web.Features.Cases.OpenCaseInput(CasePersonId, id, null, null), CurrentUser.Require(HttpContext), ct);
        if (result.Case is { } c) return Redirect($"/Cases/Case/{c.Id}");
        result.Errors.CopyTo(ModelState, l, "Case.");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await complete.HandleAsync(id, Input ?? new(null, null, null, null, null, null, null, null, null, null, null, null, null, null), CurrentUser.Require(HttpContext), ct);
        if (!result.Found) return NotFound();
        if (result.Contact is not null)
        {
            await drafts.DeleteAsync(CurrentUser.Require(HttpContext), "contact-" + id, ct);
            return RedirectToPage("Contact", new { id, saved = true });
        }
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
        var me = CurrentUser.Require(HttpContext);
        CanFlag = me.Can(Permission.CallersFlag);
        CanOpenCase = contact.Status == "completed" && me.Can(Permission.CasesOpen);
        if (me.Can(Permission.CasesRead))
        {
            var cases = await Qadam.Web.Features.Cases.CaseScope.Visible(db, me).AsNoTracking().Where(k => k.ContactId == id).Select(k => new { k.Id, k.PersonId }).ToListAsync(ct);
            var names = await PersonScope.Visible(db).AsNoTracking().Where(p => cases.Select(k => k.PersonId).Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.GivenName + " " + p.FamilyName, ct);
            OpenedCases = cases.Select(k => (k.Id, names.GetValueOrDefault(k.PersonId, "?"))).ToList();
        }
        if (CanOpenCase)
            People = (await PersonScope.Ordinary(db).AsNoTracking().Where(p => p.MergedIntoId == null).OrderByDescending(p => p.CreatedAt).Take(20)
                .Select(p => new { p.Id, p.GivenName, p.FamilyName }).ToListAsync(ct)).Select(p => (p.Id, p.GivenName + " " + p.FamilyName)).ToList();
        if (contact.Status == "open") Draft = await drafts.GetAsync(me, "contact-" + id, ct);
        if (contact.Status == "open") Regions = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
        return true;
    }
}
