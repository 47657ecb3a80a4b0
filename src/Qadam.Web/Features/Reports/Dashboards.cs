using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Reports;

/// <summary>A project on a dashboard: its report to date and the indicators behind their targets.</summary>
public sealed record ProjectProgress(ProjectReportDto Report, IReadOnlyList<IndicatorReportDto> Behind);

/// <summary>A region's row of the national figures: each headline indicator's total to date there, as published.</summary>
public sealed record RegionalRow(string Region, string Name, IReadOnlyList<CellDto> Values);

/// <summary>National and regional figures of one shared project (suppressed), for government liaisons and donors.</summary>
public sealed record NationalFigures(ProjectSummaryDto Project, IReadOnlyList<IndicatorReportDto> Indicators, IReadOnlyList<RegionalRow> Regions, int Threshold);

public sealed record SecurityEvent(DateTimeOffset At, string Action, string? User, string? Ip);

/// <summary>The organisation administrator's overview: accounts and how people sign in.</summary>
public sealed record SecuritySummary(int Users, int Locked, int WithTwoFactor, int SignIns7Days, int FailedSignIns7Days, int BreakGlass30Days, IReadOnlyList<SecurityEvent> Recent);

public sealed record StudyLine(Guid Id, string Title, string Status, string? CompletedAt);

/// <summary>The M&amp;E officer's overview: their studies and the indicators they own.</summary>
public sealed record MeSummary(IReadOnlyList<StudyLine> Studies, IReadOnlyList<(ProjectSummaryDto Project, IndicatorReportDto Indicator)> Indicators);

/// <summary>
/// Home pages by role (issue #12): a manager sees their projects' progress against targets and what is behind; a
/// liaison or donor the national and regional figures of shared projects, suppressed; an organisation administrator
/// users, sign-ins and security events; an M&amp;E officer their studies and indicators. Each dashboard view of figures
/// is one audit event.
/// </summary>
public sealed class Dashboards(QadamDbContext db, ProjectReports reports, AuditLog audit, TimeProvider clock, Access access)
{
    public static readonly AuditAction[] SecurityActions =
    [
        AuditAction.Login_Failed, AuditAction.Login_LockedOut, AuditAction.Login_TwoFactorFailed, AuditAction.TwoFactor_Enabled, AuditAction.TwoFactor_Disabled,
        AuditAction.Password_Changed, AuditAction.BreakGlass_Granted, AuditAction.User_Created, AuditAction.User_Updated, AuditAction.User_Locked, AuditAction.TwoFactorPolicy_Changed,
    ];

    public async Task<List<ProjectProgress>> ManagerAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ProjectsManage);
        var ids = await reports.Visible(user).Where(p => p.OrganisationId == user.OrganisationId || p.Partners.Any(x => x.OrganisationId == user.OrganisationId))
            .OrderBy(p => p.StartsOn).Select(p => p.Id).ToListAsync(ct);
        var list = new List<ProjectProgress>();
        foreach (var id in ids)
            if (await reports.ReportAsync(id, null, user, ct, audited: false) is { } r)
                list.Add(new ProjectProgress(r, r.Indicators.Where(i => i.Status is "behind" or "atRisk").ToList()));
        if (list.Count > 0) await audit.RecordAsync(user.Actor, AuditAction.Report_Viewed, "Dashboard", "manager", new { projects = list.Count }, ct);
        return list;
    }

    /// <summary>The regions of a shared project: each indicator's "to date" by region, as the report publishes it (suppressed).</summary>
    public async Task<List<NationalFigures>> NationalAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ReportsRead);
        var ids = await reports.Visible(user).Where(p => p.SharedWithGovernment).OrderBy(p => p.StartsOn).Select(p => p.Id).ToListAsync(ct);
        var list = new List<NationalFigures>();
        var culture = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var names = (await db.Regions.AsNoTracking().ToListAsync(ct)).ToDictionary(x => x.Code, x => x.Name(culture));
        foreach (var id in ids)
        {
            if (await reports.ReportAsync(id, null, user, ct, audited: false) is not { } r) continue;
            var regional = r.Indicators.Where(i => i.Measure == "unit" && i.Disaggregations.Any(d => d.Dimension == "region")).ToList();
            var regions = regional.SelectMany(i => i.Disaggregations.First(d => d.Dimension == "region").Categories.Select(c => c.Category)).Distinct().Order(StringComparer.Ordinal).ToList();
            var rows = regions.Select(region => new RegionalRow(region, names.GetValueOrDefault(region, region), regional.Select(i =>
                i.Disaggregations.First(d => d.Dimension == "region").Categories.FirstOrDefault(c => c.Category == region)?.Cumulative ?? new CellDto(0, false)).ToList())).ToList();
            // A liaison always sees the published form; so does anyone outside the reporting organisation.
            list.Add(new NationalFigures(r.Project, regional, rows, r.Threshold));
        }
        if (list.Count > 0) await audit.RecordAsync(user.Actor, AuditAction.Report_Viewed, "Dashboard", "national", new { projects = list.Count }, ct);
        return list;
    }

    public async Task<SecuritySummary> SecurityAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.UsersManage);
        var org = user.OrganisationId;
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().Where(u => u.OrganisationId == org).Select(u => new { u.Id, u.LockoutEnd, u.TwoFactorEnabled }).ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var week = now.AddDays(-7);
        var month = now.AddDays(-30);
        var signIns = await db.AuditEvents.AsNoTracking().CountAsync(e => e.Action == AuditAction.Login_Succeeded && e.OccurredAt >= week && e.OrganisationId == org, ct);
        var failed = await db.AuditEvents.AsNoTracking().CountAsync(e => (e.Action == AuditAction.Login_Failed || e.Action == AuditAction.Login_TwoFactorFailed || e.Action == AuditAction.Login_LockedOut)
            && e.OccurredAt >= week && (e.OrganisationId == org || (e.UserId != null && ids.Contains(e.UserId.Value))), ct);
        var breakGlass = await db.AuditEvents.AsNoTracking().CountAsync(e => e.Action == AuditAction.BreakGlass_Granted && e.OccurredAt >= month && (e.OrganisationId == org || e.SubjectOrganisationId == org), ct);
        var recent = await db.AuditEvents.AsNoTracking()
            .Where(e => SecurityActions.Contains(e.Action) && (e.OrganisationId == org || e.SubjectOrganisationId == org))
            .OrderByDescending(e => e.Sequence).Take(12).Select(e => new SecurityEvent(e.OccurredAt, e.Action.ToString(), e.UserName, e.IpAddress)).ToListAsync(ct);
        return new SecuritySummary(users.Count, users.Count(u => u.LockoutEnd > now), users.Count(u => u.TwoFactorEnabled), signIns, failed, breakGlass, recent);
    }

    public async Task<MeSummary> MeAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.EvaluationManage);
        var studies = (await db.EvaluationStudies.AsNoTracking().Where(s => s.OrganisationId == user.OrganisationId && s.CreatedByUserId == user.Id)
            .Select(s => new { s.Id, s.Title, s.Status, s.CompletedAt, s.UpdatedAt }).ToListAsync(ct))
            .OrderByDescending(s => s.UpdatedAt).Take(10)
            .Select(s => new StudyLine(s.Id, s.Title, s.Status.ToString(), s.CompletedAt?.ToString("O"))).ToList();
        var owned = await reports.OwnedAsync(user, ct);
        if (owned.Count > 0) await audit.RecordAsync(user.Actor, AuditAction.Report_Viewed, "Dashboard", "indicators", new { indicators = owned.Count }, ct);
        return new MeSummary(studies, owned);
    }
}
