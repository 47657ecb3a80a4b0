namespace Qadam.Statistics;

/// <summary>Result of a logit fit. <see cref="Fitted"/> are the propensity scores.</summary>
public sealed record LogitFit(double[] Coefficients, double[] StandardErrors, double[] Fitted, double LogLikelihood,
    int Iterations, bool Converged, IReadOnlyList<string> Warnings);

/// <summary>
/// Logistic regression by iteratively reweighted least squares, step for step as R's glm.fit
/// (start μ = (y + ½)/2, stop when |Δdeviance|/(|deviance| + 0.1) &lt; 1e-8, at most 25 iterations),
/// so coefficients agree with R to well below 1e-6.
/// </summary>
public static class LogisticRegression
{
    public const double Epsilon = 1e-8;
    public const int MaxIterations = 25;

    /// <param name="x">Row-major n×p design matrix, intercept column included.</param>
    public static LogitFit Fit(double[] x, int n, int p, bool[] y, IReadOnlyList<string>? columnNames = null)
    {
        if (x.Length != n * p || y.Length != n) throw new ArgumentException("design matrix and outcome do not agree in size");
        var eta = new double[n];
        var mu = new double[n];
        for (var i = 0; i < n; i++)
        {
            mu[i] = ((y[i] ? 1 : 0) + 0.5) / 2;
            eta[i] = Math.Log(mu[i] / (1 - mu[i]));
        }
        var devOld = Deviance(y, mu);
        double[] beta = new double[p], inverse = [];
        var converged = false;
        var iteration = 0;
        var dev = devOld;
        for (iteration = 1; iteration <= MaxIterations; iteration++)
        {
            // Weighted least squares of the working response z on X with weights w = μ(1−μ).
            var (xtwx, xtwz) = CrossProducts(x, n, p, eta, mu, y);
            inverse = Matrix.InverseSpd(xtwx, p) ?? throw Collinear(xtwx, p, columnNames);
            beta = Matrix.Multiply(inverse, xtwz, p);
            dev = Predict(x, n, p, beta, eta, mu, y);
            if (!double.IsFinite(dev)) break;
            if (Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < Epsilon) { converged = true; break; }
            devOld = dev;
        }
        iteration = Math.Min(iteration, MaxIterations);

        var warnings = new List<string>();
        var extreme = 0;
        for (var i = 0; i < n; i++) if (mu[i] < 1e-8 || mu[i] > 1 - 1e-8) extreme++;
        if (!converged || extreme > 0)
        {
            // Separation: a covariate combination predicts treatment perfectly, so the MLE does not exist.
            var culprit = Culprit(beta, x, n, p, columnNames);
            if (!converged || extreme > n / 100)
                throw new StatisticsException("separation",
                    $"The propensity model does not converge: the covariates (largest effect: {culprit}) predict treatment perfectly or almost perfectly for {extreme} of {n} units. "
                    + "Remove or coarsen that covariate, or restrict the sample to units that could have received either condition.");
            warnings.Add($"Fitted propensity scores of 0 or 1 for {extreme} units (quasi-separation, largest effect: {culprit}); estimates rely on few comparable units.");
        }

        var (finalXtwx, _) = CrossProducts(x, n, p, eta, mu, y);
        var cov = Matrix.InverseSpd(finalXtwx, p) ?? inverse;
        var se = new double[p];
        for (var j = 0; j < p; j++) se[j] = Math.Sqrt(cov[j * p + j]);
        var logLik = 0.0;
        for (var i = 0; i < n; i++) logLik += y[i] ? Math.Log(mu[i]) : Math.Log(1 - mu[i]);
        return new LogitFit(beta, se, mu, logLik, iteration, converged, warnings);
    }

    /// <summary>Updates η and μ; returns the deviance when the outcome is given (fused into the same pass over the data).</summary>
    private static double Predict(double[] x, int n, int p, double[] beta, double[] eta, double[] mu, bool[]? y = null)
    {
        var chunks = Chunks(n);
        var deviance = new double[chunks];
        Parallel.For(0, chunks, c =>
        {
            var (from, to) = Range(c, n);
            var d = 0.0;
            for (var i = from; i < to; i++)
            {
                var s = 0.0;
                var row = i * p;
                for (var j = 0; j < p; j++) s += x[row + j] * beta[j];
                eta[i] = s;
                // R's binomial linkinv with its thresholds, so extreme linear predictors behave identically.
                var e = s < -30 ? 2.220446049250313e-16 : s > 30 ? 1 / 2.220446049250313e-16 : Math.Exp(s);
                mu[i] = e / (1 + e);
                if (y is not null) d += -2 * (y[i] ? Math.Log(mu[i]) : Math.Log(1 - mu[i]));
            }
            deviance[c] = d;
        });
        var total = 0.0;
        foreach (var d in deviance) total += d; // fixed chunk order: the same sum on every machine
        return total;
    }

    private static (double[] Xtwx, double[] Xtwz) CrossProducts(double[] x, int n, int p, double[] eta, double[] mu, bool[] y)
    {
        var chunks = Chunks(n);
        var partialA = new double[chunks][];
        var partialB = new double[chunks][];
        Parallel.For(0, chunks, c =>
        {
            var a = new double[p * p];
            var b = new double[p];
            var (from, to) = Range(c, n);
            for (var i = from; i < to; i++)
            {
                var m = mu[i];
                var muEta = Math.Max(m * (1 - m), 2.220446049250313e-16);
                var w = muEta; // (dμ/dη)² / Var(μ) = μ(1−μ) for the logit link
                var z = eta[i] + ((y[i] ? 1 : 0) - m) / muEta;
                var row = i * p;
                for (var j = 0; j < p; j++)
                {
                    var xw = x[row + j] * w;
                    b[j] += xw * z;
                    for (var k = 0; k <= j; k++) a[j * p + k] += xw * x[row + k];
                }
            }
            partialA[c] = a;
            partialB[c] = b;
        });
        var xtwx = new double[p * p];
        var xtwz = new double[p];
        foreach (var a in partialA) for (var i = 0; i < a.Length; i++) xtwx[i] += a[i];
        foreach (var b in partialB) for (var i = 0; i < p; i++) xtwz[i] += b[i];
        for (var j = 0; j < p; j++) for (var k = 0; k < j; k++) xtwx[k * p + j] = xtwx[j * p + k];
        return (xtwx, xtwz);
    }

    private static double Deviance(bool[] y, double[] mu)
    {
        var d = 0.0;
        for (var i = 0; i < y.Length; i++) d += -2 * (y[i] ? Math.Log(mu[i]) : Math.Log(1 - mu[i]));
        return d;
    }

    private static string Culprit(double[] beta, double[] x, int n, int p, IReadOnlyList<string>? names)
    {
        var best = 1;
        var bestSize = -1.0;
        for (var j = 1; j < p; j++)
        {
            double mean = 0, sq = 0;
            for (var i = 0; i < n; i++) { var v = x[i * p + j]; mean += v; sq += v * v; }
            mean /= n;
            var sd = Math.Sqrt(Math.Max(sq / n - mean * mean, 0));
            var size = Math.Abs(beta[j]) * sd;
            if (size > bestSize) { bestSize = size; best = j; }
        }
        return names is not null && best < names.Count ? names[best] : $"column {best}";
    }

    private static StatisticsException Collinear(double[] xtwx, int p, IReadOnlyList<string>? names)
    {
        for (var j = 1; j <= p; j++)
        {
            var sub = new double[j * j];
            for (var a = 0; a < j; a++) for (var b = 0; b < j; b++) sub[a * j + b] = xtwx[a * p + b];
            if (Matrix.InverseSpd(sub, j) is null)
            {
                var name = names is not null && j - 1 < names.Count ? names[j - 1] : $"column {j - 1}";
                return new StatisticsException("collinear", $"The covariate '{name}' is constant or an exact combination of the covariates before it; remove it.");
            }
        }
        return new StatisticsException("collinear", "The covariates are collinear.");
    }

    // A fixed chunking (not the core count) keeps floating-point sums identical on every machine.
    internal static int Chunks(int n) => n < 20_000 ? 1 : 64;

    internal static (int From, int To) Range(int chunk, int n)
    {
        var chunks = Chunks(n);
        var size = (n + chunks - 1) / chunks;
        return (chunk * size, Math.Min(n, (chunk + 1) * size));
    }
}
