using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Qadam.Web.Features.Account;

public sealed class LoginLimitsOptions
{
    public const string Section = "LoginLimits";
    /// <summary>Sign-in requests (pages and API) per client address per minute, by the ASP.NET Core rate limiter.</summary>
    public int PerClientPerMinute { get; set; } = 30;
    /// <summary>Failed attempts for one account from one client (address, or a browser that signed in as it before) within the window.</summary>
    public int FailuresPerAccountAndClient { get; set; } = 5;
    /// <summary>Attempts for one account from clients it has never signed in from, within the window (slows distributed guessing).</summary>
    public int PerAccountFromUnknownClients { get; set; } = 50;
    public int WindowMinutes { get; set; } = 15;
}

/// <summary>
/// Throttles password guessing without letting anyone keep a colleague out (OWASP's "device cookie" pattern):
/// failures lock out the pair (account, client), never the account; a browser that signed in successfully as an
/// account carries a protected device cookie and keeps its own budget, so a flood from elsewhere does not reach it.
/// Counters are per instance (several instances multiply the budget; the per-client limit still bounds each).
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    public const string DeviceCookie = "qadam.device";
    private readonly PartitionedRateLimiter<string> failures;
    private readonly PartitionedRateLimiter<string> unknownClients;
    private readonly IDataProtector devices;
    private readonly TimeSpan window;

    public LoginThrottle(IOptions<LoginLimitsOptions> options, IDataProtectionProvider protection)
    {
        var o = options.Value;
        window = TimeSpan.FromMinutes(o.WindowMinutes);
        failures = Limiter(o.FailuresPerAccountAndClient);
        unknownClients = Limiter(o.PerAccountFromUnknownClients);
        devices = protection.CreateProtector("Qadam.Login.Device");
    }

    private PartitionedRateLimiter<string> Limiter(int permits) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));

    /// <summary>The client's key: the device cookie when it was issued for this account, else its address.</summary>
    public (string Client, bool Known) ClientOf(HttpContext http, string account)
    {
        if (http.Request.Cookies.TryGetValue(DeviceCookie, out var cookie))
        {
            try
            {
                var parts = devices.Unprotect(cookie).Split('|');
                if (parts.Length == 2 && parts[0] == account) return ("device:" + parts[1], true);
            }
            catch (System.Security.Cryptography.CryptographicException) { /* not ours or expired keys: treat as unknown */ }
        }
        return ("ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), false);
    }

    /// <summary>Null when an attempt may proceed, else how long to wait. Unknown clients also spend the account's shared budget.</summary>
    public TimeSpan? Check(string account, string client, bool known)
    {
        using var failed = failures.AttemptAcquire(account + "|" + client, 0);
        if (!failed.IsAcquired) return RetryAfter(failed);
        if (known) return null;
        using var shared = unknownClients.AttemptAcquire(account, 1);
        return shared.IsAcquired ? null : RetryAfter(shared);
    }

    public void RecordFailure(string account, string client)
    {
        using var _ = failures.AttemptAcquire(account + "|" + client, 1);
    }

    public void RememberDevice(HttpContext http, string account) =>
        http.Response.Cookies.Append(DeviceCookie, devices.Protect(account + "|" + Guid.NewGuid().ToString("N")), new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, IsEssential = true,
            Expires = DateTimeOffset.UtcNow.AddDays(90), Path = "/Account",
        });

    private TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;

    public void Dispose()
    {
        failures.Dispose();
        unknownClients.Dispose();
    }
}
