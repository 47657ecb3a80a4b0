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
    public sealed record Result(List<Notification> Alerts, List<PersonSummary> FollowUps, int FollowUpTotal, List<PersonSummary> Recent)
    {
        public Queues? Work { get; init; }
        /// <summary>Open safety alerts of my clients (a supervisor: the organisation's); null where the role has none.</summary>
        public List<Psychosocial.SafetyAlertDto>? Safety { get; init; }
    }

    /// <summary>The work queues, each a count with the page that lists it; null where the role has no such work.</summary>
    public sealed record Queues(int? MyCases, int? ReferralsWaiting, int? ReferralsSentWaiting, int? OverdueTasks, int? UrgentContactsToday);

    private static readonly string[] AlertReaders = [Roles.Supervisor, Roles.Manager, Roles.OrgAdmin];

    public sealed class Handler(QadamDbContext db, Access access, TimeProvider clock, Psychosocial.SafetyAlerts safety)
    {
        public async Task<Result> HandleAsync(CurrentUser me, CancellationToken ct) =>
            await HomeAsync(me, ct) with
            {
                Work = await QueuesAsync(me, ct),
                Safety = me.Can(Permission.SafetyAlerts) ? await safety.ListAsync(me, openOnly: true, null, ct) : null,
            };

        private async Task<Queues> QueuesAsync(CurrentUser me, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            int? myCases = null, overdue = null, waiting = null, sent = null, urgent = null;
            if (me.Can(Permission.CasesRead))
            {
                var mine = Cases.CaseScope.Mine(Cases.CaseScope.Visible(db, me), me).Where(c => c.Status != CaseStatus.Closed);
                myCases = await mine.CountAsync(ct);
                overdue = await db.CaseTasks.CountAsync(t => t.DoneAt == null && t.DueOn < today && mine.Any(c => c.Id == t.CaseId), ct);
            }
            if (me.Can(Permission.ReferralsRead))
            {
                var org = me.OrganisationId;
                var open = Cases.Referrals.VisibleTo(db, me).Where(r => r.Status == ReferralStatus.Sent);
                if (Cases.CaseScope.OrganisationWide(me)) waiting = await open.CountAsync(r => r.ToOrganisationId == org, ct);
                sent = await open.CountAsync(r => r.FromOrganisationId == org, ct);
            }
            if (me.Can(Permission.ContactsRead))
            {
                var start = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                urgent = await Hotline.ContactScope.Visible(db, me).CountAsync(c => c.StartedAt >= start
                    && (c.Urgency == ContactUrgency.High || c.Urgency == ContactUrgency.ImmediateDanger), ct);
            }
            return new(myCases, waiting, sent, overdue, urgent);
        }

        private async Task<Result> HomeAsync(CurrentUser me, CancellationToken ct)
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
