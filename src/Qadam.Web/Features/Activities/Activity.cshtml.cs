using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Features.People;
using Qadam.Web.Features.Scheme;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Activities;

/// <summary>One activity (a weekly support group, a five-day training, the scheme's soft-skills training…): sessions and
/// attendance — registered participants by name (the group's members, people found by name or IIN, and for scheme
/// coordinators the scheme's applicants) and anonymous head-counts by sex and age band.</summary>
[Authorize(Policy = "perm:ActivitiesRead")]
public sealed class ActivityModel(ManageActivities activities, SchemeRegistry registry, SearchPeople.Handler search, QadamDbContext db, IStringLocalizer<SharedResource> l) : SchemePage
{
    public ActivityDto? Activity { get; private set; }
    public List<(Guid PersonId, string Name, bool Member)> Participants { get; private set; } = [];
    public List<string> Facilitators { get; private set; } = [];
    public string? Query { get; private set; }
    public Guid? SessionId { get; private set; }
    [BindProperty] public SessionInput? Session { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? q, Guid? sessionId, CancellationToken ct)
    {
        (Query, SessionId) = (q, sessionId);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSessionAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var (found, _, errors) = await activities.AddSessionAsync(id, Session ?? new(null, null), Me, ct);
        if (!found) return NotFound();
        if (!errors.Any) return Redirect($"/Activities/Activity/{id}");
        errors.CopyTo(ModelState, l, "Session.");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAttendanceAsync(Guid id, Guid sessionId, List<Guid>? personIds, CancellationToken ct)
    {
        ModelState.Clear();
        var headcounts = new List<HeadcountInput>();
        foreach (var sex in new[] { "female", "male" })
            foreach (var band in Enum.GetNames<AgeBand>())
                if (int.TryParse(Request.Form[$"count_{sex}_{band}"], out var n) && n > 0) headcounts.Add(new HeadcountInput(sex, band, n));
        var (found, errors) = await activities.RecordAttendanceAsync(id, sessionId, new AttendanceInput(personIds ?? [], headcounts), Me, ct);
        if (!found) return NotFound();
        if (!errors.Any) return Redirect($"/Activities/Activity/{id}#sessions");
        errors.CopyTo(ModelState, l);
        SessionId = sessionId;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Activity = await activities.GetAsync(id, Me, ct);
        if (Activity is null) return false;
        var staff = Activity.FacilitatorIds ?? [];
        Facilitators = await db.Users.AsNoTracking().Where(u => staff.Contains(u.Id)).Select(u => u.DisplayName).ToListAsync(ct);
        if (!Me.Can(Permission.ActivitiesManage)) return true;
        // The group's members first (everyone who attended a session by name), then who the search found.
        var members = await activities.MembersAsync(id, Me, ct);
        Participants = members.Select(p => (p.Id, $"{p.GivenName} {p.FamilyName}", true)).ToList();
        if (Me.Can(Permission.PeopleSearch) && !string.IsNullOrWhiteSpace(Query))
        {
            var found = await search.HandleAsync(new SearchPeople.Query(Query, PageSize: 20), Me, ct);
            Participants.AddRange(found.Items.Where(p => Participants.All(x => x.PersonId != p.Id)).Select(p => (p.Id, $"{p.GivenName} {p.FamilyName}", false)));
        }
        if (Me.Can(Permission.SchemeManage) && Activity.Kind == nameof(ActivityKind.Training))
            Participants.AddRange((await registry.ListApplicantsAsync(Me, null, null, null, Qadam.Web.Platform.Keyset.MaxPageSize, ct)).Items.Where(a => a.Status != nameof(ApplicantStatus.Withdrawn))
                .Where(a => Participants.All(x => x.PersonId != a.PersonId)).Select(a => (a.PersonId, $"{a.GivenName} {a.FamilyName}", false)));
        return true;
    }
}
