using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qadam.Auditing;
using Qadam.Domain;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Account;

public sealed class LogoutModel(SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (CurrentUser.From(HttpContext) is { } user)
            await audit.RecordAsync(user.Actor, AuditAction.Logout, "User", user.Id.ToString(), null, ct);
        await signIn.SignOutAsync();
        return RedirectToPage("Login");
    }
}
