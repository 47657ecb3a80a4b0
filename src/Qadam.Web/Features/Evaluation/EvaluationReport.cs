using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Qadam.Statistics;

namespace Qadam.Web.Features.Evaluation;

/// <summary>The result as one JSON document (CLI --json, API, stored study results) and as plain text.</summary>
public static class EvaluationReport
{
    public sealed record BalanceJson(string Name, bool Binary, double SmdBefore, double SmdAfter, double? VarianceRatioBefore, double? VarianceRatio,
        double MeanTreated, double MeanControlBefore, double MeanControlAfter, double EcdfMeanAfter, double EcdfMaxAfter);

    public sealed record Json(
        string Method, string Estimand, double Estimate, double? Att, double? Ate, double Se, double CiLow, double CiHigh, string Interval,
        string VarianceMethod, int Treated, int Controls, int TreatedInput, int ControlsInput, int TreatedUnmatched, int TreatedOutsideSupport,
        double EffectiveControls, IReadOnlyList<BalanceJson> Balance, IReadOnlyList<string> Warnings,
        IReadOnlyDictionary<string, double>? PropensityCoefficients, double EValue, double EValueCi, string EValueBasis,
        int BootstrapReplicates, int BootstrapFailures, RandomisedJson? Randomised = null);

    /// <summary>The lottery design's own figures (the estimate above is then the intention-to-treat effect).</summary>
    public sealed record RandomisedJson(double RandomisationP, int Draws, bool Exact, double? TakeUpDifference, double? ComplierEffect, double? ComplierSe,
        double? ComplierCiLow, double? ComplierCiHigh);

    public static Json FromRandomised(RandomisedEstimate e, IReadOnlyList<BalanceEntry> balance, IReadOnlyList<string> warnings) => new(
        "lottery", "ITT", e.Itt, null, null, e.StandardError, e.CiLow, e.CiHigh, "normal approximation (Neyman variance)", e.Method,
        e.Assigned, e.NotAssigned, e.Assigned, e.NotAssigned, 0, 0, e.NotAssigned,
        balance.Select(b => new BalanceJson(b.Name, b.Binary, b.SmdBefore, b.SmdAfter, b.VarianceRatioBefore, b.VarianceRatio,
            b.MeanTreated, b.MeanControlBefore, b.MeanControlAfter, b.EcdfMeanAfter, b.EcdfMaxAfter)).ToList(),
        warnings, null, double.NaN, double.NaN, "", 0, 0,
        new RandomisedJson(e.RandomisationP, e.Draws, e.Exact, e.TakeUpDifference, e.ComplierEffect, e.ComplierStandardError, e.ComplierCiLow, e.ComplierCiHigh));

    /// <summary>
    /// Differential attrition: the share lost to follow-up in each arm (from the source's per-group counts); a gap of more
    /// than 10 points is flagged, since those answering may then differ between the arms.
    /// </summary>
    public static IReadOnlyList<string> AttritionWarnings(IReadOnlyDictionary<string, int> dropped, int treatedAnalysed, int controlsAnalysed,
        string treated = "drawn", string controls = "not drawn")
    {
        int Lost(string group) => dropped.Where(d => d.Key.StartsWith("lost to follow-up", StringComparison.Ordinal) && d.Key.EndsWith("): " + group, StringComparison.Ordinal)).Sum(d => d.Value);
        var (lostTreated, lostControls) = (Lost(treated), Lost(controls));
        double Share(int lost, int kept) => lost + kept == 0 ? 0 : (double)lost / (lost + kept);
        var (a, b) = (Share(lostTreated, treatedAnalysed), Share(lostControls, controlsAnalysed));
        return Math.Abs(a - b) > 0.10
            ? [string.Create(CultureInfo.InvariantCulture, $"Differential attrition: {a:P0} of the {treated} and {b:P0} of those {controls} were lost to follow-up; those who answered may differ between the groups.")]
            : [];
    }

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Json ToJson(EvaluationResult r) => new(
        r.Method, r.Estimand, r.Estimate, r.Estimand == "ATT" ? r.Estimate : null, r.Estimand == "ATE" ? r.Estimate : null,
        r.StandardError, r.CiLow, r.CiHigh, r.Interval, r.VarianceMethod, r.Flow.TreatedUsed, r.Flow.ControlsUsed, r.Flow.Treated, r.Flow.Controls,
        r.Flow.TreatedUnmatched, r.Flow.TreatedOutsideSupport, r.Flow.EffectiveControls,
        r.Balance.Select(b => new BalanceJson(b.Name, b.Binary, b.SmdBefore, b.SmdAfter, b.VarianceRatioBefore, b.VarianceRatio,
            b.MeanTreated, b.MeanControlBefore, b.MeanControlAfter, b.EcdfMeanAfter, b.EcdfMaxAfter)).ToList(),
        r.Warnings,
        r.Propensity is { } p ? r.PropensityTerms.Select((t, j) => (t, p.Coefficients[j])).ToDictionary(x => x.t, x => x.Item2) : null,
        r.Sensitivity.EValueEstimate, r.Sensitivity.EValueInterval, r.Sensitivity.Basis, r.BootstrapReplicates, r.BootstrapFailures);

    public static string Text(EvaluationResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"Method: {r.Method}   Estimand: {r.Estimand}");
        sb.AppendLine(c, $"Estimate: {r.Estimate:0.####}   SE: {r.StandardError:0.####}   95% CI: [{r.CiLow:0.####}, {r.CiHigh:0.####}]");
        sb.AppendLine(c, $"Interval: {r.Interval}; variance: {r.VarianceMethod}");
        sb.AppendLine(c, $"Sample: {r.Flow.Treated} treated, {r.Flow.Controls} comparison; used {r.Flow.TreatedUsed} treated, {r.Flow.ControlsUsed} comparison (effective {r.Flow.EffectiveControls:0.#})");
        if (r.Flow.TreatedUnmatched > 0) sb.AppendLine(c, $"Dropped: {r.Flow.TreatedUnmatched} treated without a match within the caliper");
        sb.AppendLine(c, $"Sensitivity: E-value {r.Sensitivity.EValueEstimate:0.##} (for the CI limit nearer the null: {r.Sensitivity.EValueInterval:0.##}); {r.Sensitivity.Basis}");
        sb.AppendLine();
        sb.AppendLine(c, $"{"Covariate",-16} {"SMD before",11} {"SMD after",10} {"Var. ratio",11} {"eCDF max",9}");
        foreach (var b in r.Balance)
            sb.AppendLine(c, $"{b.Name,-16} {b.SmdBefore,11:0.0000} {b.SmdAfter,10:0.0000} {(b.VarianceRatio is { } v ? v.ToString("0.0000", c) : "—"),11} {b.EcdfMaxAfter,9:0.0000}");
        if (r.Warnings.Count > 0)
        {
            sb.AppendLine();
            foreach (var w in r.Warnings) sb.AppendLine("Warning: " + w);
        }
        return sb.ToString();
    }
}
