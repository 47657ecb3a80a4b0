using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Qadam.Web.Platform.Security;

/// <summary>One requirement per operation; the role table (<see cref="Permissions"/>) decides who may attempt it.</summary>
public static class Operations
{
    private static readonly ConcurrentDictionary<Permission, OperationAuthorizationRequirement> Cache = new();

    public static OperationAuthorizationRequirement Of(Permission permission) =>
        Cache.GetOrAdd(permission, p => new OperationAuthorizationRequirement { Name = p.ToString() });

    public static Permission PermissionOf(OperationAuthorizationRequirement requirement) => Enum.Parse<Permission>(requirement.Name);
}

/// <summary>
/// The role check, for every operation. Without a resource it decides alone; with one, it only vetoes, and the
/// resource's own handler (e.g. <see cref="PersonAuthorizationHandler"/>) must succeed — a resource type without a
/// handler is refused (deny by default).
/// </summary>
public sealed class RoleAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement)
    {
        var roles = context.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value);
        if (!Permissions.Allows(roles, Operations.PermissionOf(requirement))) context.Fail();
        else if (context.Resource is null) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>Refused by the role table: answered 403 by the API and as the localised "not allowed" page in the UI.</summary>
public sealed class ForbiddenException(Permission permission) : Exception($"Not allowed: {permission}.")
{
    public Permission Permission { get; } = permission;
}

/// <summary>What every use case asks before it touches data.</summary>
public sealed class Access(IAuthorizationService authorization)
{
    public async Task<bool> CanAsync(CurrentUser user, Permission operation, object? resource = null) =>
        (await authorization.AuthorizeAsync(user.Principal, resource, Operations.Of(operation))).Succeeded;

    /// <summary>Throws <see cref="ForbiddenException"/> unless the user may perform the operation (on the resource).</summary>
    public async Task DemandAsync(CurrentUser user, Permission operation, object? resource = null)
    {
        if (!await CanAsync(user, operation, resource)) throw new ForbiddenException(operation);
    }
}
