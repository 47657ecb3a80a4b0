using MathNet.Numerics.Distributions;

namespace Qadam.Statistics;

/// <summary>
/// <c>nn</c> / <c>nn-replace</c>: MatchIt 4.5.1's default nearest-neighbour routine (its pairs, exactly);
/// <c>nn-classic</c> / <c>nn-classic-replace</c>: the classic greedy rule (truly nearest available control; caliper honoured).
/// </summary>
public enum Method { NearestNeighbour, NearestNeighbourReplace, Ipw, DifferenceInDifferences, NearestNeighbourClassic, NearestNeighbourClassicReplace }

public enum Estimand { Att, Ate }

public sealed record EvaluationRequest(
    IReadOnlyList<CovariateColumn> Covariates, bool[] Treated, double[] Outcome, Method Method,
    Estimand Estimand = Estimand.Att, double[]? Baseline = null, int Ratio = 1, double? CaliperSd = null,
    double? TrimQuantile = null, int Bootstrap = 0, int Seed = 1, int[]? Cluster = null, Action<double>? OnProgress = null);

public sealed record BalanceEntry(string Name, bool Binary, double MeanTreated, double MeanControlBefore, double MeanControlAfter,
    double SmdBefore, double SmdAfter, double? VarianceRatioBefore, double? VarianceRatio, double EcdfMeanAfter, double EcdfMaxAfter);

public sealed record SampleFlow(int Units, int Treated, int Controls, int TreatedUsed, int ControlsUsed, int TreatedUnmatched,
    int TreatedOutsideSupport, double EffectiveControls, double EffectiveTreated);

public sealed record Sensitivity(double EValueEstimate, double EValueInterval, string Basis);

public sealed record EvaluationResult(
    string Method, string Estimand, double Estimate, double StandardError, double CiLow, double CiHigh, string Interval,
    SampleFlow Flow, IReadOnlyList<BalanceEntry> Balance, IReadOnlyList<string> Warnings, LogitFit? Propensity,
    IReadOnlyList<string> PropensityTerms, Sensitivity Sensitivity, MatchResult? Matching, double[] Weights,
    int BootstrapReplicates, int BootstrapFailures, string VarianceMethod);

/// <summary>Fits the propensity model, applies the method, estimates the effect with its uncertainty, and checks balance.</summary>
public static class Evaluation
{
    public const double ImbalanceThreshold = 0.1;
    private static readonly double Z975 = Normal.InvCDF(0, 1, 0.975);

    public static EvaluationResult Run(EvaluationRequest request)
    {
        var n = request.Treated.Length;
        Validate(request, n);
        var design = Covariates.Build(request.Covariates, n);
        var core = Estimate(request, design, request.Treated, request.Outcome, request.Baseline, request.Cluster, fullReport: true);
        var warnings = core.Warnings.ToList();

        double se = core.StandardError, low = core.Estimate - Z975 * core.StandardError, high = core.Estimate + Z975 * core.StandardError;
        var interval = "analytic (normal approximation)";
        int failures = 0;
        if (request.Bootstrap > 0)
        {
            (se, low, high, failures) = BootstrapInterval(request, design, n);
            interval = $"bootstrap percentile, {request.Bootstrap} replicates, seed {request.Seed}";
            if (failures > 0) warnings.Add($"{failures} of {request.Bootstrap} bootstrap replicates could not be estimated and were left out.");
            if (IsMatching(request.Method))
                warnings.Add("The bootstrap re-fits the propensity model and re-matches each replicate; for nearest-neighbour matching it is known to be only approximately valid (Abadie & Imbens 2008).");
        }
        if (!double.IsFinite(core.Estimate) || !double.IsFinite(se))
            throw new StatisticsException("not_estimable", "The effect could not be estimated from these data (an empty or constant group after matching or weighting).");
        var sensitivity = EValues(core.Estimate, low, high, request.Outcome, request.Treated, core.Weights);
        return core with { StandardError = se, CiLow = low, CiHigh = high, Interval = interval, Warnings = warnings, Sensitivity = sensitivity,
            BootstrapReplicates = request.Bootstrap, BootstrapFailures = failures };
    }

    private static void Validate(EvaluationRequest r, int n)
    {
        if (r.Outcome.Length != n) throw new StatisticsException("length", "Outcome and treatment have different lengths.");
        var missing = Array.FindIndex(r.Outcome, v => !double.IsFinite(v));
        if (missing >= 0) throw new StatisticsException("missing", $"The outcome is missing or not a number at row {missing + 1}.");
        if (r.Baseline is { } b)
        {
            var mb = Array.FindIndex(b, v => !double.IsFinite(v));
            if (mb >= 0) throw new StatisticsException("missing", $"The baseline outcome is missing or not a number at row {mb + 1}.");
        }
        if (r.Method == Method.DifferenceInDifferences && r.Baseline is null)
            throw new StatisticsException("baseline_required", "Difference-in-differences needs the outcome before the programme (a baseline column).");
        var treated = r.Treated.Count(t => t);
        if (treated < 2) throw new StatisticsException("too_few_treated", $"Only {treated} treated unit(s): at least two are needed to estimate an effect and its uncertainty.");
        if (n - treated < 2) throw new StatisticsException("too_few_controls", $"Only {n - treated} comparison unit(s): at least two are needed.");
        if (r.Ratio < 1 || r.Ratio > 10) throw new StatisticsException("ratio", "The ratio must be between 1 and 10.");
        if (r.CaliperSd is <= 0) throw new StatisticsException("caliper", "The caliper must be positive.");
        if (r.TrimQuantile is <= 0.5 or >= 1) throw new StatisticsException("trim", "The trimming quantile must be between 0.5 and 1 (e.g. 0.99).");
        if (r.Bootstrap is < 0 or > 100_000) throw new StatisticsException("bootstrap", "The number of bootstrap replicates must be between 0 and 100,000.");
    }

    private static EvaluationResult Estimate(EvaluationRequest r, Design design, bool[] treated, double[] outcome, double[]? baseline, int[]? cluster, bool fullReport)
    {
        var n = treated.Length;
        var warnings = new List<string>();
        LogitFit? logit = null;
        double[]? score = null;
        var needsScore = r.Method != Method.DifferenceInDifferences || r.Covariates.Count > 0;
        if (needsScore)
        {
            logit = LogisticRegression.Fit(design.Model, n, design.P, treated, design.ModelNames);
            score = logit.Fitted;
            warnings.AddRange(logit.Warnings);
        }
        var y = r.Method == Method.DifferenceInDifferences ? outcome.Select((v, i) => v - baseline![i]).ToArray() : outcome;

        double[] weights;
        MatchResult? match = null;
        RegressionFit fit;
        string variance;
        var estimand = r.Estimand;
        var outside = score is null ? 0 : OutsideSupport(score, treated);
        if (score is not null && outside == treated.Count(t => t))
            throw new StatisticsException("no_overlap", "No treated unit has a propensity score within the range of the comparison group: the groups do not overlap, so no comparison is possible.");
        if (outside > 0 && fullReport)
            warnings.Add($"Poor overlap: {outside} treated unit(s) have propensity scores above every comparison unit's; their matches are poor and the estimate leans on extrapolation.");

        switch (r.Method)
        {
            case Method.NearestNeighbour or Method.NearestNeighbourReplace or Method.NearestNeighbourClassic or Method.NearestNeighbourClassicReplace:
                if (estimand != Estimand.Att) throw new StatisticsException("estimand", "Nearest-neighbour matching estimates the ATT only.");
                var replace = r.Method is Method.NearestNeighbourReplace or Method.NearestNeighbourClassicReplace;
                var rule = r.Method is Method.NearestNeighbour or Method.NearestNeighbourReplace ? MatchRule.MatchIt451 : MatchRule.NearestAvailable;
                match = NearestNeighbourMatching.Match(score!, treated, new MatchOptions(r.Ratio, replace, r.CaliperSd, rule));
                if (match.MatchedTreated < 2) throw new StatisticsException("too_few_matched", "Fewer than two treated units found a match (widen the caliper or check overlap).");
                weights = match.Weights;
                if (match.UnmatchedTreated > 0 && fullReport)
                    warnings.Add($"{match.UnmatchedTreated} treated unit(s) found no comparison within the caliper and were dropped: the estimate describes the matched treated only.");
                (fit, variance) = !replace
                    ? (Regress(treated, y, weights, VarianceType.CR1, cluster ?? match.Subclass), cluster is null ? "CR1 cluster-robust by matched set" : "CR1 cluster-robust by the given cluster")
                    : (Regress(treated, y, weights, cluster is null ? VarianceType.HC1 : VarianceType.CR1, cluster), cluster is null ? "HC1 robust (matching with replacement)" : "CR1 cluster-robust by the given cluster");
                break;
            case Method.Ipw:
                weights = IpwWeights(score!, treated, estimand, r.TrimQuantile, warnings, fullReport);
                (fit, variance) = (Regress(treated, y, weights, cluster is null ? VarianceType.HC0 : VarianceType.CR1, cluster),
                    (cluster is null ? "HC0 robust" : "CR1 cluster-robust") + ", propensity score treated as known (use the bootstrap to include its estimation)");
                break;
            default:
                if (estimand != Estimand.Att && score is not null) throw new StatisticsException("estimand", "Matched difference-in-differences estimates the ATT only.");
                if (score is not null)
                {
                    match = NearestNeighbourMatching.Match(score, treated, new MatchOptions(r.Ratio, false, r.CaliperSd));
                    weights = match.Weights;
                    (fit, variance) = (Regress(treated, y, weights, VarianceType.CR1, cluster ?? match.Subclass), "matched difference-in-differences, CR1 cluster-robust by matched set");
                }
                else
                {
                    weights = Enumerable.Repeat(1.0, n).ToArray();
                    (fit, variance) = TwoPeriodDid(treated, outcome, baseline!, cluster);
                }
                break;
        }

        var estimate = fit.Coefficients[1];
        var se = fit.StandardError(1);
        var balance = fullReport ? BalanceTable(design, score, treated, weights) : [];
        if (fullReport)
        {
            var imbalanced = balance.Where(b => Math.Abs(b.SmdAfter) > ImbalanceThreshold && b.Name != "distance").Select(b => $"{b.Name} ({b.SmdAfter:0.00})").ToList();
            if (imbalanced.Count > 0)
                warnings.Add($"Imbalance remains after {(r.Method == Method.Ipw ? "weighting" : "matching")} (|SMD| > {ImbalanceThreshold}): {string.Join(", ", imbalanced)}. Consider regression adjustment, a caliper, or other covariates.");
        }
        var flow = new SampleFlow(n, treated.Count(t => t), treated.Count(t => !t),
            Enumerable.Range(0, n).Count(i => treated[i] && weights[i] > 0), Enumerable.Range(0, n).Count(i => !treated[i] && weights[i] > 0),
            match?.UnmatchedTreated ?? 0, outside, Balance.EffectiveSampleSize(treated, weights, false), Balance.EffectiveSampleSize(treated, weights, true));
        return new EvaluationResult(MethodName(r.Method), estimand == Estimand.Att ? "ATT" : "ATE", estimate, se, 0, 0, "", flow, balance, warnings,
            logit, design.ModelNames, new Sensitivity(1, 1, ""), match, weights, 0, 0, variance);
    }

    public static bool IsMatching(Method m) => m is Method.NearestNeighbour or Method.NearestNeighbourReplace or Method.NearestNeighbourClassic or Method.NearestNeighbourClassicReplace;

    /// <summary>The inverse of <see cref="MethodName"/>: nn, nn-replace, nn-classic, nn-classic-replace, ipw, did; null for anything else.</summary>
    public static Method? ParseMethod(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "nn" => Method.NearestNeighbour,
        "nn-replace" => Method.NearestNeighbourReplace,
        "nn-classic" => Method.NearestNeighbourClassic,
        "nn-classic-replace" => Method.NearestNeighbourClassicReplace,
        "ipw" => Method.Ipw,
        "did" => Method.DifferenceInDifferences,
        _ => null,
    };

    public static string MethodName(Method m) => m switch
    {
        Method.NearestNeighbour => "nn",
        Method.NearestNeighbourReplace => "nn-replace",
        Method.NearestNeighbourClassic => "nn-classic",
        Method.NearestNeighbourClassicReplace => "nn-classic-replace",
        Method.Ipw => "ipw",
        _ => "did",
    };

    private static RegressionFit Regress(bool[] treated, double[] y, double[] weights, VarianceType type, int[]? cluster)
    {
        var (x, p) = WeightedRegression.TreatmentDesign(treated);
        return WeightedRegression.Fit(x, treated.Length, p, y, weights, type, cluster);
    }

    /// <summary>y = a + b·treat + c·post + d·treat·post on the stacked two periods, clustered by unit (or the given cluster).</summary>
    private static (RegressionFit, string) TwoPeriodDid(bool[] treated, double[] after, double[] before, int[]? cluster)
    {
        var n = treated.Length;
        const int p = 4;
        var x = new double[2 * n * p];
        var y = new double[2 * n];
        var groups = new int[2 * n];
        for (var i = 0; i < n; i++)
            for (var period = 0; period < 2; period++)
            {
                var row = 2 * i + period;
                var t = treated[i] ? 1.0 : 0.0;
                x[row * p] = 1; x[row * p + 1] = period; x[row * p + 2] = t; x[row * p + 3] = t * period;
                y[row] = period == 1 ? after[i] : before[i];
                groups[row] = cluster?[i] ?? i;
            }
        var fit = WeightedRegression.Fit(x, 2 * n, p, y, Enumerable.Repeat(1.0, 2 * n).ToArray(), VarianceType.CR1, groups);
        // Report the interaction as coefficient 1 (the effect), keeping the covariance aligned.
        var coef = fit.Coefficients.ToArray();
        (coef[1], coef[3]) = (coef[3], coef[1]);
        var cov = fit.Covariance.ToArray();
        cov[1 * p + 1] = fit.Covariance[3 * p + 3];
        return (fit with { Coefficients = coef, Covariance = cov }, cluster is null ? "two-period DiD, CR1 cluster-robust by unit" : "two-period DiD, CR1 cluster-robust by the given cluster");
    }

    private static double[] IpwWeights(double[] ps, bool[] treated, Estimand estimand, double? trimQuantile, List<string> warnings, bool report)
    {
        var n = ps.Length;
        var w = new double[n];
        for (var i = 0; i < n; i++)
            w[i] = estimand == Estimand.Att ? (treated[i] ? 1 : ps[i] / (1 - ps[i])) : (treated[i] ? 1 / ps[i] : 1 / (1 - ps[i]));
        if (trimQuantile is { } q)
            foreach (var group in new[] { true, false })
            {
                var values = w.Where((_, i) => treated[i] == group).Order().ToArray();
                var cap = Quantile(values, q);
                var capped = 0;
                for (var i = 0; i < n; i++) if (treated[i] == group && w[i] > cap) { w[i] = cap; capped++; }
                if (capped > 0 && report) warnings.Add($"{capped} {(group ? "treated" : "comparison")} weights were capped at the {q:0.###} quantile ({cap:0.###}).");
            }
        if (report)
        {
            var controlWeights = w.Where((_, i) => !treated[i]).ToArray();
            var share = controlWeights.Max() / controlWeights.Sum();
            var ess = Balance.EffectiveSampleSize(treated, w, false);
            if (share > 0.1 || ess < 0.1 * controlWeights.Length)
                warnings.Add($"Extreme weights: one comparison unit carries {share:P0} of the comparison group's weight (effective sample size {ess:0.#} of {controlWeights.Length}). Consider trimming (e.g. 0.99).");
        }
        return w;
    }

    private static int OutsideSupport(double[] score, bool[] treated)
    {
        double maxC = double.MinValue, minC = double.MaxValue;
        for (var i = 0; i < score.Length; i++) if (!treated[i]) { maxC = Math.Max(maxC, score[i]); minC = Math.Min(minC, score[i]); }
        return Enumerable.Range(0, score.Length).Count(i => treated[i] && (score[i] > maxC || score[i] < minC));
    }

    private static List<BalanceEntry> BalanceTable(Design design, double[]? score, bool[] treated, double[] weights)
    {
        var ones = Enumerable.Repeat(1.0, treated.Length).ToArray();
        var columns = design.BalanceColumns.ToList();
        if (score is not null) columns.Insert(0, ("distance", score));
        var table = new BalanceEntry[columns.Count];
        Parallel.For(0, columns.Count, c =>
        {
            var (name, values) = columns[c];
            var sd = Balance.TreatedSd(values, treated);
            var (before, after) = Balance.Compare(name, values, treated, ones, weights, sd);
            table[c] = new BalanceEntry(name, before.Binary, after.MeanTreated, before.MeanControl, after.MeanControl, before.Smd, after.Smd,
                before.VarianceRatio, after.VarianceRatio, after.EcdfMean, after.EcdfMax);
        });
        return [.. table];
    }

    private static (double Se, double Low, double High, int Failures) BootstrapInterval(EvaluationRequest r, Design design, int n)
    {
        var treatedIdx = Enumerable.Range(0, n).Where(i => r.Treated[i]).ToArray();
        var controlIdx = Enumerable.Range(0, n).Where(i => !r.Treated[i]).ToArray();
        var estimates = new double[r.Bootstrap];
        var failed = new bool[r.Bootstrap];
        var done = 0;
        var step = Math.Max(1, r.Bootstrap / 50);
        // Each replicate has its own generator seeded from (seed, replicate): results do not depend on scheduling.
        Parallel.For(0, r.Bootstrap, b =>
        {
            var rng = new Random(unchecked(r.Seed * 1_000_003 + b * 7919));
            // Resampling within each group keeps both groups' sizes (a replicate without treated units is meaningless).
            var rows = new int[n];
            for (var k = 0; k < treatedIdx.Length; k++) rows[k] = treatedIdx[rng.Next(treatedIdx.Length)];
            for (var k = 0; k < controlIdx.Length; k++) rows[treatedIdx.Length + k] = controlIdx[rng.Next(controlIdx.Length)];
            try
            {
                var d = Covariates.Subset(design, rows);
                var t = rows.Select(i => r.Treated[i]).ToArray();
                var y = rows.Select(i => r.Outcome[i]).ToArray();
                var baseline = r.Baseline is null ? null : rows.Select(i => r.Baseline[i]).ToArray();
                var cluster = r.Cluster is null ? null : rows.Select(i => r.Cluster[i]).ToArray();
                estimates[b] = Estimate(r, d, t, y, baseline, cluster, fullReport: false).Estimate;
                failed[b] = !double.IsFinite(estimates[b]);
            }
            catch (StatisticsException)
            {
                failed[b] = true;
            }
            var finished = Interlocked.Increment(ref done);
            if (finished % step == 0) r.OnProgress?.Invoke(finished / (double)r.Bootstrap);
        });
        var ok = estimates.Where((_, b) => !failed[b]).Order().ToArray();
        if (ok.Length < Math.Max(10, r.Bootstrap / 2))
            throw new StatisticsException("bootstrap_failed", $"Only {ok.Length} of {r.Bootstrap} bootstrap replicates could be estimated; the data are too thin for a bootstrap interval.");
        var mean = ok.Average();
        var se = Math.Sqrt(ok.Sum(v => (v - mean) * (v - mean)) / (ok.Length - 1));
        return (se, Quantile(ok, 0.025), Quantile(ok, 0.975), r.Bootstrap - ok.Length);
    }

    /// <summary>R's default (type 7) quantile of sorted values.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>
    /// E-values (VanderWeele &amp; Ding 2017): how strong an unmeasured confounder would have to be, on the
    /// risk-ratio scale, to explain the estimate (and its interval) away. Binary outcomes use the risk ratio;
    /// continuous outcomes the approximation RR ≈ exp(0.91·d) with d the effect in outcome standard deviations.
    /// </summary>
    private static Sensitivity EValues(double estimate, double low, double high, double[] y, bool[] treated, double[] weights)
    {
        var binary = y.All(v => v is 0 or 1);
        var outcomeSd = NearestNeighbourMatching.StandardDeviation(y);
        double Rr(double effect)
        {
            if (binary)
            {
                double sw = 0, s = 0;
                for (var i = 0; i < y.Length; i++) if (!treated[i] && weights[i] > 0) { sw += weights[i]; s += weights[i] * y[i]; }
                var p0 = s / sw;
                return p0 > 0 ? Math.Max((p0 + effect) / p0, 1e-9) : double.PositiveInfinity;
            }
            return Math.Exp(0.91 * effect / outcomeSd);
        }
        static double E(double rr)
        {
            if (double.IsInfinity(rr)) return double.PositiveInfinity;
            if (rr < 1) rr = 1 / rr;
            return rr + Math.Sqrt(rr * (rr - 1));
        }
        var crossesNull = low <= 0 && high >= 0;
        var nearer = estimate >= 0 ? low : high;
        return new Sensitivity(E(Rr(estimate)), crossesNull ? 1 : E(Rr(nearer)),
            binary ? "risk ratio (binary outcome)" : "risk ratio approximated from the standardised effect, RR ≈ exp(0.91·d)");
    }
}
