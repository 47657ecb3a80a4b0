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
    public static BalanceRow Row(string name, double[] x, bool[] treated, double[] weights, double smdDenominator) =>
        Compare(name, x, treated, weights, weights, smdDenominator).After;

    /// <summary>Balance before (first weights) and after (second weights), sorting the column once for both eCDFs.</summary>
    public static (BalanceRow Before, BalanceRow After) Compare(string name, double[] x, bool[] treated, double[] before, double[] after, double smdDenominator)
    {
        var binary = true;
        foreach (var v in x) if (v is not (0 or 1)) { binary = false; break; }
        int[] order = [];
        double[] keys = [];
        if (!binary)
        {
            order = RadixSort.Order(x);
            keys = new double[x.Length];
            for (var k = 0; k < order.Length; k++) keys[k] = x[order[k]];
        }
        return (Make(before), Make(after));

        BalanceRow Make(double[] w)
        {
            var (mt, vt, st) = Moments(x, treated, w, true);
            var (mc, vc, sc) = Moments(x, treated, w, false);
            if (st == 0 || sc == 0) throw new StatisticsException("empty_group", "Balance needs units in both groups.");
            var smd = smdDenominator > 0 ? (mt - mc) / smdDenominator : 0;
            double? ratio = binary ? null : vc > 0 ? vt / vc : null;
            // A binary covariate's eCDFs differ only at 0, by the difference in proportions.
            var (ecdfMean, ecdfMax) = binary ? (Math.Abs(mt - mc), Math.Abs(mt - mc)) : Ecdf(keys, order, treated, w);
            return new BalanceRow(name, binary, mt, mc, smd, ratio, ecdfMean, ecdfMax);
        }
    }

    /// <summary>The SMD denominator from the unmatched sample's treated units.</summary>
    public static double TreatedSd(double[] x, bool[] treated)
    {
        double sum = 0;
        var count = 0;
        var binary = true;
        for (var i = 0; i < x.Length; i++)
        {
            if (!treated[i]) continue;
            sum += x[i];
            count++;
            if (x[i] is not (0 or 1)) binary = false;
        }
        if (count < 2) throw new StatisticsException("too_few_treated", "At least two treated units are needed.");
        var mean = sum / count;
        if (binary) return Math.Sqrt(mean * (1 - mean));
        double ss = 0;
        for (var i = 0; i < x.Length; i++) if (treated[i]) ss += (x[i] - mean) * (x[i] - mean);
        return Math.Sqrt(ss / (count - 1));
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
    private static (double Mean, double Max) Ecdf(double[] sortedValues, int[] order, bool[] treated, double[] w)
    {
        double tw = 0, cw = 0;
        for (var i = 0; i < w.Length; i++) if (treated[i]) tw += w[i]; else cw += w[i];
        double ft = 0, fc = 0, sum = 0, max = 0;
        var count = 0;
        var last = -1;
        for (var k = 0; k < order.Length; k++) if (w[order[k]] > 0) last = k;
        for (var k = 0; k <= last; k++)
        {
            var i = order[k];
            if (w[i] <= 0) continue;
            if (treated[i]) ft += w[i] / tw; else fc += w[i] / cw;
            // Evaluate once per distinct value (after its last occurrence among the weighted units).
            var nextK = k + 1;
            while (nextK <= last && w[order[nextK]] <= 0) nextK++;
            if (nextK <= last && sortedValues[nextK] == sortedValues[k]) continue;
            var d = Math.Abs(ft - fc);
            if (nextK <= last) { sum += d; count++; } // at the largest value both CDFs are 1
            max = Math.Max(max, d);
        }
        return (count > 0 ? sum / count : 0, max);
    }
}
