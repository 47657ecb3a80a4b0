using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qadam.Data;

namespace Qadam.Web.Platform.Security;

/// <summary>
/// Access dies with the account: on every authenticated request the token's or cookie's security stamp is compared
/// with the account's (one indexed read of two columns). Disabling a user, changing their password or their roles
/// changes the stamp, so their bearer tokens and cookies stop working at once — not when they expire.
/// </summary>
/// <remarks>
/// The same comparison as <see cref="SignInManager{TUser}.ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal)"/>,
/// reading the stamp and the active flag only, where Identity's version loads the whole account through
/// <see cref="UserManager{TUser}"/> on every request.
/// </remarks>
public sealed class AccountStillValidMiddleware(RequestDelegate next, IOptions<IdentityOptions> identity)
{
    public async Task InvokeAsync(HttpContext http, QadamDbContext db)
    {
        // The error page is reached by re-execution and must render even when the database is down.
        if (http.User.Identity?.IsAuthenticated == true && !http.Request.Path.StartsWithSegments("/Error") && !await StillValidAsync(http, db))
        {
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await Results.Problem(title: "Your session has ended. Sign in again.", statusCode: 401,
                    extensions: new Dictionary<string, object?> { ["code"] = "auth.session_ended" }).ExecuteAsync(http);
                return;
            }
            // Only here: building the sign-in manager (and the user manager under it) on every request cost more than the check.
            await http.RequestServices.GetRequiredService<SignInManager<Domain.AppUser>>().SignOutAsync();
            http.Response.Redirect("/Account/Login");
            return;
        }
        await next(http);
    }

    private async Task<bool> StillValidAsync(HttpContext http, QadamDbContext db)
    {
        var claims = identity.Value.ClaimsIdentity;
        if (!Guid.TryParse(http.User.FindFirst(claims.UserIdClaimType)?.Value, out var id)) return false;
        var stamp = await StampOf.For(db)(db, id, http.RequestAborted);
        return stamp is { IsActive: true } && stamp.SecurityStamp is { } current && current == http.User.FindFirst(claims.SecurityStampClaimType)?.Value;
    }

    private sealed record Stamp(string? SecurityStamp, bool IsActive);

    // Every authenticated request runs it: compiled, EF does not look its shape up in the query cache each time.
    private static readonly CompiledPerModel<Func<QadamDbContext, Guid, CancellationToken, Task<Stamp?>>> StampOf = new(() => EF.CompileAsyncQuery(
        (QadamDbContext db, Guid id, CancellationToken _) => db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new Stamp(u.SecurityStamp, u.IsActive)).FirstOrDefault()));
}
