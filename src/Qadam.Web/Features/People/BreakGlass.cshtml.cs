using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

[Authorize(Policy = "perm:BreakGlass")]
public sealed class BreakGlassModel(OpenBreakGlass.Handler handler, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? Iin { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await handler.HandleAsync(new OpenBreakGlass.Command(null, Iin, Reason), CurrentUser.Require(HttpContext), ct);
        if (result.Grant is { } grant) return RedirectToPage("Details", new { id = grant.PersonId });
        result.Errors.CopyTo(ModelState, l);
        return Page();
    }
}
