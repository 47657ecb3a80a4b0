using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Cases;

/// <summary>The cases the user works: assigned to me by default, or all the organisation's (and referred-in) cases.</summary>
[Authorize(Policy = "perm:CasesRead")]
public sealed class IndexModel(ListCases.Handler list) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    public List<CaseRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await list.HandleAsync(CurrentUser.Require(HttpContext), !All, Status, ct);
}
