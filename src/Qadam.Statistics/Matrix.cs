namespace Qadam.Statistics;

/// <summary>
/// Small dense symmetric systems (p ≤ a few dozen) solved by Cholesky. The n-sized work (cross-products)
/// is done by the callers in single passes over row-major data.
/// </summary>
internal static class Matrix
{
    /// <summary>Inverse of a symmetric positive-definite p×p matrix (row-major); null when it is singular.</summary>
    public static double[]? InverseSpd(double[] a, int p)
    {
        var l = new double[p * p];
        for (var i = 0; i < p; i++)
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i * p + j];
                for (var k = 0; k < j; k++) sum -= l[i * p + k] * l[j * p + k];
                if (i == j)
                {
                    // Relative pivot test: a pivot lost to rounding means exact collinearity.
                    if (sum <= 1e-10 * Math.Max(1, Math.Abs(a[i * p + i]))) return null;
                    l[i * p + i] = Math.Sqrt(sum);
                }
                else l[i * p + j] = sum / l[j * p + j];
            }
        var inv = new double[p * p];
        var col = new double[p];
        for (var c = 0; c < p; c++)
        {
            // Solve L y = e_c, then Lᵀ x = y.
            for (var i = 0; i < p; i++)
            {
                var sum = i == c ? 1.0 : 0.0;
                for (var k = 0; k < i; k++) sum -= l[i * p + k] * col[k];
                col[i] = sum / l[i * p + i];
            }
            for (var i = p - 1; i >= 0; i--)
            {
                var sum = col[i];
                for (var k = i + 1; k < p; k++) sum -= l[k * p + i] * inv[k * p + c];
                inv[i * p + c] = sum / l[i * p + i];
            }
        }
        return inv;
    }

    public static double[] Multiply(double[] a, double[] v, int p)
    {
        var r = new double[p];
        for (var i = 0; i < p; i++)
        {
            var s = 0.0;
            for (var j = 0; j < p; j++) s += a[i * p + j] * v[j];
            r[i] = s;
        }
        return r;
    }

    /// <summary>B M B for symmetric B and M.</summary>
    public static double[] Sandwich(double[] bread, double[] meat, int p)
    {
        var tmp = new double[p * p];
        for (var i = 0; i < p; i++)
            for (var j = 0; j < p; j++)
            {
                var s = 0.0;
                for (var k = 0; k < p; k++) s += bread[i * p + k] * meat[k * p + j];
                tmp[i * p + j] = s;
            }
        var r = new double[p * p];
        for (var i = 0; i < p; i++)
            for (var j = 0; j < p; j++)
            {
                var s = 0.0;
                for (var k = 0; k < p; k++) s += tmp[i * p + k] * bread[k * p + j];
                r[i * p + j] = s;
            }
        return r;
    }
}
