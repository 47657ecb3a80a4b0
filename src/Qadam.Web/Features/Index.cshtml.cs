using Microsoft.AspNetCore.Mvc.RazorPages;
using Qadam.Domain;
using Qadam.Web.Features.People;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features;

/// <summary>The home page: <see cref="GetHome"/>'s summary for the signed-in user.</summary>
public sealed class IndexModel(GetHome.Handler home, Reports.Dashboards dashboards) : PageModel
{
    public CurrentUser Me { get; private set; } = null!;
    public List<Notification> Alerts { get; private set; } = [];
    public List<PersonSummary> FollowUps { get; private set; } = [];
    public int FollowUpTotal { get; private set; }
    public List<PersonSummary> Recent { get; private set; } = [];
    public GetHome.Queues? Work { get; private set; }
    public List<Qadam.Web.Features.Psychosocial.SafetyAlertDto>? Safety { get; private set; }
    public List<Reports.ProjectProgress>? Progress { get; private set; }
    public List<Reports.NationalFigures>? National { get; private set; }
    public Reports.SecuritySummary? Security { get; private set; }
    public Reports.MeSummary? MeOfficer { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Me = CurrentUser.Require(HttpContext);
        var result = await home.HandleAsync(Me, ct);
        (Alerts, FollowUps, FollowUpTotal, Recent) = result;
        Work = result.Work;
        Safety = result.Safety;
        // Dashboards by role (issue #12): each asks its own use case, which authorises it.
        if (Me.Can(Permission.ProjectsManage)) Progress = await dashboards.ManagerAsync(Me, ct);
        if (Me.IsIn(Roles.Liaison)) National = await dashboards.NationalAsync(Me, ct);
        if (Me.Can(Permission.UsersManage)) Security = await dashboards.SecurityAsync(Me, ct);
        if (Me.Can(Permission.EvaluationManage)) MeOfficer = await dashboards.MeAsync(Me, ct);
    }
}
