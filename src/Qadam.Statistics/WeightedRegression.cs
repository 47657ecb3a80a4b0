namespace Qadam.Statistics;

public enum VarianceType
{
    /// <summary>Heteroskedasticity-consistent, no small-sample factor (White).</summary>
    HC0,
    /// <summary>HC0 × n/(n−k).</summary>
    HC1,
    /// <summary>Cluster-robust with the CR1 (Stata/sandwich::vcovCL default) factor G/(G−1)·(n−1)/(n−k).</summary>
    CR1,
    /// <summary>Classical OLS variance.</summary>
    Classical,
}

public sealed record RegressionFit(double[] Coefficients, double[] Covariance, int P, int N, int Clusters)
{
    public double StandardError(int j) => Math.Sqrt(Covariance[j * P + j]);
}

/// <summary>Weighted least squares with sandwich variance estimators, as R's lm + sandwich compute them.</summary>
public static class WeightedRegression
{
    /// <param name="x">Row-major n×p, intercept included. Rows with weight 0 are dropped (as MatchIt's match.data does).</param>
    public static RegressionFit Fit(double[] x, int n, int p, double[] y, double[] weights, VarianceType type, int[]? cluster = null)
    {
        var xtwx = new double[p * p];
        var xtwy = new double[p];
        var used = 0;
        for (var i = 0; i < n; i++)
        {
            var w = weights[i];
            if (w == 0) continue;
            used++;
            var row = i * p;
            for (var j = 0; j < p; j++)
            {
                var xw = x[row + j] * w;
                xtwy[j] += xw * y[i];
                for (var k = 0; k <= j; k++) xtwx[j * p + k] += xw * x[row + k];
            }
        }
        for (var j = 0; j < p; j++) for (var k = 0; k < j; k++) xtwx[k * p + j] = xtwx[j * p + k];
        var bread = Matrix.InverseSpd(xtwx, p) ?? throw new StatisticsException("collinear", "The regression's covariates are collinear (or a group is empty).");
        var beta = Matrix.Multiply(bread, xtwy, p);

        var meat = new double[p * p];
        var groups = 0;
        if (type == VarianceType.CR1)
        {
            if (cluster is null) throw new ArgumentException("CR1 needs clusters", nameof(cluster));
            // Cluster ids are dense (matched-set numbers, unit numbers): sum scores in one flat array.
            var slot = new Dictionary<int, int>();
            var ids = new int[n];
            for (var i = 0; i < n; i++)
            {
                if (weights[i] == 0) continue;
                if (!slot.TryGetValue(cluster[i], out var id)) slot[cluster[i]] = id = slot.Count;
                ids[i] = id;
            }
            groups = slot.Count;
            var sums = new double[groups * p];
            for (var i = 0; i < n; i++)
            {
                if (weights[i] == 0) continue;
                var score = weights[i] * Residual(x, p, y, beta, i);
                var at = ids[i] * p;
                for (var j = 0; j < p; j++) sums[at + j] += score * x[i * p + j];
            }
            for (var g = 0; g < groups; g++)
                for (var j = 0; j < p; j++) for (var k = 0; k < p; k++) meat[j * p + k] += sums[g * p + j] * sums[g * p + k];
            if (groups < 2) throw new StatisticsException("too_few_clusters", "Cluster-robust standard errors need at least two clusters.");
            var factor = groups / (groups - 1.0) * (used - 1.0) / (used - p);
            for (var i = 0; i < meat.Length; i++) meat[i] *= factor;
        }
        else if (type == VarianceType.Classical)
        {
            var rss = 0.0;
            for (var i = 0; i < n; i++) if (weights[i] != 0) { var e = Residual(x, p, y, beta, i); rss += weights[i] * e * e; }
            var sigma2 = rss / (used - p);
            var cov = new double[p * p];
            for (var i = 0; i < cov.Length; i++) cov[i] = bread[i] * sigma2;
            return new RegressionFit(beta, cov, p, used, 0);
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                if (weights[i] == 0) continue;
                var score = weights[i] * Residual(x, p, y, beta, i);
                var s2 = score * score;
                var row = i * p;
                for (var j = 0; j < p; j++) for (var k = 0; k < p; k++) meat[j * p + k] += s2 * x[row + j] * x[row + k];
            }
            if (type == VarianceType.HC1)
            {
                var factor = used / (double)(used - p);
                for (var i = 0; i < meat.Length; i++) meat[i] *= factor;
            }
        }
        return new RegressionFit(beta, Matrix.Sandwich(bread, meat, p), p, used, groups);
    }

    private static double Residual(double[] x, int p, double[] y, double[] beta, int i)
    {
        var fit = 0.0;
        for (var j = 0; j < p; j++) fit += x[i * p + j] * beta[j];
        return y[i] - fit;
    }

    /// <summary>Design matrix [1, treat] (and optional covariates) for an effect regression.</summary>
    public static (double[] X, int P) TreatmentDesign(bool[] treated, double[]? covariates = null, int covariateCount = 0)
    {
        var n = treated.Length;
        var p = 2 + covariateCount;
        var x = new double[n * p];
        for (var i = 0; i < n; i++)
        {
            x[i * p] = 1;
            x[i * p + 1] = treated[i] ? 1 : 0;
            for (var j = 0; j < covariateCount; j++) x[i * p + 2 + j] = covariates![i * covariateCount + j];
        }
        return (x, p);
    }
}
