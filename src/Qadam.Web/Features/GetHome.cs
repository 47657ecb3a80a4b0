using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Features.People;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features;

/// <summary>What needs my attention: alerts for my organisation, people awaiting follow-up, records I opened recently.</summary>
public static class GetHome
{
    public sealed record Result(List<Notification> Alerts, List<PersonSummary> FollowUps, int FollowUpTotal, List<PersonSummary> Recent);

    private static readonly string[] AlertReaders = [Roles.Supervisor, Roles.Manager, Roles.OrgAdmin];

    public sealed class Handler(QadamDbContext db, Access access)
    {
        public async Task<Result> HandleAsync(CurrentUser me, CancellationToken ct)
        {
            var alerts = me.Roles.Any(AlertReaders.Contains)
                ? await db.Notifications.AsNoTracking().Where(n => n.OrganisationId == me.OrganisationId && n.EmployerId == null && n.AcknowledgedAt == null)
                    .OrderByDescending(n => n.CreatedAt).Take(20).ToListAsync(ct)
                : [];
            if (!await access.CanAsync(me, Permission.PeopleRead)) return new(alerts, [], 0, []);
            var followUps = FollowUpList.Query(db, me);
            var total = await followUps.CountAsync(ct);
            var due = (await followUps.OrderBy(p => p.UpdatedAt).Take(10).AsNoTracking().ToListAsync(ct)).Select(PersonSummary.From).ToList();
            var recentIds = await db.AuditEvents.AsNoTracking()
                .Where(e => e.UserId == me.Id && e.Action == AuditAction.Person_Viewed && e.EntityId != null)
                .OrderByDescending(e => e.Sequence).Select(e => e.EntityId!).Take(50).ToListAsync(ct);
            var ids = recentIds.Distinct().Take(8).Select(Guid.Parse).ToList();
            var people = await PersonScope.Visible(db).Where(p => ids.Contains(p.Id)).AsNoTracking().ToListAsync(ct);
            var recent = ids.Select(id => people.FirstOrDefault(p => p.Id == id)).OfType<Person>().Select(PersonSummary.From).ToList();
            return new(alerts, due, total, recent);
        }
    }
}
