using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qadam.Web.Features.Errors;

/// <summary>
/// The localised page for a failed page request (404, 403, 500, 503, …), reached by re-execution; API requests get
/// problem details instead. It reveals nothing about why a record is missing: out of scope and absent look the same.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    private static readonly int[] Known = [400, 403, 404, 405, 409, 413, 415, 429, 500, 503];

    public int Code { get; private set; }

    public void OnGet(int? code) => Code = Normalise(code ?? Response.StatusCode);

    // A failed POST is re-executed as a POST; it shows the same page.
    public void OnPost(int? code) => OnGet(code);

    private static int Normalise(int status) => Known.Contains(status) ? status : status >= 500 ? 500 : 400;
}
