using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

[Authorize(Policy = "perm:PeopleSearch")]
public sealed class IndexModel(SearchPeople.Handler search) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    public SearchPeople.Result Result { get; private set; } = new([], 0, false, "list", null);
    public bool CanCreate { get; private set; }
    public const int PageSize = 25;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = CurrentUser.Require(HttpContext);
        CanCreate = user.Can(Permission.PeopleCreate);
        Result = await search.HandleAsync(new SearchPeople.Query(Q, After, PageSize), user, ct);
    }
}
