using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Activities;

public sealed record OutreachDto(Guid ActivityId, string Title, string Date, string? Venue, string? Locality, int Peers, IReadOnlyList<HeadcountDto> ByGroup);

public sealed record VolunteerDto(Guid PersonId, string Name, string TrainedOn, string Training, int OutreachEvents, int PeersReached, IReadOnlyList<OutreachDto> Outreach);

/// <summary>
/// Volunteers: the people who attended a volunteer training of the organisation by name (trained on the date of the last
/// session they attended), and the peer outreach events each later ran, with the peers reached by sex and age band.
/// </summary>
public sealed class Volunteers(QadamDbContext db, AuditLog audit, Access access)
{
    /// <summary>The people trained as volunteers by the user's organisation, among those the user may see.</summary>
    public static IQueryable<Guid> Trained(QadamDbContext db, CurrentUser user) =>
        from a in db.SessionAttendances
        join s in db.ActivitySessions on a.SessionId equals s.Id
        join g in db.GroupActivities on s.ActivityId equals g.Id
        where g.OrganisationId == user.OrganisationId && g.Kind == ActivityKind.VolunteerTraining && PersonScope.Ordinary(db).Any(p => p.Id == a.PersonId)
        select a.PersonId;

    public async Task<List<VolunteerDto>> ListAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ActivitiesRead);
        var org = user.OrganisationId;
        var trained = await (from a in db.SessionAttendances
                             join s in db.ActivitySessions on a.SessionId equals s.Id
                             join g in db.GroupActivities on s.ActivityId equals g.Id
                             where g.OrganisationId == org && g.Kind == ActivityKind.VolunteerTraining
                             select new { a.PersonId, s.Date, g.Title }).ToListAsync(ct);
        var ids = trained.Select(t => t.PersonId).Distinct().ToList();
        var people = user.Can(Permission.PeopleRead) ? await PersonScope.Ordinary(db).AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct) : [];
        var outreach = await db.GroupActivities.AsNoTracking().Include(a => a.Sessions).ThenInclude(s => s.Headcounts)
            .Where(a => a.OrganisationId == org && a.Kind == ActivityKind.PeerOutreach && a.VolunteerPersonId != null && ids.Contains(a.VolunteerPersonId.Value))
            .AsSplitQuery().ToListAsync(ct);
        if (people.Count > 0) await audit.SaveWithAuditAsync(AuditEntry.Listed(people, user.Actor, AuditAction.Attendance_Viewed, "volunteers"), ct);
        return people.Select(p =>
        {
            var last = trained.Where(t => t.PersonId == p.Id).MaxBy(t => t.Date)!;
            var events = outreach.Where(o => o.VolunteerPersonId == p.Id).OrderBy(o => o.StartsOn).Select(o =>
            {
                var counts = o.Sessions.SelectMany(s => s.Headcounts).GroupBy(h => (h.Sex, h.AgeBand)).OrderBy(g => g.Key)
                    .Select(g => new HeadcountDto(g.Key.Sex == Sex.Female ? "female" : "male", g.Key.AgeBand.ToString(), g.Sum(h => h.Count))).ToList();
                return new OutreachDto(o.Id, o.Title, Iso(o.StartsOn), o.Venue, o.Locality, counts.Sum(c => c.Count), counts);
            }).ToList();
            return new VolunteerDto(p.Id, $"{p.GivenName} {p.FamilyName}", Iso(last.Date), last.Title, events.Count, events.Sum(e => e.Peers), events);
        }).OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();
    }
}
