using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Qadam.Web.Platform;

namespace Qadam.Web.Features.Scheme;

[Authorize(Policy = "perm:SchemeRead")]
public sealed class PlacementsModel(PlacementService placements) : SchemePage
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    public Page<PlacementRow> List { get; private set; } = new([], null);

    public async Task OnGetAsync(CancellationToken ct) => List = await placements.ListAsync(Me, Status, null, After, null, ct);

    /// <summary>The same filter from the page after <paramref name="after"/>, or from the first page.</summary>
    public string PageLink(string? after) => Url.Page("Placements", new { status = Status, after })!;
}
