namespace Qadam.Statistics;

/// <param name="VarianceRatio">Treated over control (weighted) variance; null for binary covariates, as MatchIt reports.</param>
public sealed record BalanceRow(string Name, bool Binary, double MeanTreated, double MeanControl, double Smd,
    double? VarianceRatio, double EcdfMean, double EcdfMax);

/// <summary>
/// Covariate balance with MatchIt's conventions: the SMD's denominator is the treated group's SD in the
/// unmatched sample (binary: √(p(1−p)); continuous: n−1 formula), so before/after values are comparable.
/// </summary>
public static class Balance
{
    public static BalanceRow Row(string name, double[] x, bool[] treated, double[] weights, double smdDenominator)
    {
        var binary = x.All(v => v is 0 or 1);
        var (mt, vt, st) = Moments(x, treated, weights, true);
        var (mc, vc, sc) = Moments(x, treated, weights, false);
        if (st == 0 || sc == 0) throw new StatisticsException("empty_group", "Balance needs units in both groups.");
        var smd = smdDenominator > 0 ? (mt - mc) / smdDenominator : 0;
        double? ratio = binary ? null : vc > 0 ? vt / vc : null;
        var (ecdfMean, ecdfMax) = Ecdf(x, treated, weights);
        return new BalanceRow(name, binary, mt, mc, smd, ratio, ecdfMean, ecdfMax);
    }

    /// <summary>The SMD denominator from the unmatched sample's treated units.</summary>
    public static double TreatedSd(double[] x, bool[] treated)
    {
        var values = x.Where((_, i) => treated[i]).ToArray();
        if (values.Length < 2) throw new StatisticsException("too_few_treated", "At least two treated units are needed.");
        var mean = values.Average();
        if (x.All(v => v is 0 or 1)) return Math.Sqrt(mean * (1 - mean));
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    /// <summary>Kish's effective sample size (Σw)²/Σw² of one group.</summary>
    public static double EffectiveSampleSize(bool[] treated, double[] weights, bool group)
    {
        double s = 0, s2 = 0;
        for (var i = 0; i < weights.Length; i++) if (treated[i] == group) { s += weights[i]; s2 += weights[i] * weights[i]; }
        return s2 > 0 ? s * s / s2 : 0;
    }

    /// <summary>Weighted mean and variance with reliability weights (equal weights: the n−1 formula).</summary>
    private static (double Mean, double Variance, double SumW) Moments(double[] x, bool[] treated, double[] w, bool group)
    {
        double sw = 0, sx = 0, sw2 = 0;
        for (var i = 0; i < x.Length; i++) if (treated[i] == group && w[i] > 0) { sw += w[i]; sx += w[i] * x[i]; sw2 += w[i] * w[i]; }
        if (sw == 0) return (0, 0, 0);
        var mean = sx / sw;
        double ss = 0;
        for (var i = 0; i < x.Length; i++) if (treated[i] == group && w[i] > 0) ss += w[i] / sw * (x[i] - mean) * (x[i] - mean);
        var denom = 1 - sw2 / (sw * sw);
        return (mean, denom > 0 ? ss / denom : 0, sw);
    }

    /// <summary>Mean and maximum distance between the groups' weighted empirical CDFs, over the observed values.</summary>
    private static (double Mean, double Max) Ecdf(double[] x, bool[] treated, double[] w)
    {
        var idx = Enumerable.Range(0, x.Length).Where(i => w[i] > 0).OrderBy(i => x[i]).ToArray();
        double tw = 0, cw = 0;
        foreach (var i in idx) if (treated[i]) tw += w[i]; else cw += w[i];
        double ft = 0, fc = 0, sum = 0, max = 0;
        var count = 0;
        for (var k = 0; k < idx.Length; k++)
        {
            var i = idx[k];
            if (treated[i]) ft += w[i] / tw; else fc += w[i] / cw;
            if (k + 1 < idx.Length && x[idx[k + 1]] == x[i]) continue; // evaluate once per distinct value
            var d = Math.Abs(ft - fc);
            if (k + 1 < idx.Length) { sum += d; count++; } // at the largest value both CDFs are 1
            max = Math.Max(max, d);
        }
        return (count > 0 ? sum / count : 0, max);
    }
}
