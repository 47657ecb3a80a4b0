namespace Qadam.Statistics.Tests;

public sealed class SensitivityAndChangeTests
{
    [Fact]
    public void EValue_ForABinaryOutcome_FollowsVanderWeeleDing()
    {
        // 40% employed among matched comparisons, 60% among treated: RR 1.5 → E = 1.5 + √(1.5·0.5) = 2.366.
        const int n = 400;
        var t = Enumerable.Range(0, n).Select(i => i % 2 == 0).ToArray();
        var x = Enumerable.Range(0, n).Select(i => (i / 2) % 10 / 10.0).ToArray();
        var y = Enumerable.Range(0, n).Select(i => t[i] ? (((i / 2) % 5) < 3 ? 1.0 : 0.0) : (((i / 2) % 5) < 2 ? 1.0 : 0.0)).ToArray();
        var r = Evaluation.Run(new EvaluationRequest([new("x", x)], t, y, Method.NearestNeighbour));
        Assert.Equal(0.2, r.Estimate, 1e-9);
        Assert.Equal(1.5 + Math.Sqrt(0.75), r.Sensitivity.EValueEstimate, 1e-9);
        Assert.StartsWith("risk ratio (binary", r.Sensitivity.Basis);
    }

    [Fact]
    public void EValue_IntervalCrossingNull_IsOne()
    {
        var d = SharedData.LoadLalonde();
        var r = Evaluation.Run(new EvaluationRequest(d.Covariates, d.Treated, d.Re78, Method.NearestNeighbour));
        Assert.True(r.CiLow < 0);
        Assert.Equal(1, r.Sensitivity.EValueInterval);
        Assert.True(r.Sensitivity.EValueEstimate > 1);
    }

    [Fact]
    public void ReliableChange_ClassifiesPhq9Pairs()
    {
        // PHQ-9: SD 5, reliability 0.84 → S_diff = √2·5·0.4 = 2.828; critical difference 5.54 points.
        double[] pre = [18, 15, 12, 9, 20, 11];
        double[] post = [6, 14, 19, 3, 13, 9];
        var s = ReliableChange.Assess(pre, post, 0.84, lowerIsBetter: true, clinicalCutoff: 10, referenceSd: 5);
        Assert.Equal(5.5437, s.CriticalDifference, 1e-3);
        Assert.Equal([ChangeCategory.ReliableImprovement, ChangeCategory.NoReliableChange, ChangeCategory.ReliableDeterioration,
            ChangeCategory.ReliableImprovement, ChangeCategory.ReliableImprovement, ChangeCategory.NoReliableChange], s.People.Select(p => p.Category));
        Assert.Equal(3, s.Improved);
        Assert.Equal(1, s.Deteriorated);
        // Recovered: started ≥ 10, improved reliably, ended < 10 — only the first (20 → 13 stays ≥ 10; 9 was never clinical).
        Assert.Equal(1, s.Recovered);
        Assert.Equal(5, s.EligibleForRecovery);
    }

    [Fact]
    public void ReliableChange_BadInputs_AreClearErrors()
    {
        Assert.Equal("reliability", Assert.Throws<StatisticsException>(() => ReliableChange.Assess([1, 2], [1, 2], 1.2, true)).Code);
        Assert.Equal("missing", Assert.Throws<StatisticsException>(() => ReliableChange.Assess([1, double.NaN], [1, 2], 0.8, true)).Code);
        Assert.Equal("no_variation", Assert.Throws<StatisticsException>(() => ReliableChange.Assess([3, 3, 3], [1, 2, 3], 0.8, true)).Code);
    }
}
