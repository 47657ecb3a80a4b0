using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qadam.Auditing;
using Qadam.Domain;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Account;

public sealed class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? Current { get; set; }
    [BindProperty] public string? New { get; set; }
    [BindProperty] public string? Confirm { get; set; }
    public bool Changed { get; private set; }
    public List<string> Errors { get; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("Login");
        if (string.IsNullOrEmpty(New) || New != Confirm) { Errors.Add(l["Password.Mismatch"]); return Page(); }
        var result = await users.ChangePasswordAsync(user, Current ?? "", New);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => e.Code == "PasswordMismatch" ? l["Password.WrongCurrent"].Value : l["Identity." + e.Code].Value));
            return Page();
        }
        await signIn.RefreshSignInAsync(user); // the security stamp changed: other sessions end, this one continues
        await audit.RecordAsync(CurrentUser.Require(HttpContext).Actor, AuditAction.Password_Changed, "User", user.Id.ToString(), null, ct);
        Changed = true;
        return Page();
    }
}
