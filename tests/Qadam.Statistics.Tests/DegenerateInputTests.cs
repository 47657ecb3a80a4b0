namespace Qadam.Statistics.Tests;

/// <summary>Inputs that cannot support an estimate give a clear, coded error; never NaN.</summary>
public sealed class DegenerateInputTests
{
    private static EvaluationRequest Base(int n = 200, int seed = 1)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var t = x.Select(v => rng.NextDouble() < 0.3 + 0.4 * v).ToArray();
        var y = x.Select((v, i) => v + (t[i] ? 1 : 0) + rng.NextDouble()).ToArray();
        return new EvaluationRequest([new("x", x)], t, y, Method.NearestNeighbour);
    }

    private static StatisticsException Fails(EvaluationRequest r) => Assert.Throws<StatisticsException>(() => Evaluation.Run(r));

    [Fact]
    public void NoOverlap_IsAClearError()
    {
        var r = Base();
        var x = ((CovariateColumn)r.Covariates[0]).Numbers!.ToArray();
        // Treated all have x in [10, 11], controls in [0, 1]; a little noise avoids exact separation of the logit.
        for (var i = 0; i < x.Length; i++) x[i] = r.Treated[i] ? 10 + x[i] : x[i];
        var e = Fails(r with { Covariates = [new("x", x)] });
        Assert.Contains(e.Code, new[] { "separation", "no_overlap" });
        Assert.Contains("x", e.Message);
    }

    [Fact]
    public void PerfectSeparation_NamesTheCovariate()
    {
        var r = Base();
        var flag = r.Treated.Select(t => t ? 1.0 : 0.0).ToArray();
        var e = Fails(r with { Covariates = [r.Covariates[0], new("referredByPolice", flag)] });
        Assert.Equal("separation", e.Code);
        Assert.Contains("referredByPolice", e.Message);
    }

    [Fact]
    public void OneTreatedUnit_IsAClearError()
    {
        var r = Base();
        var t = new bool[r.Treated.Length];
        t[5] = true;
        Assert.Equal("too_few_treated", Fails(r with { Treated = t }).Code);
    }

    [Fact]
    public void MissingCovariateValue_NamesColumnAndRow()
    {
        var r = Base();
        var x = ((CovariateColumn)r.Covariates[0]).Numbers!.ToArray();
        x[41] = double.NaN;
        var e = Fails(r with { Covariates = [new("age", x)] });
        Assert.Equal("missing", e.Code);
        Assert.Contains("'age'", e.Message);
        Assert.Contains("row 42", e.Message);
    }

    [Fact]
    public void MissingTextAndOutcome_AreRefused()
    {
        var r = Base();
        var text = Enumerable.Range(0, r.Treated.Length).Select(i => i == 3 ? "" : i % 2 == 0 ? "a" : "b").ToArray();
        Assert.Equal("missing", Fails(r with { Covariates = [r.Covariates[0], new("group", Text: text)] }).Code);
        var y = r.Outcome.ToArray();
        y[0] = double.NaN;
        Assert.Equal("missing", Fails(r with { Outcome = y }).Code);
    }

    [Fact]
    public void ConstantOrCollinearCovariate_IsNamed()
    {
        var r = Base();
        var constant = Enumerable.Repeat(3.0, r.Treated.Length).ToArray();
        var e = Fails(r with { Covariates = [r.Covariates[0], new("region", constant)] });
        Assert.Equal("collinear", e.Code);
        Assert.Contains("region", e.Message);
    }

    [Fact]
    public void DidWithoutBaseline_AndCaliperThatDropsEveryone_AreClearErrors()
    {
        Assert.Equal("baseline_required", Fails(Base() with { Method = Method.DifferenceInDifferences }).Code);
        Assert.Equal("too_few_matched", Fails(Base() with { Method = Method.NearestNeighbourClassic, CaliperSd = 1e-12 }).Code);
        // MatchIt 4.5.1's routine would ignore a caliper: nn refuses one, naming the method that applies it.
        var ignored = Fails(Base() with { CaliperSd = 0.1 });
        Assert.Equal("caliper_matchit", ignored.Code);
        Assert.Contains("nn-classic", ignored.Message);
    }

    [Fact]
    public void ExtremeWeights_AndImbalance_AreWarned_NotHidden()
    {
        var rng = new Random(5);
        const int n = 400;
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 6 - 3).ToArray();
        var t = x.Select(v => rng.NextDouble() < 1 / (1 + Math.Exp(-3 * v))).ToArray();
        var y = x.Select((v, i) => v + (t[i] ? 1 : 0)).ToArray();
        var r = Evaluation.Run(new EvaluationRequest([new("x", x)], t, y, Method.Ipw));
        Assert.Contains(r.Warnings, w => w.StartsWith("Extreme weights", StringComparison.Ordinal));
        Assert.True(double.IsFinite(r.Estimate) && double.IsFinite(r.StandardError));
        var trimmed = Evaluation.Run(new EvaluationRequest([new("x", x)], t, y, Method.Ipw, TrimQuantile: 0.95));
        Assert.Contains(trimmed.Warnings, w => w.Contains("capped", StringComparison.Ordinal));
        var nn = Evaluation.Run(new EvaluationRequest([new("x", x)], t, y, Method.NearestNeighbour));
        Assert.Contains(nn.Warnings, w => w.StartsWith("Imbalance remains", StringComparison.Ordinal));
    }
}
