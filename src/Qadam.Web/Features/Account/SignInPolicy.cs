using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Account;

/// <summary>Adds the organisation to the principal, so every request knows its scope without a lookup.</summary>
public sealed class QadamClaimsFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(QadamClaims.Organisation, user.OrganisationId.ToString()));
        identity.AddClaim(new Claim("qadam:name", user.DisplayName));
        return identity;
    }
}

/// <summary>Sign-in rules shared by the pages and the API: audit every attempt, honour mandatory TOTP.</summary>
public sealed class SignInPolicy(QadamDbContext db, UserManager<AppUser> users, AuditLog audit)
{
    public async Task<bool> TwoFactorRequiredAsync(AppUser user, CancellationToken ct)
    {
        var roles = await users.GetRolesAsync(user);
        return await db.TwoFactorPolicies.AnyAsync(p => p.OrganisationId == user.OrganisationId && roles.Contains(p.Role), ct);
    }

    /// <summary>True when the user must enrol an authenticator before doing anything else.</summary>
    public async Task<bool> MustEnrolAsync(AppUser user, CancellationToken ct) =>
        !user.TwoFactorEnabled && await TwoFactorRequiredAsync(user, ct);

    public Task RecordAsync(string? email, AppUser? user, SignInResult result, string? ip, string channel, CancellationToken ct)
    {
        var action = result.Succeeded ? AuditAction.Login_Succeeded
            : result.IsLockedOut ? AuditAction.Login_LockedOut
            : result.RequiresTwoFactor ? (AuditAction?)null
            : AuditAction.Login_Failed;
        if (action is null) return Task.CompletedTask; // the second factor's outcome is recorded instead
        return audit.RecordAsync(new Actor(user?.Id, user?.Email ?? Truncate(email), user?.OrganisationId, ip), action.Value,
            "User", user?.Id.ToString(), new { channel, knownUser = user is not null }, ct);
    }

    public Task RecordTwoFactorFailureAsync(AppUser user, string? ip, string channel, CancellationToken ct) =>
        audit.RecordAsync(new Actor(user.Id, user.Email, user.OrganisationId, ip), AuditAction.Login_TwoFactorFailed, "User", user.Id.ToString(), new { channel }, ct);

    private static string? Truncate(string? s) => s is { Length: > 100 } ? s[..100] : s;
}
