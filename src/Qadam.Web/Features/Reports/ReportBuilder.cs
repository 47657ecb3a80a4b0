using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Statistics;
using Qadam.Web.Features.Evaluation;

namespace Qadam.Web.Features.Reports;

/// <summary>One indicator's frozen figures: every cell as published (count, hidden) and, for hand-entered or estimated
/// indicators, the value with its note.</summary>
public sealed record FrozenIndicator(Dictionary<string, long[]> Cells, double? Value = null, string? Note = null);

/// <summary>What a frozen period stores: the figures of every indicator, by indicator id.</summary>
public sealed record FrozenFigures(Dictionary<Guid, FrozenIndicator> Indicators);

/// <summary>The definitions a frozen period was computed with (stored beside the figures, under the same hash).</summary>
public sealed record FrozenDefinitions(string Project, IReadOnlyList<Guid> Organisations, string From, string To, IReadOnlyList<string> Regions, int Threshold,
    IReadOnlyList<FrozenDefinition> Indicators);

public sealed record FrozenDefinition(Guid Id, string Code, string Title, string Source, string? Definition, string? Parameter, string Measure, string Method);

/// <summary>
/// Computes a project's indicators period by period (issue #12). Counts come from <see cref="IndicatorLibrary"/>, are
/// put in a <see cref="PeriodTable"/> per indicator (each disaggregation × period, with period totals, cumulative
/// totals and the "to date" totals of every closed period's report) and protected together by the one disclosure
/// control. Closed periods take their frozen figures (cells and visibility as published); open periods are computed now.
/// </summary>
public sealed class ReportBuilder(QadamDbContext db, TimeProvider clock)
{
    public const int Threshold = Disclosure.DefaultThreshold;

    public static readonly IReadOnlyDictionary<string, string[]> KnownCategories = new Dictionary<string, string[]>
    {
        ["sex"] = ["female", "male", IndicatorLibrary.Unknown],
        ["ageBand"] = ["under15", "from15To17", "from18To24", "from25To29", "from30", IndicatorLibrary.Unknown],
        ["disability"] = ["yes", "no", IndicatorLibrary.Unknown],
    };

    public async Task<Project?> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Projects.AsNoTracking().AsSplitQuery()
            .Include(p => p.Donors).ThenInclude(d => d.Donor).Include(p => p.Partners)
            .Include(p => p.Results).ThenInclude(r => r.Indicators).ThenInclude(i => i.Targets)
            .Include(p => p.Results).ThenInclude(r => r.Indicators).ThenInclude(i => i.ManualValues)
            .Include(p => p.Periods)
            .FirstOrDefaultAsync(p => p.Id == id, ct);

    public async Task<ProjectSummaryDto> SummaryAsync(Project p, bool editable, CancellationToken ct)
    {
        var orgIds = p.ImplementingOrganisations.ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return new ProjectSummaryDto(p.Id, p.Title, names.GetValueOrDefault(p.OrganisationId, ""), p.IatiIdentifier, Iso(p.StartsOn), Iso(p.EndsOn), p.Budget, p.Currency,
            p.RegionCodes, p.Donors.Select(d => new DonorDto(d.DonorId, d.Donor?.Name ?? "", d.Donor?.IatiRef, d.Donor?.Type ?? "", d.Amount)).ToList(),
            orgIds.Select(o => names.GetValueOrDefault(o, "")).ToList(), p.SharedWithGovernment, p.Results.Sum(r => r.Indicators.Count), editable);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The latest frozen version of each closed period.</summary>
    public async Task<Dictionary<Guid, PeriodSnapshot>> SnapshotsAsync(Guid projectId, CancellationToken ct) =>
        (await db.PeriodSnapshots.AsNoTracking().Where(s => s.ProjectId == projectId).ToListAsync(ct))
            .GroupBy(s => s.PeriodId).ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Version).First());

    /// <summary>
    /// The report through <paramref name="through"/> (null: every period begun by today). A closed period reports its
    /// latest frozen version exactly; <paramref name="suppressed"/> hides small cells and their complements.
    /// </summary>
    public async Task<ProjectReportDto> BuildAsync(Project project, ReportPeriod? through, bool suppressed, bool editable, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var snapshots = await SnapshotsAsync(project.Id, ct);
        var ordered = project.Periods.OrderBy(p => p.StartsOn).ToList();
        var periods = through is null ? ordered.Where(p => p.StartsOn <= today).ToList() : ordered.Where(p => p.StartsOn <= through.StartsOn).ToList();
        if (periods.Count == 0 && ordered.Count > 0) periods = [ordered[0]];
        // A closed period reported on its own is its frozen report: the figures exactly as frozen.
        if (through is not null && snapshots.TryGetValue(through.Id, out var own))
            return await FromSnapshotAsync(project, periods, own, snapshots, suppressed, editable, ct);
        var figures = await ComputeAsync(project, periods, snapshots, ct);
        return await ToDtoAsync(project, periods, figures, snapshots, suppressed, editable, through?.Id, ct);
    }

    private async Task<ProjectReportDto> FromSnapshotAsync(Project project, List<ReportPeriod> periods, PeriodSnapshot snapshot, Dictionary<Guid, PeriodSnapshot> snapshots,
        bool suppressed, bool editable, CancellationToken ct)
    {
        var frozen = JsonSerializer.Deserialize<FrozenFigures>(snapshot.FiguresJson)!;
        return await ToDtoAsync(project, periods, frozen, snapshots, suppressed, editable, snapshot.PeriodId, ct);
    }

    /// <summary>Every indicator's protected cells for these periods (closed ones from their snapshots).</summary>
    public async Task<FrozenFigures> ComputeAsync(Project project, List<ReportPeriod> periods, Dictionary<Guid, PeriodSnapshot> snapshots, CancellationToken ct)
    {
        var result = new Dictionary<Guid, FrozenIndicator>();
        if (periods.Count == 0) return new FrozenFigures(result);
        var frozen = periods.Where(p => snapshots.ContainsKey(p.Id)).ToDictionary(p => p.Id, p => JsonSerializer.Deserialize<FrozenFigures>(snapshots[p.Id].FiguresJson)!);
        var to = Min(project.EndsOn, periods[^1].EndsOn);
        var query = new FactQuery(db, project.ImplementingOrganisations, project.StartsOn, to, project.RegionCodes.ToHashSet(), null);
        foreach (var indicator in project.Results.SelectMany(r => r.Indicators))
        {
            var definition = IndicatorLibrary.Find(indicator.Definition);
            if (indicator.Source == IndicatorSource.Manual || definition is null || definition.Key == "study.estimate")
            {
                result[indicator.Id] = await ValueIndicatorAsync(indicator, definition, periods, frozen, ct);
                continue;
            }
            var facts = await definition.Facts(query with { Parameter = indicator.Parameter }, ct);
            var share = definition.Measure == IndicatorMeasure.Percentage;
            var ids = periods.Select(p => p.Id.ToString("N")).ToList();
            // Categories: the known ones, those met in the records, and those already published.
            var published = frozen.Values.Select(f => f.Indicators.GetValueOrDefault(indicator.Id)).OfType<FrozenIndicator>().SelectMany(f => f.Cells.Keys).ToList();
            var dims = definition.Dimensions.Select(d => (d, (IReadOnlyList<string>)Categories(d, facts, published))).ToList();
            var table = new PeriodTable(ids, dims, share);
            foreach (var fact in facts)
            {
                var period = periods.FirstOrDefault(p => fact.On >= p.StartsOn && fact.On <= p.EndsOn);
                if (period is null || frozen.ContainsKey(period.Id)) continue; // outside every period, or frozen already
                var part = !share ? PeriodTable.Count : fact.Yes == true ? PeriodTable.Yes : PeriodTable.No;
                var key = period.Id.ToString("N");
                foreach (var (name, _) in dims) table.Add(part, name, CategoryOf(fact, name), key);
            }
            foreach (var p in periods.Where(p => frozen.ContainsKey(p.Id)))
                if (frozen[p.Id].Indicators.GetValueOrDefault(indicator.Id) is { } f)
                    table.Publish(p.Id.ToString("N"), f.Cells.ToDictionary(kv => kv.Key, kv => (kv.Value[0], kv.Value[1] == 1)));
            var cells = table.Suppress(Threshold);
            result[indicator.Id] = new FrozenIndicator(cells.ToDictionary(kv => kv.Key, kv => new[] { kv.Value.Count, kv.Value.Hidden ? 1L : 0L }));
        }
        return new FrozenFigures(result);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static List<string> Categories(string dimension, List<Fact> facts, List<string> publishedKeys)
    {
        var seen = facts.Select(f => CategoryOf(f, dimension))
            .Concat(publishedKeys.Select(k => k.Split(':', 2)[1]).Where(k => k.StartsWith(dimension + "=", StringComparison.Ordinal))
                .Select(k => k[(dimension.Length + 1)..].Split('@')[0]))
            .ToHashSet();
        var known = KnownCategories.GetValueOrDefault(dimension) ?? [];
        // Known categories always (a zero is information too); unknown only when met.
        return [.. known.Where(c => c != IndicatorLibrary.Unknown || seen.Contains(c)), .. seen.Except(known).Order(StringComparer.Ordinal)];
    }

    private static string CategoryOf(Fact f, string dimension) => dimension switch { "sex" => f.Sex, "ageBand" => f.AgeBand, "region" => f.Region, "disability" => f.Disability, _ => IndicatorLibrary.Unknown };

    /// <summary>A hand-entered indicator (its values per period as entered) or an evaluation study's estimate.</summary>
    private async Task<FrozenIndicator> ValueIndicatorAsync(Indicator indicator, IndicatorDefinition? definition, List<ReportPeriod> periods,
        Dictionary<Guid, FrozenFigures> frozen, CancellationToken ct)
    {
        var cells = new Dictionary<string, long[]>();
        double? value = null;
        string? note = null;
        if (definition?.Key == "study.estimate" && Guid.TryParse(indicator.Parameter, out var studyId)
            && await db.EvaluationStudies.AsNoTracking().FirstOrDefaultAsync(s => s.Id == studyId && s.Status == StudyStatus.Completed && s.ResultJson != null, ct) is { } study)
        {
            var r = JsonSerializer.Deserialize<StudyResult>(study.ResultJson!, EvaluationReport.Options)!.Report;
            value = Math.Round(r.Estimate, 4);
            note = string.Format(CultureInfo.InvariantCulture, "{0} {1:0.###} (95% CI {2:0.###} to {3:0.###}; {4}; {5} treated, {6} comparison)",
                r.Estimand, r.Estimate, r.CiLow, r.CiHigh, r.Method, r.Treated, r.Controls);
            var completed = study.CompletedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : (DateOnly?)null;
            if (completed is { } c && periods.FirstOrDefault(p => c >= p.StartsOn && c <= p.EndsOn) is { } period)
                cells["value@" + period.Id.ToString("N")] = [(long)Math.Round(r.Estimate * 10000), 0];
        }
        foreach (var v in indicator.ManualValues)
            if (periods.Any(p => p.Id == v.PeriodId))
            {
                var frozenCell = frozen.GetValueOrDefault(v.PeriodId)?.Indicators.GetValueOrDefault(indicator.Id)?.Cells.GetValueOrDefault("value@" + v.PeriodId.ToString("N"));
                // Hand-entered counts from 1 to 4 are hidden like any other small count (a share or an estimate is not a count).
                var small = indicator.Measure == IndicatorMeasure.Unit && v.Value is > 0 and < Threshold;
                cells["value@" + v.PeriodId.ToString("N")] = frozenCell ?? [(long)Math.Round(v.Value * 10000), small ? 1 : 0];
            }
        return new FrozenIndicator(cells, value, note);
    }

    private async Task<ProjectReportDto> ToDtoAsync(Project project, List<ReportPeriod> periods, FrozenFigures figures, Dictionary<Guid, PeriodSnapshot> snapshots,
        bool suppressed, bool editable, Guid? through, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var periodDtos = project.Periods.OrderBy(p => p.StartsOn).Select(p => new PeriodDto(p.Id, p.Label, p.Kind.ToString().ToLowerInvariant(), Iso(p.StartsOn), Iso(p.EndsOn), p.IsClosed,
            snapshots.GetValueOrDefault(p.Id)?.Version, snapshots.GetValueOrDefault(p.Id)?.Hash, snapshots.GetValueOrDefault(p.Id)?.FrozenAt.ToString("O", CultureInfo.InvariantCulture))).ToList();
        var results = project.Results.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => new ResultDto(r.Id, r.Level.ToString().ToLowerInvariant(), r.Code, r.Title,
            r.Indicators.OrderBy(i => i.Code, StringComparer.Ordinal).Select(i => Indicator(i, figures.Indicators.GetValueOrDefault(i.Id) ?? new FrozenIndicator([]))).ToList())).ToList();
        return new ProjectReportDto(await SummaryAsync(project, editable, ct), periodDtos, results, suppressed, Threshold, Iso(today), through,
            "Computed indicators count the implementing organisations' records within the project's dates and regions, by the definition shown with each. "
            + "Periods add up to the total: distinct people are counted once, in the period of their first qualifying record. Closed periods show their frozen figures. "
            + (suppressed ? $"Counts from 1 to {Threshold - 1} are hidden, and so are the cells that would let them be recomputed from a row, a total, another period or an earlier report; a share is hidden with its numerator or denominator." : "Exact counts: for the owning organisation only, not for publication."));

        IndicatorReportDto Indicator(Indicator i, FrozenIndicator f)
        {
            var definition = IndicatorLibrary.Find(i.Definition);
            var share = i.Measure == IndicatorMeasure.Percentage;
            var computed = i.Source == IndicatorSource.Computed && definition is not null && definition.Key != "study.estimate";
            CellDto Cell(string key) => f.Cells.TryGetValue(key, out var c) ? (suppressed && c[1] == 1 ? new CellDto(null, true) : new CellDto(c[0], false)) : new CellDto(0, false);
            double? Rate(CellDto yes, CellDto all) => yes.Count is { } y && all.Count is { } a && a > 0 ? Math.Round(100.0 * y / a, 1) : null;
            var values = new List<PeriodValueDto>();
            foreach (var p in periods)
            {
                var key = p.Id.ToString("N");
                var target = i.Targets.FirstOrDefault(t => t.PeriodId == p.Id)?.Value;
                var frozenNow = snapshots.ContainsKey(p.Id);
                if (computed && share)
                {
                    var yes = Cell(PeriodTable.PeriodKey(PeriodTable.Yes, key));
                    var all = Cell(PeriodTable.PeriodKey(PeriodTable.All, key));
                    var rate = Rate(yes, all);
                    values.Add(new PeriodValueDto(p.Id, p.Label, target, rate, yes.Hidden || all.Hidden, yes.Count, all.Count, frozenNow, null));
                }
                else if (computed)
                {
                    var n = Cell(PeriodTable.PeriodKey(PeriodTable.Count, key));
                    values.Add(new PeriodValueDto(p.Id, p.Label, target, n.Count, n.Hidden, null, null, frozenNow, null));
                }
                else
                {
                    var has = f.Cells.TryGetValue("value@" + key, out var c);
                    var hidden = has && suppressed && c![1] == 1;
                    var source = i.ManualValues.FirstOrDefault(v => v.PeriodId == p.Id)?.Source;
                    values.Add(new PeriodValueDto(p.Id, p.Label, target, has && !hidden ? c![0] / 10000.0 : null, hidden, null, null, frozenNow,
                        i.Source == IndicatorSource.Manual ? source : has ? f.Note : null));
                }
            }
            double? toDate; bool toDateHidden;
            if (computed && share)
            {
                var yes = Cell(PeriodTable.GrandKey(PeriodTable.Yes));
                var all = Cell(PeriodTable.GrandKey(PeriodTable.All));
                (toDate, toDateHidden) = (Rate(yes, all), yes.Hidden || all.Hidden);
            }
            else if (computed)
            {
                var g = Cell(PeriodTable.GrandKey(PeriodTable.Count));
                (toDate, toDateHidden) = (g.Count, g.Hidden);
            }
            else if (share || definition?.Key == "study.estimate")
                (toDate, toDateHidden) = (values.LastOrDefault(v => v.Actual is not null)?.Actual, values.Any(v => v.Hidden) && values.All(v => v.Actual is null));
            else
                (toDate, toDateHidden) = (values.Any(v => v.Hidden) ? null : values.Sum(v => v.Actual ?? 0), values.Any(v => v.Hidden));

            decimal? targetToDate = null;
            if (share || definition?.Key == "study.estimate")
                targetToDate = values.LastOrDefault(v => v.Actual is not null && v.Target is not null)?.Target ?? values.LastOrDefault(v => v.Target is not null)?.Target ?? i.TargetTotal;
            else if (i.Targets.Count > 0)
                targetToDate = periods.Sum(p =>
                {
                    var t = i.Targets.FirstOrDefault(x => x.PeriodId == p.Id)?.Value ?? 0;
                    if (today >= p.EndsOn) return t;
                    var days = p.EndsOn.DayNumber - p.StartsOn.DayNumber + 1;
                    return t * Math.Clamp(today.DayNumber - p.StartsOn.DayNumber + 1, 0, days) / days;
                });
            var status = toDateHidden ? "hidden" : targetToDate is not { } goal || goal == 0 || toDate is null ? "noTarget"
                : Status((double)toDate, (double)goal);
            var dims = computed ? (definition!.Dimensions).Select(d => Disaggregation(d, f, share, periods, suppressed)).ToList() : [];
            return new IndicatorReportDto(i.Id, i.Code, i.Title, i.Source.ToString().ToLowerInvariant(), i.Definition, i.Parameter, share ? "percentage" : "unit",
                definition?.Method ?? (i.ManualSource is { } s ? "Entered by hand. Source: " + s : "Entered by hand."),
                i.Baseline, i.BaselineYear, i.BaselineNote, i.TargetTotal, i.OwnerUserId, values,
                toDate is { } td ? Math.Round(td, 2) : null, toDateHidden, targetToDate is { } tt ? Math.Round(tt, 1) : null, status, dims);
        }
    }

    /// <summary>Lower-is-better indicators do not exist in the library; every target is a level to reach.</summary>
    private static string Status(double actual, double target)
    {
        var ratio = actual / target;
        return ratio >= 0.9 ? "onTrack" : ratio >= 0.6 ? "atRisk" : "behind";
    }

    private static DisaggregationDto Disaggregation(string dimension, FrozenIndicator f, bool share, List<ReportPeriod> periods, bool suppressed)
    {
        var part = share ? PeriodTable.Yes : PeriodTable.Count;
        var prefix = part + ":" + dimension + "=";
        var categories = f.Cells.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !k.Contains('@')).Select(k => k[prefix.Length..]).ToList();
        var known = KnownCategories.GetValueOrDefault(dimension) ?? [];
        categories = [.. categories.OrderBy(c => Array.IndexOf(known, c) is var n && n >= 0 ? n : known.Length).ThenBy(c => c == IndicatorLibrary.Unknown ? 1 : 0).ThenBy(c => c, StringComparer.Ordinal)];
        CellDto Cell(string key) => f.Cells.TryGetValue(key, out var c) ? (suppressed && c[1] == 1 ? new CellDto(null, true) : new CellDto(c[0], false)) : new CellDto(0, false);
        return new DisaggregationDto(dimension, categories.Select(c => new CategoryDto(c,
            periods.Select(p => Cell(PeriodTable.CellKey(part, dimension, c, p.Id.ToString("N")))).ToList(),
            Cell(PeriodTable.CumulativeKey(part, dimension, c)),
            share ? periods.Select(p => Cell(PeriodTable.CellKey(PeriodTable.All, dimension, c, p.Id.ToString("N")))).ToList() : null,
            share ? Cell(PeriodTable.CumulativeKey(PeriodTable.All, dimension, c)) : null)).ToList());
    }

    /// <summary>
    /// Freezes a period: the figures through it, protected as they will be published, with the definitions used and a
    /// SHA-256 hash of both. Version 1 when the period closes; a correction is the next version, with its reason.
    /// </summary>
    public async Task<PeriodSnapshot> FreezeAsync(Project project, ReportPeriod period, Guid userId, string? reason, CancellationToken ct)
    {
        var snapshots = await SnapshotsAsync(project.Id, ct);
        var previous = snapshots.GetValueOrDefault(period.Id);
        snapshots.Remove(period.Id); // a correction recomputes the period itself
        var periods = project.Periods.OrderBy(p => p.StartsOn).Where(p => p.StartsOn <= period.StartsOn).ToList();
        var figures = await ComputeAsync(project, periods, snapshots, ct);
        var definitions = new FrozenDefinitions(project.IatiIdentifier, project.ImplementingOrganisations, Iso(project.StartsOn), Iso(Min(project.EndsOn, period.EndsOn)),
            project.RegionCodes, Threshold,
            project.Results.SelectMany(r => r.Indicators).OrderBy(i => i.Code, StringComparer.Ordinal).Select(i => new FrozenDefinition(i.Id, i.Code, i.Title, i.Source.ToString(),
                i.Definition, i.Parameter, i.Measure.ToString(), IndicatorLibrary.Find(i.Definition)?.Method ?? i.ManualSource ?? "")).ToList());
        var definitionsJson = JsonSerializer.Serialize(definitions);
        var figuresJson = JsonSerializer.Serialize(new FrozenFigures(figures.Indicators.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key,
            kv => kv.Value with { Cells = kv.Value.Cells.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary() })));
        return new PeriodSnapshot
        {
            PeriodId = period.Id, ProjectId = project.Id, Version = (previous?.Version ?? 0) + 1, FrozenAt = clock.GetUtcNow(), FrozenByUserId = userId,
            Reason = reason, DefinitionsJson = definitionsJson, FiguresJson = figuresJson, Hash = HashOf(definitionsJson, figuresJson),
        };
    }

    public static string HashOf(string definitionsJson, string figuresJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(definitionsJson + "\n" + figuresJson)));
}
