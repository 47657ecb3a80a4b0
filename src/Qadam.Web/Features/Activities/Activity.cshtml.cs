using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Domain;
using Qadam.Web.Features.Scheme;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Activities;

/// <summary>One activity (e.g. the scheme's leadership or soft-skills training): sessions, and attendance — registered
/// participants (for scheme coordinators, the scheme's applicants) and anonymous head-counts by sex and age band.</summary>
[Authorize(Policy = "perm:ActivitiesRead")]
public sealed class ActivityModel(ManageActivities activities, SchemeRegistry registry, IStringLocalizer<SharedResource> l) : SchemePage
{
    public ActivityDto? Activity { get; private set; }
    public List<ApplicantDto> Participants { get; private set; } = [];
    [BindProperty] public SessionInput? Session { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSessionAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var (found, _, errors) = await activities.AddSessionAsync(id, Session ?? new(null, null), Me, ct);
        if (!found) return NotFound();
        if (!errors.Any) return Redirect($"/Activities/Activity/{id}");
        errors.CopyTo(ModelState, l, "Session.");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAttendanceAsync(Guid id, Guid sessionId, List<Guid>? personIds, CancellationToken ct)
    {
        ModelState.Clear();
        var headcounts = new List<HeadcountInput>();
        foreach (var sex in new[] { "female", "male" })
            foreach (var band in Enum.GetNames<AgeBand>())
                if (int.TryParse(Request.Form[$"count_{sex}_{band}"], out var n) && n > 0) headcounts.Add(new HeadcountInput(sex, band, n));
        var (found, errors) = await activities.RecordAttendanceAsync(id, sessionId, new AttendanceInput(personIds ?? [], headcounts), Me, ct);
        if (!found) return NotFound();
        if (!errors.Any) return Redirect($"/Activities/Activity/{id}");
        errors.CopyTo(ModelState, l);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Activity = await activities.GetAsync(id, Me, ct);
        if (Activity is null) return false;
        if (Me.Can(Permission.SchemeManage) && Activity.Kind == nameof(ActivityKind.Training))
            Participants = (await registry.ListApplicantsAsync(Me, null, null, ct)).Where(a => a.Status != nameof(ApplicantStatus.Withdrawn)).Take(200).ToList();
        return true;
    }
}
