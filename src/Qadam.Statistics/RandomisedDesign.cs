using MathNet.Numerics.Distributions;

namespace Qadam.Statistics;

/// <param name="Itt">Intention to treat: mean outcome of all assigned (drawn) minus all not assigned, stratum-weighted.</param>
/// <param name="RandomisationP">Two-sided randomisation-inference p-value of the ITT under the sharp null of no effect.</param>
/// <param name="Exact">True when every possible assignment was enumerated; false for a Monte Carlo sample of them.</param>
/// <param name="ComplierEffect">The effect of receiving the programme among compliers (Wald / IV: ITT on the outcome over ITT on
/// take-up); null without take-up data or when the draw did not change take-up.</param>
public sealed record RandomisedEstimate(
    double Itt, double StandardError, double CiLow, double CiHigh, double RandomisationP, int Draws, bool Exact,
    int Assigned, int NotAssigned, double? TakeUpDifference, double? ComplierEffect, double? ComplierStandardError,
    double? ComplierCiLow, double? ComplierCiHigh, string Method);

/// <summary>
/// The estimators of a randomised (lottery) design, pure: the difference in means (intention to treat), within strata
/// when the draw was stratified (weights = stratum shares), with the Neyman variance (unequal variances per arm) and a
/// normal 95% interval; a randomisation-inference p-value (re-drawing the assignment within strata with the same numbers
/// drawn: exactly, by enumeration, when there are at most <c>permutations</c> possible draws, else by a seeded sample);
/// and the complier effect (Wald estimator, delta-method SE) when take-up is incomplete.
/// </summary>
public static class RandomisedDesign
{
    private static readonly double Z975 = Normal.InvCDF(0, 1, 0.975);

    public static RandomisedEstimate Estimate(bool[] assigned, double[] outcome, bool[]? received = null, int[]? strata = null, int permutations = 10_000, int seed = 1)
    {
        var n = assigned.Length;
        if (outcome.Length != n || received is { } r0 && r0.Length != n || strata is { } s0 && s0.Length != n)
            throw new StatisticsException("length", "Assignment, outcome, take-up and strata must have the same length.");
        if (outcome.Any(v => !double.IsFinite(v))) throw new StatisticsException("missing", "An outcome is missing or not a number.");
        var stratum = strata ?? new int[n];
        var groups = Enumerable.Range(0, n).GroupBy(i => stratum[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToList();
        foreach (var g in groups)
            if (g.Count(i => assigned[i]) < 2 || g.Count(i => !assigned[i]) < 2)
                throw new StatisticsException("too_few", "Each stratum needs at least two drawn and two not drawn units to estimate an effect and its variance.");

        var (itt, variance) = Difference(groups, assigned, outcome, n);
        var se = Math.Sqrt(variance);
        var (p, draws, exact) = RandomisationP(groups, assigned, outcome, n, itt, permutations, seed);

        double? takeUp = null, late = null, lateSe = null;
        if (received is { } d)
        {
            var dd = d.Select(x => x ? 1.0 : 0.0).ToArray();
            var (ittD, varD) = Difference(groups, assigned, dd, n);
            takeUp = ittD;
            if (Math.Abs(ittD) > 1e-12)
            {
                late = itt / ittD;
                // Delta method for a ratio of two differences in means, with their covariance (per arm, per stratum).
                var cov = 0.0;
                foreach (var g in groups)
                {
                    var w = (double)g.Length / n;
                    foreach (var arm in new[] { true, false })
                    {
                        var idx = g.Where(i => assigned[i] == arm).ToArray();
                        cov += w * w * Covariance(idx, outcome, dd) / idx.Length;
                    }
                }
                var v = (variance - 2 * late.Value * cov + late.Value * late.Value * varD) / (ittD * ittD);
                lateSe = Math.Sqrt(Math.Max(0, v));
            }
        }
        return new RandomisedEstimate(itt, se, itt - Z975 * se, itt + Z975 * se, p, draws, exact, assigned.Count(a => a), assigned.Count(a => !a),
            takeUp, late, lateSe, late - Z975 * lateSe, late + Z975 * lateSe,
            (groups.Count > 1 ? $"difference in means within {groups.Count} strata (weights = stratum shares)" : "difference in means")
            + ", Neyman variance, normal 95% interval; randomisation p-value " + (exact ? $"exact ({draws} possible draws)" : $"from {draws} re-draws, seed {seed}")
            + (late is null ? "" : "; complier effect = ITT / difference in take-up (Wald), delta-method SE"));
    }

    /// <summary>
    /// The randomisation check: covariate means of the drawn and the not drawn, with the standardised difference
    /// (a lottery balances covariates in expectation; a large difference flags a flawed draw or differential attrition).
    /// No weighting: "before" and "after" are the same.
    /// </summary>
    public static IReadOnlyList<BalanceEntry> BalanceCheck(IReadOnlyList<CovariateColumn> covariates, bool[] assigned)
    {
        if (covariates.Count == 0) return [];
        var n = assigned.Length;
        var design = Covariates.Build(covariates, n);
        var ones = Enumerable.Repeat(1.0, n).ToArray();
        return design.BalanceColumns.Select(c =>
        {
            var row = Balance.Row(c.Name, c.Values, assigned, ones, Balance.TreatedSd(c.Values, assigned));
            return new BalanceEntry(row.Name, row.Binary, row.MeanTreated, row.MeanControl, row.MeanControl, row.Smd, row.Smd, row.VarianceRatio, row.VarianceRatio,
                row.EcdfMean, row.EcdfMax);
        }).ToList();
    }

    private static (double Estimate, double Variance) Difference(List<int[]> groups, bool[] assigned, double[] y, int n)
    {
        double est = 0, variance = 0;
        foreach (var g in groups)
        {
            var w = (double)g.Length / n;
            var t = g.Where(i => assigned[i]).Select(i => y[i]).ToArray();
            var c = g.Where(i => !assigned[i]).Select(i => y[i]).ToArray();
            est += w * (t.Average() - c.Average());
            variance += w * w * (SampleVariance(t) / t.Length + SampleVariance(c) / c.Length);
        }
        return (est, variance);
    }

    private static double SampleVariance(double[] x)
    {
        var m = x.Average();
        return x.Sum(v => (v - m) * (v - m)) / (x.Length - 1);
    }

    private static double Covariance(int[] idx, double[] a, double[] b)
    {
        var ma = idx.Average(i => a[i]);
        var mb = idx.Average(i => b[i]);
        return idx.Sum(i => (a[i] - ma) * (b[i] - mb)) / (idx.Length - 1);
    }

    /// <summary>Share of re-draws (same numbers drawn in each stratum) whose |ITT| reaches the observed one.</summary>
    private static (double P, int Draws, bool Exact) RandomisationP(List<int[]> groups, bool[] assigned, double[] y, int n, double observed, int permutations, int seed)
    {
        // The number of possible draws, capped (as a double, to avoid overflow).
        var possible = groups.Aggregate(1.0, (acc, g) => acc * Choose(g.Length, g.Count(i => assigned[i])));
        var tolerance = 1e-9 * Math.Max(1, Math.Abs(observed));
        var z = (bool[])assigned.Clone();
        if (possible <= permutations && groups.Count == 1)
        {
            var g = groups[0];
            var k = g.Count(i => assigned[i]);
            int extreme = 0, total = 0;
            foreach (var combo in Combinations(g.Length, k))
            {
                foreach (var i in g) z[i] = false;
                foreach (var j in combo) z[g[j]] = true;
                total++;
                if (Math.Abs(Difference(groups, z, y, n).Estimate) >= Math.Abs(observed) - tolerance) extreme++;
            }
            return ((double)extreme / total, total, true);
        }
        var rng = new SplitMix64((ulong)seed);
        var hits = 0;
        for (var p = 0; p < permutations; p++)
        {
            foreach (var g in groups)
            {
                var k = g.Count(i => assigned[i]);
                var order = (int[])g.Clone();
                rng.Shuffle(order);
                for (var j = 0; j < order.Length; j++) z[order[j]] = j < k;
            }
            if (Math.Abs(Difference(groups, z, y, n).Estimate) >= Math.Abs(observed) - tolerance) hits++;
        }
        return ((hits + 1.0) / (permutations + 1.0), permutations, false);
    }

    private static double Choose(int n, int k)
    {
        double r = 1;
        for (var i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }

    private static IEnumerable<int[]> Combinations(int n, int k)
    {
        var c = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return (int[])c.Clone();
            var i = k - 1;
            while (i >= 0 && c[i] == n - k + i) i--;
            if (i < 0) yield break;
            c[i]++;
            for (var j = i + 1; j < k; j++) c[j] = c[j - 1] + 1;
        }
    }
}

/// <summary>
/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fully specified generator, so a recorded seed reproduces a draw or a
/// permutation on any platform and any .NET version (System.Random's sequence is not part of its contract).
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong state = seed;

    public ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, n) without modulo bias (rejection).</summary>
    public int NextBelow(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        var limit = ulong.MaxValue - ulong.MaxValue % (ulong)n;
        ulong v;
        do v = Next(); while (v >= limit);
        return (int)(v % (ulong)n);
    }

    /// <summary>Fisher–Yates, from the last position down.</summary>
    public void Shuffle<T>(T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextBelow(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
