using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qadam.Auditing;
using Qadam.Domain;
using Qadam.Web.Platform.Auditing;

namespace Qadam.Web.Features.Account;

/// <summary>Enrol an authenticator app (TOTP, Identity's built-in provider) and see recovery codes once.</summary>
public sealed class TwoFactorModel(UserManager<AppUser> users, AuthenticatorKeys keys, SignInManager<AppUser> signIn, SignInPolicy policy, AuditLog audit, IStringLocalizer<SharedResource> l) : PageModel
{
    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    /// <summary>The URI as an inline SVG QR code for the authenticator app to scan (rendered on the server, no script).</summary>
    public string QrSvg { get; private set; } = "";
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public string? Error { get; private set; }
    [BindProperty] public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : RedirectToPage("Login");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("Login");
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Error = l["Login.BadCode"];
            await LoadAsync(ct);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await audit.RecordAsync(new Actor(user.Id, user.Email, user.OrganisationId, HttpContext.Connection.RemoteIpAddress?.ToString()), AuditAction.TwoFactor_Enabled, "User", user.Id.ToString(), null, ct);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList();
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return false;
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        Required = await policy.TwoFactorRequiredAsync(user, ct);
        var key = await keys.EnsureAsync(user, ct);
        SharedKey = string.Join(" ", Enumerable.Range(0, (key!.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLowerInvariant();
        AuthenticatorUri = $"otpauth://totp/{UrlEncoder.Default.Encode("Qadam")}:{UrlEncoder.Default.Encode(user.Email!)}?secret={key}&issuer=Qadam&digits=6";
        using var generator = new QRCoder.QRCodeGenerator();
        using var qr = generator.CreateQrCode(AuthenticatorUri, QRCoder.QRCodeGenerator.ECCLevel.M);
        QrSvg = new QRCoder.SvgQRCode(qr).GetGraphic(5);
        // The enrolment secret must not linger in caches or history.
        Response.Headers.CacheControl = "no-store";
        return true;
    }
}
