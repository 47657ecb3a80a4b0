using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Web.Features.Scheme;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Activities;

[Authorize(Policy = "perm:ActivitiesRead")]
public sealed class IndexModel(ManageActivities activities, IStringLocalizer<SharedResource> l) : SchemePage
{
    [BindProperty] public ActivityInput Input { get; set; } = new("Training", null, null, null, null, null);
    public List<ActivityDto> List { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => List = await activities.ListAsync(Me, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var (activity, errors) = await activities.CreateAsync(Input, Me, ct);
        if (activity is not null) return Redirect($"/Activities/Activity/{activity.Id}");
        errors.CopyTo(ModelState, l, "Input.");
        List = await activities.ListAsync(Me, ct);
        return Page();
    }
}
