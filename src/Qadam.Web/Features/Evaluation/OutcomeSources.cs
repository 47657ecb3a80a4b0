using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Statistics;

namespace Qadam.Web.Features.Evaluation;

/// <summary>What a source hands the engine, plus the units it left out and why (the sample flow's first steps).</summary>
public sealed record StudyData(EvaluationRequest Request, int UnitsFound, IReadOnlyDictionary<string, int> Dropped)
{
    /// <summary>A randomised (lottery) design: who received the programme (for the complier effect) and the draw's strata.</summary>
    public RandomisedData? Randomised { get; init; }
}

/// <param name="Received">Placed (took up the offer), whatever the draw said; null when take-up is not known.</param>
/// <param name="Strata">The stratum each unit was drawn in (lottery and region|sex), or null for an unstratified draw.</param>
public sealed record RandomisedData(bool[]? Received, int[]? Strata);

/// <summary>
/// Where a study's treated cohort, comparison group, outcome and covariates come from. Sources hand over
/// pseudonymised rows only: no names, no identity numbers. New sources (apprenticeship placements and
/// follow-ups, instrument scores such as PHQ-9) plug in here without touching the study workflow.
/// </summary>
public interface IOutcomeSource
{
    string Key { get; }
    Task<StudyData> LoadAsync(EvaluationStudy study, StudyPlan plan, QadamDbContext db, CancellationToken ct);
}

/// <summary>An external comparison data set uploaded as CSV (only the plan's columns are kept).</summary>
public sealed class UploadedDatasetSource : IOutcomeSource
{
    public const string SourceKey = "upload";
    public string Key => SourceKey;

    public async Task<StudyData> LoadAsync(EvaluationStudy study, StudyPlan plan, QadamDbContext db, CancellationToken ct)
    {
        var stored = await db.EvaluationDatasets.AsNoTracking().FirstOrDefaultAsync(d => d.StudyId == study.Id, ct)
            ?? throw new DatasetException("No data set has been uploaded for this study.");
        var set = CsvDataset.Read(new StringReader(stored.Csv));
        // Listwise deletion of incomplete rows, each reason counted and shown in the sample flow.
        var columns = new[] { plan.Treatment, plan.Outcome }.Concat(plan.Covariates).Concat(plan.Baseline is null ? [] : [plan.Baseline])
            .Concat(plan.Cluster is null ? [] : [plan.Cluster]).Distinct().ToList();
        var keep = Enumerable.Range(0, set.Rows).ToList();
        var dropped = new Dictionary<string, int>();
        foreach (var column in columns)
        {
            var text = set.Text(column);
            var before = keep.Count;
            keep = keep.Where(i => text[i].Length > 0 && text[i] is not ("NA" or "NaN")).ToList();
            if (keep.Count < before) dropped[$"missing {column}"] = before - keep.Count;
        }
        var subset = set.Subset(keep);
        var method = Qadam.Statistics.Evaluation.ParseMethod(plan.Method) ?? Method.Ipw; // validated when the plan was saved ("lottery" is not the engine's)
        var request = new EvaluationRequest(subset.Covariates(plan.Covariates), subset.Flags(plan.Treatment), subset.Numbers(plan.Outcome), method,
            plan.Estimand == "ate" ? Estimand.Ate : Estimand.Att, plan.Baseline is null ? null : subset.Numbers(plan.Baseline), plan.Ratio, plan.Caliper,
            null, plan.Bootstrap, plan.Seed, plan.Cluster is null ? null : subset.Clusters(plan.Cluster));
        return new StudyData(request, set.Rows, dropped) { Randomised = plan.Method == ManageStudies.Lottery ? new RandomisedData(null, null) : null };
    }
}
