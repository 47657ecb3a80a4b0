using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Reports;

/// <summary>A project's report: progress against targets per indicator (chart and table), disaggregations, downloads; the manager closes and corrects periods here, and whoever may enter a hand-entered value does so.</summary>
[Authorize(Policy = "perm:ReportsRead")]
public sealed class ProjectModel(ProjectReports reports, QadamDbContext db, IStringLocalizer<SharedResource> l) : ReportsPage
{
    public ProjectReportDto Report { get; private set; } = null!;
    public List<SnapshotDto> Snapshots { get; private set; } = [];
    public Guid? Period { get; private set; }
    public string? Message { get; private set; }
    public Guid? ErrorIndicator { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? period, string? done, CancellationToken ct)
    {
        Message = done is "closed" or "corrected" or "value" ? done : null;
        return await LoadAsync(id, period, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, Guid periodId, CancellationToken ct) =>
        await reports.CloseAsync(id, periodId, Me, ct) is null ? NotFound() : Redirect($"/Reports/Project/{id}?period={periodId}&done=closed");

    public async Task<IActionResult> OnPostCorrectAsync(Guid id, Guid periodId, string? reason, CancellationToken ct)
    {
        var (snapshot, found, errors) = await reports.CorrectAsync(id, periodId, new CorrectionInput(reason), Me, ct);
        if (!found) return NotFound();
        if (snapshot is not null) return Redirect($"/Reports/Project/{id}?period={periodId}&done=corrected");
        errors.CopyTo(ModelState, l, "Correct.");
        return await LoadAsync(id, periodId, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostValueAsync(Guid id, Guid indicatorId, Guid? periodId, string? value, string? source, CancellationToken ct)
    {
        var (found, errors) = await reports.EnterValueAsync(id, indicatorId, new ValueInput(periodId, value, source), Me, ct);
        if (!found) return NotFound();
        if (!errors.Any) return Redirect($"/Reports/Project/{id}?done=value#ind-{indicatorId}");
        errors.CopyTo(ModelState, l, "Value.");
        ErrorIndicator = indicatorId;
        return await LoadAsync(id, null, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, Guid? period, CancellationToken ct)
    {
        await LoadRegionsAsync(db, ct);
        if (await reports.ReportAsync(id, period, Me, ct) is not { } report) return false;
        Report = report;
        Period = period;
        Snapshots = await reports.SnapshotsAsync(id, Me, ct) ?? [];
        return true;
    }

    /// <summary>May enter a value of this hand-entered indicator: the project's managers, or the M&amp;E officer who owns it.</summary>
    public bool CanEnter(IndicatorReportDto i) =>
        i.Source == "manual" && Me.Can(Permission.IndicatorValuesEnter) && (Report.Project.Editable || i.OwnerUserId == Me.Id);

    public string ExportUrl(string format, string? extra = null) =>
        $"/Reports/Export/{Report.Project.Id}?format={format}{(Period is { } p ? "&period=" + p : "")}{extra}";
}
