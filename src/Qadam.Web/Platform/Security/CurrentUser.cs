using System.Security.Claims;
using Qadam.Domain;
using Qadam.Web.Platform.Auditing;

namespace Qadam.Web.Platform.Security;

public static class QadamClaims
{
    public const string Organisation = "qadam:org";
    public const string Employer = "qadam:employer";
    public const string Mentor = "qadam:mentor";
}

/// <summary>The signed-in user as the use cases see them.</summary>
public sealed record CurrentUser(Guid Id, string Name, Guid OrganisationId, IReadOnlySet<string> Roles, string? IpAddress)
{
    /// <summary>The principal the authorization service evaluates (roles and organisation as claims).</summary>
    public ClaimsPrincipal Principal { get; init; } = new();
    /// <summary>Set for an employer's limited account (and its mentor, for a mentor's account).</summary>
    public Guid? EmployerId { get; init; }
    public Guid? MentorId { get; init; }

    public bool Can(Permission permission) => Permissions.Allows(Roles, permission);
    public bool IsIn(string role) => Roles.Contains(role);
    public Actor Actor => new(Id, Name, OrganisationId, IpAddress);

    public static CurrentUser? From(HttpContext http)
    {
        var principal = http.User;
        if (principal.Identity?.IsAuthenticated != true) return null;
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return null;
        if (!Guid.TryParse(principal.FindFirstValue(QadamClaims.Organisation), out var org)) return null;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        return new CurrentUser(id, principal.Identity.Name ?? id.ToString(), org, roles, http.Connection.RemoteIpAddress?.ToString())
        {
            Principal = principal,
            EmployerId = Guid.TryParse(principal.FindFirstValue(QadamClaims.Employer), out var employer) ? employer : null,
            MentorId = Guid.TryParse(principal.FindFirstValue(QadamClaims.Mentor), out var mentor) ? mentor : null,
        };
    }

    public static CurrentUser Require(HttpContext http) =>
        From(http) ?? throw new UnauthorizedAccessException("No signed-in user with an organisation.");
}

/// <summary>Lets handlers take a <see cref="CurrentUser"/> parameter in minimal APIs.</summary>
public static class CurrentUserBinding
{
    public static IServiceCollection AddCurrentUser(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped(sp => CurrentUser.Require(sp.GetRequiredService<IHttpContextAccessor>().HttpContext!));
        return services;
    }
}
