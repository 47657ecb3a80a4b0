using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Features.AuditTrail;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

public sealed class DetailsModel(GetPerson.Handler get, GiveConsent.Handler give, WithdrawConsent.Handler withdraw, MergePeople.Handler merge,
    Cases.OpenCase.Handler open, Hotline.LinkParty.Handler link, QadamDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public Person Person { get; private set; } = null!;
    public PersonReach Reach { get; private set; }
    public CurrentUser Me { get; private set; } = null!;
    public List<Consent> Consents { get; private set; } = [];
    public List<AuditEvent> Views { get; private set; } = [];
    public List<AuditEvent> History { get; private set; } = [];
    public Dictionary<Guid, string> OrganisationNames { get; private set; } = [];
    public List<Organisation> Organisations { get; private set; } = [];
    public Region? Region { get; private set; }
    [BindProperty] public ConsentInput ConsentInput { get; set; } = new(null, null, null, null);
    [BindProperty] public Guid? MergedId { get; set; }
    /// <summary>Set when the person was registered from a hotline contact: a case can be opened from it here.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Contact { get; set; }
    public List<(Guid Id, string Status, string Organisation)> PersonCases { get; private set; } = [];
    [BindProperty] public string? MergeReason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostConsentAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await give.HandleAsync(id, ConsentInput, CurrentUser.Require(HttpContext), ct);
        if (!result.Found) return NotFound();
        if (result.Created is not null) return RedirectToPage(new { id, contact = Contact });
        result.Errors.CopyTo(ModelState, l, "ConsentInput.");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>Opens a case for this person (from the hotline contact they were registered from, if any).</summary>
    public async Task<IActionResult> OnPostOpenCaseAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var me = CurrentUser.Require(HttpContext);
        var result = await open.HandleAsync(new Cases.OpenCaseInput(id, Contact, null, null), me, ct);
        if (result.Case is { } c)
        {
            // Registered from the call as its caller, with consent to services: the contact's caller is this person.
            if (Contact is { } contact) await link.HandleAsync(contact, "caller", new Hotline.LinkPartyInput(id), me, ct);
            return Redirect($"/Cases/Case/{c.Id}");
        }
        result.Errors.CopyTo(ModelState, l, "Case.");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid consentId, CancellationToken ct) =>
        await withdraw.HandleAsync(id, consentId, CurrentUser.Require(HttpContext), ct) is null ? NotFound() : RedirectToPage(new { id });

    public async Task<IActionResult> OnPostMergeAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await merge.HandleAsync(new MergePeople.Command(id, MergedId, MergeReason), CurrentUser.Require(HttpContext), ct);
        if (!result.Found) return NotFound();
        if (result.Survivor is not null) return RedirectToPage(new { id });
        result.Errors.CopyTo(ModelState, l, "Merge.");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Me = CurrentUser.Require(HttpContext);
        if (await get.HandleAsync(id, Me, "web", ct) is not { } found) return false;
        var person = Person = found.Person;
        Reach = found.Reach;
        var ids = await MergePeople.HistoryIdsAsync(db, id, ct);
        Consents = await ListConsents.OfAsync(db, ids, ct);
        Views = await QueryAudit.ViewsOfAsync(db, ids, 30, ct);
        History = await QueryAudit.HistoryOfAsync(db, ids, 30, ct);
        Organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        OrganisationNames = Organisations.ToDictionary(o => o.Id, o => o.Name);
        if (Me.Can(Permission.CasesRead))
        {
            var cases = await Cases.CaseScope.Visible(db, Me).AsNoTracking().Where(c => c.PersonId == id).OrderByDescending(c => c.CreatedAt)
                .Select(c => new { c.Id, c.Status, c.OrganisationId }).ToListAsync(ct);
            PersonCases = cases.Select(c => (c.Id, Hotline.ContactNames.Of(c.Status), OrganisationNames.GetValueOrDefault(c.OrganisationId, "?"))).ToList();
        }
        Region = person.RegionCode is null ? null : await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == person.RegionCode, ct);
        return true;
    }
}
