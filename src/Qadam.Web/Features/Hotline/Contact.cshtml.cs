using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Hotline;

public sealed class ContactModel(GetContact.Handler get) : PageModel
{
    public ContactDto Contact { get; private set; } = null!;
    [BindProperty(SupportsGet = true)] public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await get.HandleAsync(id, CurrentUser.Require(HttpContext), ct) is not { } contact) return NotFound();
        Contact = contact;
        return Page();
    }
}
