namespace Qadam.Statistics.Tests;

/// <summary>
/// Reproduction of R MatchIt's classic nearest-neighbour routine (nn-classic; MatchIt ≤ 4.5.0, forced in 4.5.1 by reference.R), sandwich SEs and IPW on MatchIt's
/// lalonde (figures from shared/data/evaluation/reference.out).
/// </summary>
public sealed class LalondeReferenceTests
{
    private static readonly SharedData.Lalonde Data = SharedData.LoadLalonde();

    private static EvaluationResult Run(Method method, double? caliper = null) =>
        Evaluation.Run(new EvaluationRequest(Data.Covariates, Data.Treated, Data.Re78, method, CaliperSd: caliper));

    [Fact]
    public void Logit_Coefficients_MatchR()
    {
        var fit = Run(Method.NearestNeighbourClassic).Propensity!;
        double[] expected = [-1.663281595, 0.01577707099, 0.1613068770, -2.081734119, -3.065367729, -0.8321132713, 0.7072968811, -7.177668568e-05, 5.344644639e-05];
        for (var j = 0; j < expected.Length; j++) Assert.Equal(expected[j], fit.Coefficients[j], 1e-6);
        Assert.Equal(-243.921966, fit.LogLikelihood, 1e-5);
        Assert.Equal(0.6387699333, fit.Fitted[0], 1e-9);
        Assert.True(fit.Converged);
    }

    [Fact]
    public void NearestNeighbour_Pairs_AreIdenticalToMatchItClassic()
    {
        var result = Run(Method.NearestNeighbourClassic);
        var (_, rows) = SharedData.ReadCsv(Path.Combine(SharedData.Folder("evaluation"), "pairs_nn_classic.csv"));
        var expected = rows.Select(r => (r[0], r[1])).OrderBy(p => p.Item1, StringComparer.Ordinal).ToList();
        var actual = result.Matching!.Pairs.Select(p => (Data.Ids[p.Treated], Data.Ids[p.Control])).OrderBy(p => p.Item1, StringComparer.Ordinal).ToList();
        Assert.Equal(185, actual.Count);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(Method.NearestNeighbourClassic, null, 894.3675, 715.7634, 185, 185)]
    [InlineData(Method.NearestNeighbourClassic, 0.1, 1835.4077, 1025.4828, 111, 111)]
    [InlineData(Method.NearestNeighbourClassicReplace, null, 1967.9397, 953.6384, 185, 80)]
    [InlineData(Method.Ipw, null, 1214.0712, 824.0517, 185, 429)]
    public void Att_AndStandardError_MatchR(Method method, double? caliper, double att, double se, int treated, int controls)
    {
        var result = Run(method, caliper);
        Assert.Equal(att, result.Estimate, 0.005);
        Assert.Equal(se, result.StandardError, 0.005);
        Assert.Equal(treated, result.Flow.TreatedUsed);
        Assert.Equal(controls, result.Flow.ControlsUsed);
    }

    [Fact]
    public void Smd_BeforeAndAfterMatching_MatchMatchIt()
    {
        var balance = Run(Method.NearestNeighbourClassic).Balance.ToDictionary(b => b.Name);
        var before = new Dictionary<string, double> { ["age"] = -0.3094, ["educ"] = 0.0550, ["raceblack"] = 1.7615, ["racehispan"] = -0.3498, ["racewhite"] = -1.8819,
            ["married"] = -0.8263, ["nodegree"] = 0.2450, ["re74"] = -0.7211, ["re75"] = -0.2903, ["distance"] = 1.7941 };
        var after = new Dictionary<string, double> { ["age"] = 0.0718, ["educ"] = -0.1290, ["raceblack"] = 1.0259, ["racehispan"] = -0.6629, ["racewhite"] = -0.7296,
            ["married"] = -0.0552, ["nodegree"] = 0.1546, ["re74"] = -0.0505, ["re75"] = -0.0257, ["distance"] = 0.9739 };
        foreach (var (name, value) in before) Assert.Equal(value, balance[name].SmdBefore, 1e-4 + 5e-5);
        foreach (var (name, value) in after) Assert.Equal(value, balance[name].SmdAfter, 1e-4 + 5e-5);
        Assert.Equal(0.4400, balance["age"].VarianceRatioBefore!.Value, 1e-4 + 5e-5);
        Assert.Equal(0.4568, balance["age"].VarianceRatio!.Value, 1e-4 + 5e-5);
        Assert.Null(balance["married"].VarianceRatio);
    }

    [Fact]
    public void Smd_AfterCaliperAndReplacementAndIpw_MatchMatchIt()
    {
        var cal = Run(Method.NearestNeighbourClassic, 0.1).Balance.ToDictionary(b => b.Name);
        Assert.Equal(-0.0277, cal["age"].SmdAfter, 1.5e-4);
        Assert.Equal(0.0496, cal["raceblack"].SmdAfter, 1.5e-4);
        Assert.Equal(0.0529, cal["re74"].SmdAfter, 1.5e-4);
        var rep = Run(Method.NearestNeighbourClassicReplace).Balance.ToDictionary(b => b.Name);
        Assert.Equal(0.2395, rep["age"].SmdAfter, 1.5e-4);
        Assert.Equal(0.1518, rep["married"].SmdAfter, 1.5e-4);
        Assert.Equal(1.0349, rep["re74"].VarianceRatio!.Value, 1.5e-4);
        var ipw = Run(Method.Ipw).Balance.ToDictionary(b => b.Name);
        Assert.Equal(0.1188, ipw["age"].SmdAfter, 1.5e-4);
        Assert.Equal(-0.0062, ipw["raceblack"].SmdAfter, 1.5e-4);
        Assert.Equal(-0.0205, ipw["distance"].SmdAfter, 1.5e-4);
    }

    [Fact]
    public void EffectiveSampleSize_WithReplacement_MatchesMatchIt()
    {
        var result = Run(Method.NearestNeighbourClassicReplace);
        Assert.Equal(43.48792884, result.Flow.EffectiveControls, 1e-6);
        Assert.Equal(99.8154, Run(Method.Ipw).Flow.EffectiveControls, 1e-3);
    }

    [Fact]
    public void MatchedDifferenceInDifferences_MatchesR()
    {
        var result = Evaluation.Run(new EvaluationRequest(Data.Covariates, Data.Treated, Data.Re78, Method.DifferenceInDifferences, Baseline: Data.Re75));
        Assert.Equal(977.0573, result.Estimate, 0.005);
    }

    [Fact]
    public void Bootstrap_IsDeterministicForASeed_AndBracketsTheEstimate()
    {
        EvaluationResult Boot(int seed) => Evaluation.Run(new EvaluationRequest(Data.Covariates, Data.Treated, Data.Re78, Method.Ipw, Bootstrap: 300, Seed: seed));
        var a = Boot(1);
        var b = Boot(1);
        Assert.Equal(a.CiLow, b.CiLow);
        Assert.Equal(a.CiHigh, b.CiHigh);
        Assert.NotEqual(a.CiLow, Boot(2).CiLow);
        Assert.InRange(a.Estimate, a.CiLow, a.CiHigh);
        // R (B = 2000, another generator): SE 832.58, CI [-324, 2885]. Same ballpark, not the same draws.
        Assert.InRange(a.StandardError, 600, 1100);
    }
}
