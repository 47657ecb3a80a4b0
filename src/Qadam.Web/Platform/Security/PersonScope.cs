using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;

namespace Qadam.Web.Platform.Security;

/// <summary>
/// The scope of the signed-in user, bound to every DbContext of the request. The DbContext's query filter on
/// <see cref="Person"/> enforces it, so no feature can read people around it (ADR 0005). What each role reaches:
/// case workers, supervisors and managers the whole organisation (owned or shared under consent); operators and
/// psychologists the people they registered; coordinators those plus the scheme's participants; employer and
/// mentor accounts the people placed with them; break-glass holders their own unexpired grants.
/// </summary>
public static class PersonScope
{
    public static AccessScope For(CurrentUser user)
    {
        if (user.Can(Permission.ApprenticesOwn) && user.EmployerId is { } employer)
            return new AccessScope { OrganisationId = user.OrganisationId, UserId = user.Id, EmployerId = employer, MentorId = user.MentorId };
        if (!user.Can(Permission.PeopleRead)) return AccessScope.None with { OrganisationId = user.OrganisationId, UserId = user.Id };
        return new AccessScope
        {
            OrganisationId = user.OrganisationId,
            UserId = user.Id,
            OrganisationWide = user.Roles.Any(OrganisationWideRoles.Contains),
            OwnRegistrations = true,
            SchemeParticipants = user.Can(Permission.SchemeManage),
            BreakGlass = user.Can(Permission.BreakGlass),
        };
    }

    private static readonly string[] OrganisationWideRoles = [Roles.CaseWorker, Roles.Supervisor, Roles.Manager];

    /// <summary>The people the caller may see (the filter is already applied; this names the intent).</summary>
    public static IQueryable<Person> Visible(QadamDbContext db) => db.People;

    /// <summary>Visible other than through break-glass: what writes, consents, merges and lists of work start from.</summary>
    public static IQueryable<Person> Ordinary(QadamDbContext db) => db.ReachablePeople();
}

/// <summary>How a visible record is reached: owned by the caller's organisation, shared with it under consent, or by break-glass.</summary>
public enum PersonReach { Owned = 1, Shared = 2, BreakGlass = 3 }

/// <summary>Reads the request user's scope; outside a request (or signed out) nothing is visible.</summary>
public sealed class RequestAccessScope(IHttpContextAccessor http) : IAccessScopeSource
{
    private static readonly object Key = new();

    public AccessScope Current
    {
        get
        {
            if (http.HttpContext is not { } context) return AccessScope.None;
            if (context.Items.TryGetValue(Key, out var cached) && cached is AccessScope scope) return scope;
            scope = CurrentUser.From(context) is { } user ? PersonScope.For(user) : AccessScope.None;
            if (context.User.Identity?.IsAuthenticated == true) context.Items[Key] = scope;
            return scope;
        }
    }
}
