using Microsoft.AspNetCore.Identity;
using Qadam.Auditing;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Web.Platform.Auditing;

namespace Qadam.Web.Features.Account;

/// <summary>
/// Password sign-in for the login page and the API alike. Answers the same (outcome, message, similar work)
/// whether the account exists, is disabled or lacks two-factor enrolment; only a caller who knows the password
/// learns that enrolment is required. Failed attempts are audited with a keyed hash of the typed e-mail.
/// </summary>
public static class SignInUser
{
    public enum Outcome { Succeeded, RequiresTwoFactor, MustEnrol, Failed, Throttled }

    /// <param name="Api">Bearer tokens (API) rather than the cookie (pages).</param>
    public sealed record Command(string? Email, string? Password, string? TwoFactorCode, string? RecoveryCode, bool Api);

    public sealed record Result(Outcome Outcome, TimeSpan? RetryAfter = null);

    public sealed class Handler(SignInManager<AppUser> signIn, UserManager<AppUser> users, SignInPolicy policy, LoginThrottle throttle,
        BlindIndex index, AuditLog audit, IHttpContextAccessor accessor)
    {
        // Verified against when no usable account exists, so a miss costs what a wrong password costs.
        private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser { DisplayName = "" }, Guid.NewGuid().ToString()));

        public async Task<Result> HandleAsync(Command command, CancellationToken ct)
        {
            var http = accessor.HttpContext!;
            var ip = http.Connection.RemoteIpAddress?.ToString();
            var channel = command.Api ? "api" : "web";
            var email = command.Email?.Trim() ?? "";
            var account = index.Compute("login", email.ToUpperInvariant());
            var (client, known) = throttle.ClientOf(http, account);
            if (throttle.Check(account, client, known) is { } wait)
            {
                await AuditFailureAsync(null, account, ip, channel, "throttled", ct);
                return new(Outcome.Throttled, wait);
            }

            var user = email.Length == 0 ? null : await users.FindByEmailAsync(email);
            var passwordOk = false;
            if (user is { IsActive: true })
                passwordOk = (await signIn.CheckPasswordSignInAsync(user, command.Password ?? "", lockoutOnFailure: false)).Succeeded;
            else
                users.PasswordHasher.VerifyHashedPassword(new AppUser { DisplayName = "" }, DummyHash.Value, command.Password ?? "");
            if (!passwordOk)
            {
                throttle.RecordFailure(account, client);
                await AuditFailureAsync(user, account, ip, channel, "password", ct);
                return new(Outcome.Failed);
            }

            if (command.Api && await policy.MustEnrolAsync(user!, ct)) return new(Outcome.MustEnrol);
            signIn.AuthenticationScheme = command.Api ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme;
            var result = await signIn.PasswordSignInAsync(user!, command.Password!, isPersistent: false, lockoutOnFailure: false);
            if (result.RequiresTwoFactor && command.Api)
            {
                if (!string.IsNullOrEmpty(command.TwoFactorCode))
                    result = await signIn.TwoFactorAuthenticatorSignInAsync(command.TwoFactorCode, false, false);
                else if (!string.IsNullOrEmpty(command.RecoveryCode))
                    result = await signIn.TwoFactorRecoveryCodeSignInAsync(command.RecoveryCode);
                if (!result.Succeeded)
                {
                    if (!string.IsNullOrEmpty(command.TwoFactorCode) || !string.IsNullOrEmpty(command.RecoveryCode))
                    {
                        throttle.RecordFailure(account, client);
                        await policy.RecordTwoFactorFailureAsync(user!, ip, channel, ct);
                    }
                    return new(Outcome.RequiresTwoFactor);
                }
            }
            if (result.RequiresTwoFactor) return new(Outcome.RequiresTwoFactor); // the page asks for the code next
            if (!result.Succeeded)
            {
                throttle.RecordFailure(account, client);
                await AuditFailureAsync(user, account, ip, channel, "not_allowed", ct);
                return new(Outcome.Failed);
            }
            await audit.RecordAsync(new Actor(user!.Id, user.Email, user.OrganisationId, ip), AuditAction.Login_Succeeded, "User", user.Id.ToString(), new { channel }, ct);
            if (!command.Api) throttle.RememberDevice(http, account);
            return new(Outcome.Succeeded);
        }

        private Task AuditFailureAsync(AppUser? user, string account, string? ip, string channel, string reason, CancellationToken ct) =>
            audit.RecordAsync(new Actor(user?.Id, null, user?.OrganisationId, ip), AuditAction.Login_Failed, "User", user?.Id.ToString(),
                new { channel, reason, emailHash = account, knownUser = user is not null }, ct);
    }
}
