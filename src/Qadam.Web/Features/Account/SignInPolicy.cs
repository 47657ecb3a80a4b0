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
public sealed class QadamClaimsFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options, QadamDbContext db)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(QadamClaims.Organisation, user.OrganisationId.ToString()));
        identity.AddClaim(new Claim("qadam:name", user.DisplayName));
        // An employer's limited account carries its employer (and mentor), so its scope needs no lookup per query.
        if (await db.EmployerAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.UserId == user.Id) is { } link)
        {
            identity.AddClaim(new Claim(QadamClaims.Employer, link.EmployerId.ToString()));
            if (link.MentorId is { } mentor) identity.AddClaim(new Claim(QadamClaims.Mentor, mentor.ToString()));
        }
        return identity;
    }
}

/// <summary>Sign-in rules shared by the pages and the API: audit every attempt, honour mandatory TOTP.</summary>
public sealed class SignInPolicy(QadamDbContext db, UserManager<AppUser> users, AuditLog audit, IHostEnvironment environment)
{
    /// <summary>Roles that read case content: outside demo environments they always need a second factor.</summary>
    public static readonly string[] CaseContentRoles = [Roles.Operator, Roles.CaseWorker, Roles.Psychologist, Roles.Supervisor, Roles.Coordinator, Roles.Manager];

    public async Task<bool> TwoFactorRequiredAsync(AppUser user, CancellationToken ct)
    {
        var roles = await users.GetRolesAsync(user);
        if (!Platform.QadamServices.IsDemoEnvironment(environment) && roles.Any(CaseContentRoles.Contains)) return true;
        return await db.TwoFactorPolicies.AnyAsync(p => p.OrganisationId == user.OrganisationId && roles.Contains(p.Role), ct);
    }

    /// <summary>True when the user must enrol an authenticator before doing anything else.</summary>
    public async Task<bool> MustEnrolAsync(AppUser user, CancellationToken ct) =>
        !user.TwoFactorEnabled && await TwoFactorRequiredAsync(user, ct);

    /// <summary>The outcome of the second step (the code) for a user who passed the password step.</summary>
    public Task RecordAsync(AppUser user, SignInResult result, string? ip, string channel, CancellationToken ct) =>
        result.Succeeded
            ? audit.RecordAsync(new Actor(user.Id, user.Email, user.OrganisationId, ip), AuditAction.Login_Succeeded, "User", user.Id.ToString(), new { channel }, ct)
            : RecordTwoFactorFailureAsync(user, ip, channel, ct);

    public Task RecordTwoFactorFailureAsync(AppUser user, string? ip, string channel, CancellationToken ct) =>
        audit.RecordAsync(new Actor(user.Id, user.Email, user.OrganisationId, ip), AuditAction.Login_TwoFactorFailed, "User", user.Id.ToString(), new { channel }, ct);
}
