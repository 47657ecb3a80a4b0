using Microsoft.AspNetCore.Authorization;
using Qadam.Web.Features.Scheme;

namespace Qadam.Web.Features.Activities;

[Authorize(Policy = "perm:ActivitiesRead")]
public sealed class VolunteersModel(Volunteers volunteers) : SchemePage
{
    public List<VolunteerDto> List { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => List = await volunteers.ListAsync(Me, ct);
}
