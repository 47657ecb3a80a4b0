namespace Qadam.Statistics;

/// <summary>A raw covariate: numbers, or text categories (which become indicator columns).</summary>
public sealed record CovariateColumn(string Name, double[]? Numbers = null, string[]? Text = null)
{
    public int Length => Numbers?.Length ?? Text!.Length;
}

/// <summary>The expanded design: the model's columns (reference levels left out) and the balance table's columns (all levels).</summary>
public sealed record Design(double[] Model, int P, IReadOnlyList<string> ModelNames, IReadOnlyList<(string Name, double[] Values)> BalanceColumns);

public static class Covariates
{
    /// <summary>
    /// Intercept, then each covariate in order; text becomes one indicator per level except the first
    /// (levels sorted, the first is the reference, as R's factor() does). Missing values are refused.
    /// </summary>
    public static Design Build(IReadOnlyList<CovariateColumn> columns, int n)
    {
        var modelCols = new List<(string, double[])>();
        var balanceCols = new List<(string, double[])>();
        foreach (var c in columns)
        {
            if (c.Length != n) throw new StatisticsException("length", $"Covariate '{c.Name}' has {c.Length} values for {n} units.");
            if (c.Numbers is { } numbers)
            {
                var missing = Array.FindIndex(numbers, v => !double.IsFinite(v));
                if (missing >= 0) throw new StatisticsException("missing", $"Covariate '{c.Name}' is missing or not a number at row {missing + 1}. Remove or impute missing values first.");
                modelCols.Add((c.Name, numbers));
                balanceCols.Add((c.Name, numbers));
                continue;
            }
            var text = c.Text!;
            var missingText = Array.FindIndex(text, string.IsNullOrWhiteSpace);
            if (missingText >= 0) throw new StatisticsException("missing", $"Covariate '{c.Name}' is missing at row {missingText + 1}. Remove or impute missing values first.");
            var levels = text.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (levels.Count < 2) throw new StatisticsException("constant", $"Covariate '{c.Name}' has a single value ('{levels[0]}'); remove it.");
            foreach (var (level, k) in levels.Select((l, k) => (l, k)))
            {
                var indicator = text.Select(v => v == level ? 1.0 : 0.0).ToArray();
                balanceCols.Add((c.Name + level, indicator));
                if (k > 0) modelCols.Add((c.Name + level, indicator));
            }
        }
        var p = modelCols.Count + 1;
        var x = new double[n * p];
        for (var i = 0; i < n; i++)
        {
            x[i * p] = 1;
            for (var j = 0; j < modelCols.Count; j++) x[i * p + j + 1] = modelCols[j].Item2[i];
        }
        return new Design(x, p, ["(Intercept)", .. modelCols.Select(m => m.Item1)], balanceCols);
    }

    /// <summary>The same design restricted to (possibly repeated) rows, for the bootstrap.</summary>
    internal static Design Subset(Design d, int[] rows)
    {
        var p = d.P;
        var x = new double[rows.Length * p];
        for (var r = 0; r < rows.Length; r++) Array.Copy(d.Model, rows[r] * p, x, r * p, p);
        return new Design(x, p, d.ModelNames, d.BalanceColumns.Select(b => (b.Name, rows.Select(i => b.Values[i]).ToArray())).ToList());
    }
}
