using Microsoft.AspNetCore.Identity;
using Qadam.Domain;
using Qadam.Web.Features.Account;

namespace Qadam.Web.Platform.Security;

/// <summary>
/// Where an administrator made TOTP mandatory for a role, a signed-in user of that role who has not enrolled
/// yet is sent to enrol before any other page. (The API refuses such users at sign-in.)
/// </summary>
public sealed class TwoFactorEnrolmentMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path;
        if (http.User.Identity?.IsAuthenticated == true && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/assets")
            && !path.StartsWithSegments("/Account") && !path.StartsWithSegments("/culture") && !path.StartsWithSegments("/health")
            && !path.StartsWithSegments("/Error"))
        {
            // Resolved here, not as parameters: the API's requests (most of them) would otherwise build a user manager each.
            var users = http.RequestServices.GetRequiredService<UserManager<AppUser>>();
            var policy = http.RequestServices.GetRequiredService<SignInPolicy>();
            if (await users.GetUserAsync(http.User) is { } user && await policy.MustEnrolAsync(user, http.RequestAborted))
            {
                http.Response.Redirect("/Account/TwoFactor?required=true");
                return;
            }
        }
        await next(http);
    }
}
