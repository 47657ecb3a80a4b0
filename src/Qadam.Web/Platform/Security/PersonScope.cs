using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;

namespace Qadam.Web.Platform.Security;

/// <summary>
/// Which person records a user may see. A record is in scope when it is owned by the user's organisation
/// (operators: only records they registered themselves, standing in for "linked to a contact they handle"),
/// shared with the organisation under an active consent, or covered by the user's unexpired break-glass grant.
/// </summary>
public static class PersonScope
{
    public static IQueryable<Person> Visible(QadamDbContext db, CurrentUser user, DateTimeOffset now, bool includeBreakGlass = true)
    {
        if (!user.Can(Permission.PeopleRead)) return db.People.Where(_ => false);
        var orgWide = SeesWholeOrganisation(user);
        var org = user.OrganisationId;
        var uid = user.Id;
        var shared = db.Consents.Where(c => c.Purpose == ConsentPurpose.SharingWithOrganisation
                && c.TargetOrganisationId == org && c.WithdrawnAt == null).Select(c => c.PersonId);
        var broken = db.BreakGlassGrants.Where(g => includeBreakGlass && g.UserId == uid && g.ExpiresAt > now).Select(g => g.PersonId);
        return orgWide
            ? db.People.Where(p => p.OrganisationId == org || shared.Contains(p.Id) || broken.Contains(p.Id))
            : db.People.Where(p => (p.OrganisationId == org && p.CreatedByUserId == uid) || broken.Contains(p.Id));
    }

    /// <summary>Roles that read every record their organisation owns (operators see only the ones they registered).</summary>
    public static bool SeesWholeOrganisation(CurrentUser user) =>
        user.Roles.Any(r => r is not Roles.Operator && Permissions.RolesFor(Permission.PeopleRead).Contains(r));

    /// <summary>True when the record is visible only through a break-glass grant (its use is then audited as such).</summary>
    public static async Task<bool> IsBreakGlassOnlyAsync(QadamDbContext db, CurrentUser user, Guid personId, DateTimeOffset now, CancellationToken ct) =>
        !await Visible(db, user, now, includeBreakGlass: false).AnyAsync(p => p.Id == personId, ct);
}
