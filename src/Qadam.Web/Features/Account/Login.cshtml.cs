using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qadam.Domain;

namespace Qadam.Web.Features.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(LoginRateLimit.Policy)]
public sealed class LoginModel(SignInUser.Handler handler, IStringLocalizer<SharedResource> l) : PageModel
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
        var result = await handler.HandleAsync(new SignInUser.Command(Email, Password, null, null, Api: false), ct);
        switch (result.Outcome)
        {
            case SignInUser.Outcome.RequiresTwoFactor: return RedirectToPage("LoginWith2fa", new { ReturnUrl });
            case SignInUser.Outcome.Succeeded: return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            case SignInUser.Outcome.Throttled:
                Response.StatusCode = 429;
                Response.Headers.RetryAfter = ((int)Math.Ceiling(result.RetryAfter!.Value.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                Error = l["Login.Throttled"];
                return Page();
            default:
                Error = l["Login.Failed"];
                return Page();
        }
    }
}
