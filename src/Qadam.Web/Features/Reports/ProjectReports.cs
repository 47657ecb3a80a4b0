using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Reports;

public sealed record DonorInput(string? Name, string? IatiRef, string? Type, string? Amount);

/// <param name="Periods">quarter (default) or year: the reporting periods generated over the project's dates.</param>
public sealed record ProjectInput(string? Title, string? Description, string? IatiIdentifier, string? ReportingOrgRef, string? StartsOn, string? EndsOn,
    string? Budget, string? Currency, string? Regions, List<DonorInput>? Donors, string? Periods, bool? SharedWithGovernment, List<Guid>? Partners);

public sealed record ResultInput(string? Level, string? Code, string? Title);

public sealed record IndicatorInput(Guid? ResultId, string? Code, string? Title, string? Source, string? Definition, string? Parameter, string? Measure,
    string? ManualSource, string? Baseline, int? BaselineYear, string? BaselineNote, string? TargetTotal, Guid? OwnerUserId, Dictionary<Guid, string?>? Targets);

public sealed record TargetsInput(Dictionary<Guid, string?>? Targets);

public sealed record ValueInput(Guid? PeriodId, string? Value, string? Source);

public sealed record CorrectionInput(string? Reason);

public sealed record SnapshotDto(Guid Id, Guid PeriodId, int Version, string FrozenAt, string? Reason, string Hash);

/// <summary>
/// Projects, their logframes and their reports (issue #12). Who sees what: a manager or M&amp;E officer the projects their
/// organisation reports or implements; a liaison also every project shared with government. The figures are exact only
/// for the reporting organisation's own staff on a project it implements alone; everyone else, and every export, gets
/// them suppressed. Only the reporting organisation's managers change a project; M&amp;E officers enter the values of
/// the hand-entered indicators they own. Every view, export, close and correction is audited.
/// </summary>
public sealed class ProjectReports(QadamDbContext db, ReportBuilder builder, AuditLog audit, TimeProvider clock, Access access,
    Platform.Pdf.ReportFont font, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer)
{
    public IQueryable<Project> Visible(CurrentUser user)
    {
        var org = user.OrganisationId;
        var liaison = user.IsIn(Roles.Liaison);
        return db.Projects.Where(p => p.OrganisationId == org || p.Partners.Any(x => x.OrganisationId == org) || (liaison && p.SharedWithGovernment));
    }

    /// <summary>Exact figures only for the reporting organisation's staff (not liaisons) on a project no other organisation implements.</summary>
    public static bool Suppressed(Project p, CurrentUser user) =>
        user.IsIn(Roles.Liaison) || p.OrganisationId != user.OrganisationId || p.ImplementingOrganisations.Any(o => o != user.OrganisationId);

    private static bool Editable(Project p, CurrentUser user) => user.Can(Permission.ProjectsManage) && p.OrganisationId == user.OrganisationId;

    public async Task<List<ProjectSummaryDto>> ListAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ReportsRead);
        var ids = await Visible(user).OrderBy(p => p.StartsOn).Select(p => p.Id).ToListAsync(ct);
        var list = new List<ProjectSummaryDto>();
        foreach (var id in ids)
            if (await builder.LoadAsync(id, ct) is { } p) list.Add(await builder.SummaryAsync(p, Editable(p, user), ct));
        return list;
    }

    private async Task<Project?> FindAsync(Guid id, CurrentUser user, CancellationToken ct) =>
        await Visible(user).AnyAsync(p => p.Id == id, ct) ? await builder.LoadAsync(id, ct) : null;

    /// <summary>The project's report: through a period (its frozen figures when closed), or live through today.</summary>
    public async Task<ProjectReportDto?> ReportAsync(Guid id, Guid? periodId, CurrentUser user, CancellationToken ct, bool audited = true)
    {
        await access.DemandAsync(user, Permission.ReportsRead);
        if (await FindAsync(id, user, ct) is not { } project) return null;
        ReportPeriod? period = null;
        if (periodId is { } pid && (period = project.Periods.FirstOrDefault(p => p.Id == pid)) is null) return null;
        var report = await builder.BuildAsync(project, period, Suppressed(project, user), Editable(project, user), ct);
        if (audited) await audit.RecordAsync(user.Actor, AuditAction.Report_Viewed, "Project", id.ToString(), new { period = periodId, suppressed = report.Suppressed }, ct);
        return report;
    }

    /// <summary>What leaves Qadam is always the published (suppressed) form, whoever asks; the export is audited.</summary>
    public async Task<(ProjectReportDto Report, Project Project)?> ForExportAsync(Guid id, Guid? periodId, string format, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ReportsRead);
        if (await FindAsync(id, user, ct) is not { } project) return null;
        ReportPeriod? period = null;
        if (periodId is { } pid && (period = project.Periods.FirstOrDefault(p => p.Id == pid)) is null) return null;
        var report = await builder.BuildAsync(project, period, suppressed: true, Editable(project, user), ct);
        await audit.RecordAsync(user.Actor, AuditAction.Report_Exported, "Project", id.ToString(), new { format, period = periodId }, ct);
        return (report, project);
    }

    /// <summary>A file of the report (iati, csv, xlsx, pdf), published form, audited; null when the project or period is not in scope.</summary>
    public async Task<ReportFile?> ExportAsync(Guid id, Guid? periodId, string format, string? table, bool hxl, CurrentUser user, CancellationToken ct)
    {
        if (!ReportFiles.Formats.Contains(format)) return null;
        if (await ForExportAsync(id, periodId, format, user, ct) is not { } found) return null;
        return await ReportFiles.MakeAsync(db, found.Report, found.Project, format, table, hxl, format == "pdf" ? font.Font : null, localizer,
            CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is "kk" or "ru" ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName : "en", clock.GetUtcNow(), ct);
    }

    public async Task<List<SnapshotDto>?> SnapshotsAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ReportsRead);
        if (!await Visible(user).AnyAsync(p => p.Id == id, ct)) return null;
        return (await db.PeriodSnapshots.AsNoTracking().Where(s => s.ProjectId == id).ToListAsync(ct)).OrderBy(s => s.FrozenAt).ThenBy(s => s.Version)
            .Select(s => new SnapshotDto(s.Id, s.PeriodId, s.Version, s.FrozenAt.ToString("O", CultureInfo.InvariantCulture), s.Reason, s.Hash)).ToList();
    }

    // ---- Changes (the reporting organisation's managers) ----

    private static readonly Regex IatiId = new(@"^[^\s/&|?]+$", RegexOptions.CultureInvariant);

    internal static readonly HashSet<string> Currencies = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
        .OfType<string>().Where(c => c.Length == 3).ToHashSet(StringComparer.Ordinal);

    internal static decimal? Number(string? value, string field, bool required, FieldErrors errors, decimal min = 0)
    {
        if (string.IsNullOrWhiteSpace(value)) { if (required) errors.Add(field, "Validation.Required"); return null; }
        var v = value.Trim().Replace(" ", "").Replace("\u00a0", "");
        if (!decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && !decimal.TryParse(v, NumberStyles.Number, CultureInfo.CurrentCulture, out d))
        { errors.Add(field, "Validation.Number"); return null; }
        if (d < min) { errors.Add(field, "Validation.OutOfRange"); return null; }
        return d;
    }

    public async Task<(ProjectSummaryDto? Project, FieldErrors Errors)> CreateAsync(ProjectInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ProjectsManage);
        var errors = new FieldErrors();
        var title = Text(input.Title, "title", 300, true, errors);
        var description = Text(input.Description, "description", 4000, false, errors, multiline: true);
        var iati = Text(input.IatiIdentifier, "iatiIdentifier", 150, true, errors);
        if (iati is not null && !errors.Has("iatiIdentifier") && !IatiId.IsMatch(iati)) errors.Add("iatiIdentifier", "Validation.IatiIdentifier");
        var reportingRef = Text(input.ReportingOrgRef, "reportingOrgRef", 100, false, errors);
        if (reportingRef is not null && iati is not null && !errors.Has("iatiIdentifier") && !iati.StartsWith(reportingRef + "-", StringComparison.Ordinal))
            errors.Add("iatiIdentifier", "Validation.IatiIdentifierPrefix");
        var starts = Date(input.StartsOn, "startsOn", true, errors);
        var ends = Date(input.EndsOn, "endsOn", true, errors);
        if (starts is { } s0 && ends is { } e0 && e0 < s0) errors.Add("endsOn", "Validation.EndBeforeStart");
        if (starts is { } s1 && ends is { } e1 && e1 > s1.AddYears(10)) errors.Add("endsOn", "Validation.OutOfRange");
        var budget = Number(input.Budget, "budget", false, errors);
        var currency = (Text(input.Currency, "currency", 3, false, errors) ?? "USD").ToUpperInvariant();
        if (!Currencies.Contains(currency)) errors.Add("currency", "Validation.Currency");
        var regions = (input.Regions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => r.ToUpperInvariant()).Distinct().ToList();
        var known = await db.Regions.Select(r => r.Code).ToListAsync(ct);
        if (regions.Any(r => !known.Contains(r))) errors.Add("regions", "Validation.Region");
        var kind = input.Periods?.Trim().ToLowerInvariant() switch { null or "" or "quarter" => PeriodKind.Quarter, "year" => PeriodKind.Year, _ => (PeriodKind?)null };
        if (kind is null) errors.Add("periods", "Validation.Choice");
        var donors = new List<(string Name, string? Ref, string Type, decimal? Amount)>();
        foreach (var (d, n) in (input.Donors ?? []).Select((d, n) => (d, n)))
        {
            if (string.IsNullOrWhiteSpace(d.Name) && string.IsNullOrWhiteSpace(d.IatiRef) && string.IsNullOrWhiteSpace(d.Amount)) continue;
            var name = Text(d.Name, $"donors[{n}].name", 300, true, errors);
            var reference = Text(d.IatiRef, $"donors[{n}].iatiRef", 100, false, errors);
            var type = Text(d.Type, $"donors[{n}].type", 4, false, errors) ?? "10";
            if (!IatiCodes.OrganisationTypes.Contains(type)) errors.Add($"donors[{n}].type", "Validation.Choice");
            var amount = Number(d.Amount, $"donors[{n}].amount", false, errors);
            if (name is not null) donors.Add((name, reference, type, amount));
        }
        if (donors.Count == 0 && !errors.Fields.Any(f => f.StartsWith("donors", StringComparison.Ordinal))) errors.Add("donors[0].name", "Validation.Required");
        var partners = (input.Partners ?? []).Distinct().Where(p => p != user.OrganisationId).ToList();
        if (partners.Count > 0 && await db.Organisations.CountAsync(o => partners.Contains(o.Id), ct) != partners.Count) errors.Add("partners", "Validation.Organisation");
        if (iati is not null && !errors.Has("iatiIdentifier") && await db.Projects.AnyAsync(p => p.IatiIdentifier == iati, ct)) errors.Add("iatiIdentifier", "Validation.Duplicate");
        if (errors.Any) return (null, errors);

        var now = clock.GetUtcNow();
        var project = new Project
        {
            OrganisationId = user.OrganisationId, Title = title!, Description = description, IatiIdentifier = iati!, ReportingOrgRef = reportingRef,
            StartsOn = starts!.Value, EndsOn = ends!.Value, Budget = budget, Currency = currency, Regions = string.Join(',', regions),
            SharedWithGovernment = input.SharedWithGovernment ?? false, CreatedByUserId = user.Id, CreatedAt = now, UpdatedAt = now,
        };
        foreach (var (name, reference, type, amount) in donors)
        {
            var donor = await db.Donors.FirstOrDefaultAsync(x => x.Name == name, ct) ?? db.Donors.Add(new Donor { Name = name, IatiRef = reference, Type = type }).Entity;
            project.Donors.Add(new ProjectDonor { ProjectId = project.Id, DonorId = donor.Id, Amount = amount });
        }
        foreach (var p in partners) project.Partners.Add(new ProjectPartner { ProjectId = project.Id, OrganisationId = p });
        foreach (var period in Periods(project.Id, project.StartsOn, project.EndsOn, kind!.Value)) project.Periods.Add(period);
        db.Projects.Add(project);
        await audit.SaveWithAuditAsync([new AuditEntry(user.Actor, AuditAction.Project_Created, "Project", project.Id.ToString(), new { project.IatiIdentifier })], ct);
        return (await builder.SummaryAsync((await builder.LoadAsync(project.Id, ct))!, true, ct), errors);
    }

    /// <summary>Calendar quarters (or years) over the project's dates; the first and last are cut to the project's dates.</summary>
    public static IEnumerable<ReportPeriod> Periods(Guid projectId, DateOnly from, DateOnly to, PeriodKind kind)
    {
        var start = kind == PeriodKind.Year ? new DateOnly(from.Year, 1, 1) : new DateOnly(from.Year, (from.Month - 1) / 3 * 3 + 1, 1);
        for (var s = start; s <= to; s = kind == PeriodKind.Year ? s.AddYears(1) : s.AddMonths(3))
        {
            var e = (kind == PeriodKind.Year ? s.AddYears(1) : s.AddMonths(3)).AddDays(-1);
            yield return new ReportPeriod
            {
                ProjectId = projectId, Kind = kind, StartsOn = s < from ? from : s, EndsOn = e > to ? to : e,
                Label = kind == PeriodKind.Year ? s.Year.ToString(CultureInfo.InvariantCulture) : $"{s.Year} Q{(s.Month - 1) / 3 + 1}",
            };
        }
    }

    private async Task<Project?> EditableAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ProjectsManage);
        return await db.Projects.AnyAsync(p => p.Id == id && p.OrganisationId == user.OrganisationId, ct) ? await builder.LoadAsync(id, ct) : null;
    }

    public async Task<(bool Found, Guid? Id, FieldErrors Errors)> AddResultAsync(Guid id, ResultInput input, CurrentUser user, CancellationToken ct)
    {
        if (await EditableAsync(id, user, ct) is not { } project) return (false, null, new());
        var errors = new FieldErrors();
        var level = Choice<ResultLevel>(input.Level, "level", true, errors, "Validation.Choice");
        var code = Text(input.Code, "code", 20, true, errors);
        var title = Text(input.Title, "title", 500, true, errors);
        if (code is not null && project.Results.Any(r => r.Code == code)) errors.Add("code", "Validation.Duplicate");
        if (errors.Any) return (true, null, errors);
        var result = new LogframeResult { ProjectId = id, Level = level!.Value, Code = code!, Title = title! };
        db.LogframeResults.Add(result);
        await audit.SaveWithAuditAsync([new AuditEntry(user.Actor, AuditAction.Project_Changed, "Project", id.ToString(), new { added = "result", result.Code })], ct);
        return (true, result.Id, errors);
    }

    public async Task<(bool Found, Guid? Id, FieldErrors Errors)> AddIndicatorAsync(Guid id, IndicatorInput input, CurrentUser user, CancellationToken ct)
    {
        if (await EditableAsync(id, user, ct) is not { } project) return (false, null, new());
        var errors = new FieldErrors();
        var result = project.Results.FirstOrDefault(r => r.Id == input.ResultId);
        if (result is null) errors.Add("resultId", "Validation.Required");
        var code = Text(input.Code, "code", 20, true, errors);
        var title = Text(input.Title, "title", 500, true, errors);
        if (code is not null && project.Results.SelectMany(r => r.Indicators).Any(i => i.Code == code)) errors.Add("code", "Validation.Duplicate");
        var source = Choice<IndicatorSource>(input.Source, "source", true, errors, "Validation.Choice");
        IndicatorDefinition? definition = null;
        var measure = IndicatorMeasure.Unit;
        string? parameter = string.IsNullOrWhiteSpace(input.Parameter) ? null : input.Parameter.Trim();
        if (source == IndicatorSource.Computed)
        {
            definition = IndicatorLibrary.Find(input.Definition?.Trim());
            if (definition is null) errors.Add("definition", "Validation.Choice");
            else
            {
                measure = definition.Measure;
                if (definition.Parameter == "study")
                {
                    if (!Guid.TryParse(parameter, out var studyId) || !await db.EvaluationStudies.AnyAsync(s => s.Id == studyId && s.OrganisationId == user.OrganisationId, ct))
                        errors.Add("parameter", "Validation.Choice");
                }
                else if (parameter is not null && !IndicatorLibrary.ParameterValues(definition.Parameter).Contains(parameter)) errors.Add("parameter", "Validation.Choice");
                else if (definition.Parameter is null) parameter = null;
                else if (parameter is null && definition.Parameter is "milestone" or "instrument") errors.Add("parameter", "Validation.Required");
            }
        }
        else if (source == IndicatorSource.Manual)
        {
            measure = Choice<IndicatorMeasure>(input.Measure, "measure", false, errors, "Validation.Choice") ?? IndicatorMeasure.Unit;
            parameter = null;
        }
        var manualSource = Text(input.ManualSource, "manualSource", 500, source == IndicatorSource.Manual, errors);
        var baseline = Number(input.Baseline, "baseline", false, errors);
        var baselineYear = Range(input.BaselineYear, "baselineYear", 1990, 2100, false, errors);
        var note = Text(input.BaselineNote, "baselineNote", 500, false, errors);
        var total = Number(input.TargetTotal, "targetTotal", false, errors);
        if (measure == IndicatorMeasure.Percentage && total > 100) errors.Add("targetTotal", "Validation.OutOfRange");
        if (input.OwnerUserId is { } owner && !await db.Users.AnyAsync(u => u.Id == owner && u.OrganisationId == user.OrganisationId, ct)) errors.Add("ownerUserId", "Validation.Choice");
        var targets = Targets(input.Targets, project, measure, errors);
        if (errors.Any) return (true, null, errors);
        var indicator = new Indicator
        {
            ResultId = result!.Id, ProjectId = id, Code = code!, Title = title!, Source = source!.Value, Definition = definition?.Key, Parameter = parameter, Measure = measure,
            ManualSource = manualSource, Baseline = baseline, BaselineYear = baselineYear, BaselineNote = note, TargetTotal = total, OwnerUserId = input.OwnerUserId,
        };
        foreach (var (period, value) in targets) indicator.Targets.Add(new IndicatorTarget { IndicatorId = indicator.Id, PeriodId = period, Value = value });
        db.Indicators.Add(indicator);
        await audit.SaveWithAuditAsync([new AuditEntry(user.Actor, AuditAction.Project_Changed, "Project", id.ToString(), new { added = "indicator", indicator.Code, indicator.Definition })], ct);
        return (true, indicator.Id, errors);
    }

    private static List<(Guid Period, decimal Value)> Targets(Dictionary<Guid, string?>? input, Project project, IndicatorMeasure measure, FieldErrors errors)
    {
        var list = new List<(Guid, decimal)>();
        foreach (var (period, text) in input ?? [])
        {
            var field = $"targets[{period}]";
            if (project.Periods.All(p => p.Id != period)) { errors.Add(field, "Validation.Choice"); continue; }
            if (Number(text, field, false, errors) is not { } v) continue;
            if (measure == IndicatorMeasure.Percentage && v > 100) { errors.Add(field, "Validation.OutOfRange"); continue; }
            list.Add((period, v));
        }
        return list;
    }

    public async Task<(bool Found, FieldErrors Errors)> SetTargetsAsync(Guid id, Guid indicatorId, TargetsInput input, CurrentUser user, CancellationToken ct)
    {
        if (await EditableAsync(id, user, ct) is not { } project) return (false, new());
        if (project.Results.SelectMany(r => r.Indicators).FirstOrDefault(i => i.Id == indicatorId) is not { } found) return (false, new());
        var errors = new FieldErrors();
        var targets = Targets(input.Targets, project, found.Measure, errors);
        if (errors.Any) return (true, errors);
        var existing = await db.IndicatorTargets.Where(t => t.IndicatorId == indicatorId).ToListAsync(ct);
        foreach (var (period, value) in targets)
        {
            if (existing.FirstOrDefault(t => t.PeriodId == period) is { } t) t.Value = value;
            else db.IndicatorTargets.Add(new IndicatorTarget { IndicatorId = indicatorId, PeriodId = period, Value = value });
        }
        await audit.SaveWithAuditAsync([new AuditEntry(user.Actor, AuditAction.Project_Changed, "Indicator", indicatorId.ToString(), new { targets = targets.Count })], ct);
        return (true, errors);
    }

    /// <summary>A hand-entered actual: by the project's managers, or by the M&amp;E officer who owns the indicator; never into a closed period.</summary>
    public async Task<(bool Found, FieldErrors Errors)> EnterValueAsync(Guid id, Guid indicatorId, ValueInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.IndicatorValuesEnter);
        var indicator = await db.Indicators.FirstOrDefaultAsync(i => i.Id == indicatorId && i.ProjectId == id, ct);
        var project = indicator is null ? null : await db.Projects.Include(p => p.Periods).FirstOrDefaultAsync(p => p.Id == id && p.OrganisationId == user.OrganisationId, ct);
        if (indicator is null || project is null) return (false, new());
        if (!(user.Can(Permission.ProjectsManage) || indicator.OwnerUserId == user.Id)) return (false, new());
        var errors = new FieldErrors();
        if (indicator.Source != IndicatorSource.Manual) errors.Add("value", "Validation.ComputedIndicator");
        var period = project.Periods.FirstOrDefault(p => p.Id == input.PeriodId);
        if (period is null) errors.Add("periodId", "Validation.Required");
        else if (period.IsClosed) errors.Add("periodId", "Validation.PeriodClosed");
        var value = Number(input.Value, "value", true, errors);
        if (indicator.Measure == IndicatorMeasure.Percentage && value > 100) errors.Add("value", "Validation.OutOfRange");
        var source = Text(input.Source, "source", 500, true, errors);
        if (errors.Any) return (true, errors);
        var existing = await db.ManualValues.FirstOrDefaultAsync(v => v.IndicatorId == indicatorId && v.PeriodId == period!.Id, ct);
        if (existing is null) db.ManualValues.Add(new ManualValue { IndicatorId = indicatorId, PeriodId = period!.Id, Value = value!.Value, Source = source!, EnteredByUserId = user.Id, EnteredAt = clock.GetUtcNow() });
        else { existing.Value = value!.Value; existing.Source = source!; existing.EnteredByUserId = user.Id; existing.EnteredAt = clock.GetUtcNow(); }
        await audit.SaveWithAuditAsync([new AuditEntry(user.Actor, AuditAction.IndicatorValue_Entered, "Indicator", indicatorId.ToString(), new { period = period!.Id, previous = existing?.Value })], ct);
        return (true, errors);
    }

    /// <summary>Closes a period (in order: every earlier period first) and freezes its figures with their hash.</summary>
    public async Task<SnapshotDto?> CloseAsync(Guid id, Guid periodId, CurrentUser user, CancellationToken ct)
    {
        if (await EditableAsync(id, user, ct) is not { } project) return null;
        if (project.Periods.FirstOrDefault(p => p.Id == periodId) is not { } period) return null;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (period.IsClosed) throw new DomainException("period.closed", "This period is already closed; a correction is a new version with a reason.");
        if (period.EndsOn >= today) throw new DomainException("period.not_over", "A period can be closed once it has ended.");
        if (project.Periods.Any(p => p.StartsOn < period.StartsOn && !p.IsClosed)) throw new DomainException("period.order", "Close the earlier periods first.");
        var snapshot = await builder.FreezeAsync(project, period, user.Id, null, ct);
        var tracked = await db.ReportPeriods.FirstAsync(p => p.Id == periodId, ct);
        tracked.Close(user.Id, clock.GetUtcNow());
        db.PeriodSnapshots.Add(snapshot);
        await audit.SaveWithAuditAsync([new AuditEntry(user.Actor, AuditAction.Period_Closed, "Project", id.ToString(), new { period = periodId, snapshot.Hash })], ct);
        return Dto(snapshot);
    }

    /// <summary>A correction of a closed period: its figures recomputed from today's records as a new version, with the reason.</summary>
    public async Task<(SnapshotDto? Snapshot, bool Found, FieldErrors Errors)> CorrectAsync(Guid id, Guid periodId, CorrectionInput input, CurrentUser user, CancellationToken ct)
    {
        if (await EditableAsync(id, user, ct) is not { } project) return (null, false, new());
        if (project.Periods.FirstOrDefault(p => p.Id == periodId) is not { } period) return (null, false, new());
        var errors = new FieldErrors();
        var reason = Text(input.Reason, "reason", 1000, true, errors, multiline: true);
        if (!period.IsClosed) errors.Add("reason", "Validation.PeriodOpen");
        if (errors.Any) return (null, true, errors);
        var snapshot = await builder.FreezeAsync(project, period, user.Id, reason, ct);
        db.PeriodSnapshots.Add(snapshot);
        await audit.SaveWithAuditAsync([new AuditEntry(user.Actor, AuditAction.Period_Corrected, "Project", id.ToString(), new { period = periodId, snapshot.Version, snapshot.Hash, reason })], ct);
        return (Dto(snapshot), true, errors);
    }

    private static SnapshotDto Dto(PeriodSnapshot s) => new(s.Id, s.PeriodId, s.Version, s.FrozenAt.ToString("O", CultureInfo.InvariantCulture), s.Reason, s.Hash);

    /// <summary>The M&amp;E officer's indicators: those they own, across their organisation's projects.</summary>
    public async Task<List<(ProjectSummaryDto Project, IndicatorReportDto Indicator)>> OwnedAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ReportsRead);
        var ids = await db.Indicators.Where(i => i.OwnerUserId == user.Id).Select(i => i.ProjectId).Distinct().ToListAsync(ct);
        var list = new List<(ProjectSummaryDto, IndicatorReportDto)>();
        foreach (var pid in ids)
            if (await ReportAsync(pid, null, user, ct, audited: false) is { } report)
                list.AddRange(report.Indicators.Where(i => i.OwnerUserId == user.Id).Select(i => (report.Project, i)));
        return list;
    }
}
