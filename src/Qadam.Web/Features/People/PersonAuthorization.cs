using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

/// <summary>A visible person record and how the caller reaches it (see <see cref="PersonAccess.OpenAsync"/>).</summary>
public sealed record PersonResource(Guid PersonId, PersonReach Reach);

/// <summary>
/// What may be done to a visible record. Break-glass is read-only: no edit, consent, merge or sharing under a grant.
/// Only the owning organisation records or withdraws consent and merges; a sharing organisation may read and edit.
/// </summary>
public sealed class PersonAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, PersonResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, PersonResource resource)
    {
        var allowed = Operations.PermissionOf(requirement) switch
        {
            Permission.PeopleRead => true,
            Permission.PeopleUpdate or Permission.ActivitiesManage or Permission.SchemeManage
                or Permission.ConsultationsRecord or Permission.MeasurementsRecord or Permission.SurveyResponsesRecord => resource.Reach is PersonReach.Owned or PersonReach.Shared,
            Permission.ConsentManage or Permission.PeopleMerge => resource.Reach is PersonReach.Owned,
            _ => false,
        };
        if (allowed) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

public static class PersonAccess
{
    /// <summary>
    /// The one way a use case opens a person record for an operation: the role must allow the operation (else
    /// <see cref="ForbiddenException"/>), the record must be visible (else null → 404), and how it is reached must
    /// allow the operation (else <see cref="ForbiddenException"/>).
    /// </summary>
    public static async Task<(Qadam.Domain.Person Person, PersonReach Reach)?> OpenAsync(this Access access, Qadam.Data.QadamDbContext db,
        CurrentUser user, Guid id, Permission operation, CancellationToken ct, Func<IQueryable<Qadam.Domain.Person>, IQueryable<Qadam.Domain.Person>>? shape = null)
    {
        await access.DemandAsync(user, operation);
        var query = PersonScope.Visible(db);
        var person = await (shape?.Invoke(query) ?? query).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return null;
        var reach = person.OrganisationId == user.OrganisationId ? PersonReach.Owned
            : await PersonScope.Ordinary(db).AnyAsync(p => p.Id == id, ct) ? PersonReach.Shared
            : PersonReach.BreakGlass;
        await access.DemandAsync(user, operation, new PersonResource(id, reach));
        return (person, reach);
    }
}
