using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Web.Features.Scheme;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Psychosocial;

/// <summary>The psychologist's day: safety alerts first, then the caseload (a supervisor: the team, then every client).</summary>
[Authorize(Policy = "perm:ConsultationsRead")]
public sealed class IndexModel(Caseload caseload, SafetyAlerts alerts, IStringLocalizer<SharedResource> l) : SchemePage
{
    public CaseloadDto Load { get; private set; } = new([], null);
    public List<SafetyAlertDto> Alerts { get; private set; } = [];
    public Guid? Psychologist { get; private set; }
    [BindProperty] public AcknowledgeInput? Ack { get; set; }

    public async Task OnGetAsync(Guid? psychologistId, CancellationToken ct) => await LoadAsync(psychologistId, ct);

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid alertId, CancellationToken ct)
    {
        ModelState.Clear();
        var (found, errors) = await alerts.AcknowledgeAsync(alertId, Ack ?? new(null), Me, ct);
        if (!found) return NotFound();
        if (!errors.Any) return Redirect("/Psychosocial");
        errors.CopyTo(ModelState, l, $"Ack-{alertId}.");
        await LoadAsync(null, ct);
        return Page();
    }

    private async Task LoadAsync(Guid? psychologistId, CancellationToken ct)
    {
        Psychologist = psychologistId;
        Alerts = await alerts.ListAsync(Me, openOnly: true, null, ct);
        Load = await caseload.ForAsync(Me, psychologistId, ct);
    }
}
