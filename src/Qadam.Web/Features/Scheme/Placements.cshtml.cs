using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Qadam.Web.Features.Scheme;

[Authorize(Policy = "perm:SchemeRead")]
public sealed class PlacementsModel(PlacementService placements) : SchemePage
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    public List<PlacementRow> List { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => List = await placements.ListAsync(Me, Status, null, ct);
}
