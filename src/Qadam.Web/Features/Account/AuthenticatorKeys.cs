using Microsoft.AspNetCore.Identity;
using Qadam.Domain;

namespace Qadam.Web.Features.Account;

/// <summary>
/// The user's authenticator key, created on first need. A first key replaces nothing, so unlike Identity's
/// ResetAuthenticatorKeyAsync it does not renew the security stamp — which would end the very session asking for it
/// now that every request checks the stamp.
/// </summary>
public sealed class AuthenticatorKeys(UserManager<AppUser> users, IUserStore<AppUser> store)
{
    public async Task<string> EnsureAsync(AppUser user, CancellationToken ct)
    {
        if (await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key) return key;
        await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, users.GenerateNewAuthenticatorKey(), ct);
        await users.UpdateAsync(user);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }
}
