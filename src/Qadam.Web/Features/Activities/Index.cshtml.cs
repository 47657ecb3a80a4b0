using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Web.Features.Scheme;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Activities;

[Authorize(Policy = "perm:ActivitiesRead")]
public sealed class IndexModel(ManageActivities activities, Volunteers volunteers, QadamDbContext db, IStringLocalizer<SharedResource> l) : SchemePage
{
    [BindProperty] public ActivityInput Input { get; set; } = new("SupportGroup", null, null, null, null, null);
    public List<ActivityDto> List { get; private set; } = [];
    public List<(Guid Id, string Name)> Staff { get; private set; } = [];
    public List<VolunteerDto> VolunteerList { get; private set; } = [];
    public string Topics { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Topics = Request.Form["topics"].ToString();
        var input = Input with
        {
            Topics = Topics.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            FacilitatorIds = Request.Form["facilitatorIds"].Select(v => Guid.TryParse(v, out var g) ? g : Guid.Empty).ToList(),
            VolunteerPersonId = Guid.TryParse(Request.Form["volunteerPersonId"], out var v) ? v : null,
        };
        var (activity, errors) = await activities.CreateAsync(input, Me, ct);
        if (activity is not null) return Redirect($"/Activities/Activity/{activity.Id}");
        errors.CopyTo(ModelState, l, "Input.");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        List = await activities.ListAsync(Me, ct);
        if (!Me.Can(Permission.ActivitiesManage)) return;
        Staff = (await ManageActivities.Facilitators(db, Me.OrganisationId).AsNoTracking().Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).Select(u => (u.Id, u.DisplayName)).ToList();
        VolunteerList = await volunteers.ListAsync(Me, ct);
    }
}
