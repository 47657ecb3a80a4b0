using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Domain;

namespace Qadam.Web.Features.Reports;

/// <summary>The logframe of a project: results (goal, outcomes, outputs), indicators from the library or entered by hand, and targets per period.</summary>
[Authorize(Policy = "perm:ProjectsManage")]
public sealed class EditModel(ProjectReports reports, QadamDbContext db, IStringLocalizer<SharedResource> l) : ReportsPage
{
    public ProjectReportDto Report { get; private set; } = null!;
    public List<(Guid Id, string Name)> Owners { get; private set; } = [];
    public List<(Guid Id, string Title)> Studies { get; private set; } = [];

    public sealed class NewIndicator
    {
        public Guid? ResultId { get; set; }
        public string? Code { get; set; }
        public string? Title { get; set; }
        public string? Source { get; set; } = "computed";
        public string? Definition { get; set; }
        public string? Parameter { get; set; }
        public string? Measure { get; set; }
        public string? ManualSource { get; set; }
        public string? Baseline { get; set; }
        public int? BaselineYear { get; set; }
        public string? TargetTotal { get; set; }
        public Guid? OwnerUserId { get; set; }
        public Dictionary<Guid, string?> Targets { get; set; } = [];
    }

    [BindProperty] public NewIndicator Indicator { get; set; } = new();
    [BindProperty] public ResultInput Result { get; set; } = new(null, null, null);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostResultAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var (found, created, errors) = await reports.AddResultAsync(id, Result, Me, ct);
        if (!found) return NotFound();
        if (created is not null) return Redirect($"/Reports/Edit/{id}#results");
        errors.CopyTo(ModelState, l, "Result.");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostIndicatorAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var i = Indicator;
        var (found, created, errors) = await reports.AddIndicatorAsync(id, new IndicatorInput(i.ResultId, i.Code, i.Title, i.Source, i.Definition, i.Parameter, i.Measure,
            i.ManualSource, i.Baseline, i.BaselineYear, null, i.TargetTotal, i.OwnerUserId, i.Targets.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary()), Me, ct);
        if (!found) return NotFound();
        if (created is not null) return Redirect($"/Reports/Edit/{id}#indicators");
        errors.CopyTo(ModelState, l, "Indicator.");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostTargetsAsync(Guid id, Guid indicatorId, Dictionary<Guid, string?>? targets, CancellationToken ct)
    {
        ModelState.Clear();
        var (found, errors) = await reports.SetTargetsAsync(id, indicatorId, new TargetsInput((targets ?? []).Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary()), Me, ct);
        if (!found) return NotFound();
        if (!errors.Any) return Redirect($"/Reports/Edit/{id}#t-{indicatorId}");
        errors.CopyTo(ModelState, l, $"T{indicatorId:N}.");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await reports.ReportAsync(id, null, Me, ct, audited: false) is not { Project.Editable: true } report) return false;
        Report = report;
        var org = Me.OrganisationId;
        Owners = (await db.Users.AsNoTracking().Where(u => u.OrganisationId == org && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.MeOfficer || r.Name == Roles.Manager))))
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct)).Select(u => (u.Id, u.DisplayName)).OrderBy(u => u.DisplayName).ToList();
        Studies = (await db.EvaluationStudies.AsNoTracking().Where(s => s.OrganisationId == org).Select(s => new { s.Id, s.Title }).ToListAsync(ct)).Select(s => (s.Id, s.Title)).ToList();
        return true;
    }
}
