namespace Qadam.Statistics.Tests;

/// <summary>The lottery design's estimators (issue #11) against worked examples, and the lottery draw itself.</summary>
public sealed class RandomisedDesignTests
{
    [Fact]
    public void DifferenceInMeans_WorkedExample_EstimateIntervalAndExactRandomisationP()
    {
        // Drawn 5, 7, 9; not drawn 4, 5, 6. ITT 7 − 5 = 2; Neyman variance 4/3 + 1/3; of the C(6,3) = 20 possible draws,
        // 6 give |ITT| ≥ 2 (worked by hand and by enumeration), so p = 0.3.
        var r = RandomisedDesign.Estimate([true, true, true, false, false, false], [5, 7, 9, 4, 5, 6]);
        Assert.Equal(2, r.Itt, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), r.StandardError, 12);
        Assert.Equal(-0.5303026237633199, r.CiLow, 9);
        Assert.Equal(4.53030262376332, r.CiHigh, 9);
        Assert.True(r.Exact);
        Assert.Equal(20, r.Draws);
        Assert.Equal(0.3, r.RandomisationP, 12);
        Assert.Null(r.ComplierEffect);
    }

    [Fact]
    public void ComplierEffect_OneSidedNonCompliance_IsIttOverTakeUp()
    {
        // Bloom (1984): with no take-up among those not drawn, the effect on compliers is ITT / take-up = 2.4 / 0.6 = 4.
        bool[] z = [.. Enumerable.Repeat(true, 10), .. Enumerable.Repeat(false, 10)];
        bool[] d = [.. Enumerable.Repeat(true, 6), .. Enumerable.Repeat(false, 14)];
        double[] y = [8, 9, 10, 8, 9, 10, 4, 5, 6, 5, 4, 5, 6, 5, 4, 5, 6, 5, 4, 6];
        var r = RandomisedDesign.Estimate(z, y, d, permutations: 2000);
        Assert.Equal(2.4, r.Itt, 12);
        Assert.Equal(0.6, r.TakeUpDifference!.Value, 12);
        Assert.Equal(4.0, r.ComplierEffect!.Value, 12);
        Assert.Equal(0.6085806194501846, r.ComplierStandardError!.Value, 9); // delta method, computed independently
        Assert.False(r.Exact); // C(20,10) = 184,756 > 2,000 re-draws
        Assert.InRange(r.RandomisationP, 0, 0.01);
        Assert.Equal(r, RandomisedDesign.Estimate(z, y, d, permutations: 2000)); // the seed makes it reproducible
    }

    [Fact]
    public void Stratified_WeightsEachStratumByItsShare()
    {
        // Stratum 0 (4 units): ITT 10; stratum 1 (8 units): ITT 1. Weighted: 4/12·10 + 8/12·1 = 4.
        bool[] z = [true, true, false, false, true, true, true, true, false, false, false, false];
        double[] y = [20, 22, 10, 12, 2, 3, 2, 3, 1, 2, 1, 2];
        int[] s = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1];
        var r = RandomisedDesign.Estimate(z, y, strata: s, permutations: 500);
        Assert.Equal(4, r.Itt, 12);
        Assert.Contains("within 2 strata", r.Method);
        Assert.Throws<StatisticsException>(() => RandomisedDesign.Estimate([true, false, false, false], [1, 2, 3, 4]));
    }

    private static List<LotteryEntrant> Cohort(int almatyWomen, int almatyMen, int turkestanWomen) =>
    [
        .. Enumerable.Range(0, almatyWomen).Select(i => new LotteryEntrant($"a-w-{i:000}", "KZ-75|female")),
        .. Enumerable.Range(0, almatyMen).Select(i => new LotteryEntrant($"a-m-{i:000}", "KZ-75|male")),
        .. Enumerable.Range(0, turkestanWomen).Select(i => new LotteryEntrant($"t-w-{i:000}", "KZ-61|female")),
    ];

    [Fact]
    public void Lottery_IsReproducible_RespectsStrata_AndRefusesWithoutOversubscription()
    {
        var cohort = Cohort(30, 20, 10);
        var draw = Lottery.Draw(cohort, 20, 20261201);
        // Proportional shares: 20·30/60 = 10, 20·20/60 = 6.67, 20·10/60 = 3.33 → 10, 7, 3 (largest remainder).
        Assert.Equal(new[] { ("KZ-61|female", 10, 3), ("KZ-75|female", 30, 10), ("KZ-75|male", 20, 7) },
            draw.Strata.Select(s => (s.Stratum, s.Eligible, s.Places)));
        Assert.Equal(20, draw.Drawn.Count);
        Assert.Equal(40, draw.WaitingList.Count);
        Assert.Empty(draw.Drawn.Intersect(draw.WaitingList));
        Assert.Equal(3, draw.Drawn.Count(id => id.StartsWith("t-", StringComparison.Ordinal)));

        // The same plan and seed, in any input order, give the same draw; another seed gives another.
        var again = Lottery.Draw([.. cohort.AsEnumerable().Reverse()], 20, 20261201);
        Assert.Equal(draw.Drawn, again.Drawn);
        Assert.Equal(draw.WaitingList, again.WaitingList);
        Assert.Equal(draw.PlanHash, again.PlanHash);
        var other = Lottery.Draw(cohort, 20, 7);
        Assert.NotEqual(draw.Drawn, other.Drawn);
        Assert.NotEqual(draw.PlanHash, other.PlanHash);

        var e = Assert.Throws<StatisticsException>(() => Lottery.Draw(Cohort(5, 5, 0), 10, 1));
        Assert.Equal("not_oversubscribed", e.Code);
    }

    [Fact]
    public void SplitMix64_IsTheSpecifiedSequence()
    {
        // Reference values of SplitMix64 from seed 0 (Vigna's splitmix64.c).
        var rng = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.Next());
        Assert.Equal(0x06C45D188009454FUL, rng.Next());
    }
}
