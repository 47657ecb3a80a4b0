using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Qadam.Auditing;
using Qadam.Domain;
using Qadam.Web.Platform.Auditing;

namespace Qadam.Web.Features.Account;

/// <summary>
/// The Identity API endpoints Qadam allows: sign-in, refresh and two-factor management. No
/// self-registration and no e-mail password reset: organisation administrators create accounts.
/// Shapes follow ASP.NET Core Identity's own (<see cref="LoginRequest"/>, <see cref="AccessTokenResponse"/>).
/// </summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy);
        auth.MapPost("/refresh", RefreshAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy);
        auth.MapPost("/manage/2fa", TwoFactorAsync).RequireAuthorization();
        return api;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest login, SignInUser.Handler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new SignInUser.Command(login.Email, login.Password, login.TwoFactorCode, login.TwoFactorRecoveryCode, Api: true), ct);
        return result.Outcome switch
        {
            SignInUser.Outcome.Succeeded => TypedResults.Empty, // the bearer handler has written the access token response
            SignInUser.Outcome.MustEnrol => Problem(401, "Two-factor enrolment required",
                "Two-factor sign-in is mandatory for your role. Enrol an authenticator in the web app first.", "auth.two_factor_enrolment_required"),
            SignInUser.Outcome.RequiresTwoFactor => Problem(401, "Two-factor code required", "A valid two-factor code is required.", "auth.two_factor_required"),
            SignInUser.Outcome.Throttled => Throttled(http, result.RetryAfter!.Value),
            _ => Problem(401, "Sign-in failed", "The e-mail or password is wrong.", "auth.failed"),
        };
    }

    private static ProblemHttpResult Throttled(HttpContext http, TimeSpan wait)
    {
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(429, "Too many sign-in attempts", "Wait, then try again.", "auth.throttled");
    }

    private static ProblemHttpResult Problem(int status, string title, string detail, string code) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });

    private static async Task<Results<Ok<AccessTokenResponse>, UnauthorizedHttpResult, SignInHttpResult, ChallengeHttpResult>> RefreshAsync(
        RefreshRequest refresh, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock)
    {
        var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(refresh.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { IsActive: true } user)
            return TypedResults.Challenge();
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<Results<Ok<TwoFactorResponse>, ValidationProblem, NotFound>> TwoFactorAsync(
        TwoFactorRequest request, UserManager<AppUser> users, AuthenticatorKeys keys, SignInManager<AppUser> signIn, SignInPolicy policy, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        if (await users.GetUserAsync(http.User) is not { } user) return TypedResults.NotFound();
        if (request.Enable == true)
        {
            if (request.ResetSharedKey)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["resetSharedKey"] = ["Cannot reset the key and enable in one request."] });
            if (string.IsNullOrEmpty(request.TwoFactorCode))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["twoFactorCode"] = ["A code from the authenticator is required to enable two-factor sign-in."] });
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, request.TwoFactorCode))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["twoFactorCode"] = ["The code is not valid."] });
            await users.SetTwoFactorEnabledAsync(user, true);
            await audit.RecordAsync(new Actor(user.Id, user.Email, user.OrganisationId, null), AuditAction.TwoFactor_Enabled, "User", user.Id.ToString(), null, ct);
        }
        else if (request.Enable == false || request.ResetSharedKey)
        {
            if (await policy.TwoFactorRequiredAsync(user, ct))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["enable"] = ["Two-factor sign-in is mandatory for your role."] });
            await users.SetTwoFactorEnabledAsync(user, false);
            await audit.RecordAsync(new Actor(user.Id, user.Email, user.OrganisationId, null), AuditAction.TwoFactor_Disabled, "User", user.Id.ToString(), null, ct);
            if (request.ResetSharedKey) await users.ResetAuthenticatorKeyAsync(user);
        }
        string[]? recoveryCodes = null;
        if (request.ResetRecoveryCodes || (request.Enable == true && await users.CountRecoveryCodesAsync(user) == 0))
            recoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToArray();
        if (request.ForgetMachine) await signIn.ForgetTwoFactorClientAsync();
        var key = await keys.EnsureAsync(user, ct);
        return TypedResults.Ok(new TwoFactorResponse
        {
            SharedKey = key, RecoveryCodes = recoveryCodes, RecoveryCodesLeft = recoveryCodes?.Length ?? await users.CountRecoveryCodesAsync(user),
            IsTwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user), IsMachineRemembered = false,
        });
    }
}
