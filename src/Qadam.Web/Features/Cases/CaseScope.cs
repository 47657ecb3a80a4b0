using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Features.People;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Cases;

/// <summary>
/// The cases a user may see. Always only cases whose person the user sees (the one person scope), and within that:
/// case workers and supervisors the organisation's cases and the cases referred to it while the referral is accepted
/// or completed; operators and psychologists the cases they opened or are assigned to. Only the owner changes a case.
/// </summary>
public static class CaseScope
{
    public static bool OrganisationWide(CurrentUser user) => user.IsIn(Roles.CaseWorker) || user.IsIn(Roles.Supervisor);

    public static IQueryable<Case> Visible(QadamDbContext db, CurrentUser user)
    {
        var org = user.OrganisationId;
        var me = user.Id;
        var wide = OrganisationWide(user);
        return db.Cases.Where(c => PersonScope.Visible(db).Any(p => p.Id == c.PersonId)
            && ((c.OrganisationId == org && (wide || c.OpenedByUserId == me || db.CaseAssignments.Any(a => a.CaseId == c.Id && a.UserId == me && a.EndedAt == null)))
                || (wide && db.Referrals.Any(r => r.CaseId == c.Id && r.ToOrganisationId == org
                    && (r.Status == ReferralStatus.Accepted || r.Status == ReferralStatus.Completed)))));
    }

    /// <summary>My cases: the ones I am assigned to, or opened and nobody is assigned to yet.</summary>
    public static IQueryable<Case> Mine(IQueryable<Case> cases, CurrentUser user) =>
        cases.Where(c => c.Workers.Any(w => w.UserId == user.Id && w.EndedAt == null) || (c.OpenedByUserId == user.Id && !c.Workers.Any()));

    /// <summary>The active users of an organisation who work cases: case workers, psychologists, supervisors.</summary>
    public static IQueryable<AppUser> Colleagues(QadamDbContext db, Guid organisationId)
    {
        var roles = new[] { Roles.CaseWorker, Roles.Psychologist, Roles.Supervisor };
        return db.Users.Where(u => u.OrganisationId == organisationId && u.IsActive
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))));
    }

    /// <summary>
    /// Opens a visible case for a change: null when it is not visible (404); <see cref="ForbiddenException"/> when the
    /// role may not make the change or the case belongs to another organisation (a referred case is read-only).
    /// </summary>
    public static async Task<Case?> OpenForChangeAsync(QadamDbContext db, Access access, CurrentUser user, Guid id, Permission operation, CancellationToken ct)
    {
        await access.DemandAsync(user, operation);
        var found = await Visible(db, user)
            .Include(c => c.Workers).Include(c => c.Goals).Include(c => c.Tasks)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (found is null) return null;
        if (found.OrganisationId != user.OrganisationId) throw new ForbiddenException(operation);
        return found;
    }
}
