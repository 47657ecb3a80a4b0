using Microsoft.AspNetCore.Identity;
using Qadam.Domain;

namespace Qadam.Web.Platform.Security;

/// <summary>
/// Access dies with the account: on every authenticated request the token's or cookie's security stamp is compared
/// with the account's (one indexed read). Disabling a user, changing their password or their roles changes the
/// stamp, so their bearer tokens and cookies stop working at once — not when they expire.
/// </summary>
public sealed class AccountStillValidMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, SignInManager<AppUser> signIn)
    {
        // The error page is reached by re-execution and must render even when the database is down.
        if (http.User.Identity?.IsAuthenticated == true && !http.Request.Path.StartsWithSegments("/Error")
            && await signIn.ValidateSecurityStampAsync(http.User) is not { IsActive: true })
        {
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await Results.Problem(title: "Your session has ended. Sign in again.", statusCode: 401,
                    extensions: new Dictionary<string, object?> { ["code"] = "auth.session_ended" }).ExecuteAsync(http);
                return;
            }
            await signIn.SignOutAsync();
            http.Response.Redirect("/Account/Login");
            return;
        }
        await next(http);
    }
}
