using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qadam.Domain;

namespace Qadam.Web.Features.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, SignInPolicy policy, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Error = l["Login.Missing"];
            return Page();
        }
        var user = await users.FindByEmailAsync(Email.Trim());
        var result = user is { IsActive: true } ? await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true) : Microsoft.AspNetCore.Identity.SignInResult.Failed;
        await policy.RecordAsync(Email, user, result, HttpContext.Connection.RemoteIpAddress?.ToString(), "web", ct);
        if (result.RequiresTwoFactor) return RedirectToPage("LoginWith2fa", new { ReturnUrl });
        if (result.IsLockedOut) { Error = l["Login.LockedOut"]; return Page(); }
        if (!result.Succeeded) { Error = l["Login.Failed"]; return Page(); }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
