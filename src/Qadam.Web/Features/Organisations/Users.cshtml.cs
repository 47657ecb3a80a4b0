using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Organisations;

[Authorize(Policy = "perm:UsersManage")]
public sealed class UsersModel(ManageUsers manage, IStringLocalizer<SharedResource> l) : PageModel
{
    public List<UserDto> Users { get; private set; } = [];
    public List<string> TwoFactorRoles { get; private set; } = [];
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var (user, errors) = await manage.CreateAsync(new CreateUserInput(Email, DisplayName, Password, Roles), CurrentUser.Require(HttpContext), ct);
        if (user is not null) return RedirectToPage();
        errors.CopyTo(ModelState, l);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostActiveAsync(Guid id, bool active, CancellationToken ct)
    {
        var (found, _, errors) = await manage.UpdateAsync(id, new UpdateUserInput(null, null, active), CurrentUser.Require(HttpContext), ct);
        if (!found) return NotFound();
        errors.CopyTo(ModelState, l);
        await LoadAsync(ct);
        return errors.Any ? Page() : RedirectToPage();
    }

    public async Task<IActionResult> OnPostTwoFactorAsync(List<string> twoFactorRoles, CancellationToken ct)
    {
        var errors = await manage.SetTwoFactorRolesAsync(twoFactorRoles, CurrentUser.Require(HttpContext), ct);
        errors.CopyTo(ModelState, l);
        await LoadAsync(ct);
        return errors.Any ? Page() : RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = CurrentUser.Require(HttpContext);
        Users = await manage.ListAsync(me, ct);
        TwoFactorRoles = await manage.TwoFactorRolesAsync(me, ct);
    }
}
