using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Features.People;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features;

/// <summary>What needs my attention: alerts for my organisation, people awaiting follow-up, records I opened recently.</summary>
public sealed class IndexModel(QadamDbContext db, TimeProvider clock) : PageModel
{
    public CurrentUser Me { get; private set; } = null!;
    public List<Notification> Alerts { get; private set; } = [];
    public List<PersonSummary> FollowUps { get; private set; } = [];
    public int FollowUpTotal { get; private set; }
    public List<PersonSummary> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Me = CurrentUser.Require(HttpContext);
        var now = clock.GetUtcNow();
        if (Me.IsIn(Roles.Supervisor) || Me.IsIn(Roles.Manager) || Me.IsIn(Roles.OrgAdmin))
            Alerts = await db.Notifications.AsNoTracking().Where(n => n.OrganisationId == Me.OrganisationId && n.EmployerId == null && n.AcknowledgedAt == null)
                .OrderByDescending(n => n.CreatedAt).Take(20).ToListAsync(ct);
        if (!Me.Can(Permission.PeopleRead)) return;
        var followUps = FollowUpList.Query(db, Me);
        FollowUpTotal = await followUps.CountAsync(ct);
        FollowUps = (await followUps.OrderBy(p => p.UpdatedAt).Take(10).AsNoTracking().ToListAsync(ct)).Select(PersonSummary.From).ToList();
        var recentIds = await db.AuditEvents.AsNoTracking()
            .Where(e => e.UserId == Me.Id && e.Action == AuditAction.Person_Viewed && e.EntityId != null)
            .OrderByDescending(e => e.Sequence).Select(e => e.EntityId!).Take(50).ToListAsync(ct);
        var ids = recentIds.Distinct().Take(8).Select(Guid.Parse).ToList();
        var people = await PersonScope.Visible(db).Where(p => ids.Contains(p.Id)).AsNoTracking().ToListAsync(ct);
        Recent = ids.Select(id => people.FirstOrDefault(p => p.Id == id)).OfType<Person>().Select(PersonSummary.From).ToList();
    }
}
