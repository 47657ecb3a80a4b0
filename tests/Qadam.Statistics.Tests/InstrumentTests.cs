using Qadam.Statistics;

namespace Qadam.Statistics.Tests;

/// <summary>The standard instruments against worked examples of their published scoring rules (issue #10).</summary>
public sealed class InstrumentTests
{
    private static int?[] A(params int?[] a) => a;

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0, "minimal", false)]
    [InlineData(new[] { 1, 1, 1, 1, 0, 0, 0, 0, 0 }, 4, "minimal", false)]
    [InlineData(new[] { 1, 1, 1, 1, 1, 0, 0, 0, 0 }, 5, "mild", false)]
    [InlineData(new[] { 2, 2, 2, 1, 1, 1, 0, 0, 0 }, 9, "mild", false)]
    [InlineData(new[] { 2, 2, 2, 2, 1, 1, 0, 0, 0 }, 10, "moderate", true)]
    [InlineData(new[] { 2, 2, 2, 2, 2, 2, 2, 0, 0 }, 14, "moderate", true)]
    [InlineData(new[] { 3, 3, 3, 2, 2, 1, 1, 0, 0 }, 15, "moderatelySevere", true)]
    [InlineData(new[] { 3, 3, 3, 3, 3, 2, 2, 1, 0 }, 20, "severe", true)]
    [InlineData(new[] { 3, 3, 3, 3, 3, 3, 3, 3, 3 }, 27, "severe", true)]
    public void Phq9_TotalsBandsAndCaseness(int[] answers, int total, string band, bool caseness)
    {
        var s = Instrument.Phq9.Score(answers.Select(a => (int?)a).ToArray());
        Assert.Equal(total, s.Total);
        Assert.Equal(band, s.Band);
        Assert.Equal(caseness, s.Caseness);
        Assert.True(s.Complete);
        Assert.Equal(answers[8] > 0, s.Alert);
    }

    [Fact]
    public void Phq9_ProratesUpToTwoMissing_RoundingHalfUp_AndAlertsOnItem9EvenWhenIncomplete()
    {
        // Two missing: 5 over 7 answered → 5 × 9 / 7 = 6.43 → 6.
        var two = Instrument.Phq9.Score(A(1, 1, 1, 1, 1, 0, null, null, 0));
        Assert.Equal(6, two.Total);
        Assert.True(two.Prorated);
        Assert.Equal(7, two.Answered);
        // Half rounds up: 4 over 8 answered → 4.5 → 5.
        Assert.Equal(5, Instrument.Phq9.Score(A(1, 1, 1, 1, 0, 0, 0, null, 0)).Total);
        // 7 over 8 → 7.875 → 8; item 9 = 1 raises the alert.
        var one = Instrument.Phq9.Score(A(1, 1, 1, 1, 1, 1, 0, null, 1));
        Assert.Equal(8, one.Total);
        Assert.True(one.Alert);
        // Three missing: no total, never zero — but item 9 still alerts.
        var three = Instrument.Phq9.Score(A(null, null, null, 0, 0, 0, 0, 0, 2));
        Assert.Null(three.Total);
        Assert.False(three.Complete);
        Assert.Null(three.Band);
        Assert.Null(three.Caseness);
        Assert.True(three.Alert);
        // Item 9 unanswered: the alert is unknown, not "no".
        Assert.Null(Instrument.Phq9.Score(A(0, 0, 0, 0, 0, 0, 0, 0, null)).Alert);
    }

    [Fact]
    public void Gad7_BandsCasenessAndOneMissing()
    {
        Assert.Equal(("minimal", false), Band(Instrument.Gad7.Score(A(1, 1, 1, 1, 0, 0, 0))));
        Assert.Equal(("mild", true), Band(Instrument.Gad7.Score(A(2, 2, 2, 2, 0, 0, 0)))); // 8: caseness ≥ 8
        Assert.Equal(("mild", false), Band(Instrument.Gad7.Score(A(2, 2, 2, 1, 0, 0, 0)))); // 7
        Assert.Equal(("moderate", true), Band(Instrument.Gad7.Score(A(2, 2, 2, 2, 2, 0, 0))));
        Assert.Equal(("severe", true), Band(Instrument.Gad7.Score(A(3, 3, 3, 3, 3, 0, 0))));
        Assert.Equal(21, Instrument.Gad7.Score(A(3, 3, 3, 3, 3, 3, 3)).Total);
        var prorated = Instrument.Gad7.Score(A(1, 1, 1, 1, 1, 0, null)); // 5 × 7 / 6 = 5.83 → 6
        Assert.Equal(6, prorated.Total);
        Assert.Null(Instrument.Gad7.Score(A(1, 1, 1, 1, 1, null, null)).Total);
    }

    [Fact]
    public void Who5_IsAPercentage_WithItsTwoCutOffs_AndNeedsEveryItem()
    {
        var s = Instrument.Who5.Score(A(3, 3, 2, 2, 3)); // raw 13 → 52
        Assert.Equal(52, s.Total);
        Assert.Equal("wellbeing", s.Band);
        Assert.Equal("poorWellbeing", Instrument.Who5.Score(A(3, 3, 2, 2, 2)).Band); // 48 ≤ 50
        Assert.Equal("likelyDepression", Instrument.Who5.Score(A(2, 1, 1, 2, 1)).Band); // 28
        Assert.Equal("poorWellbeing", Instrument.Who5.Score(A(2, 2, 1, 2, 1)).Band); // 32
        Assert.Equal(100, Instrument.Who5.Score(A(5, 5, 5, 5, 5)).Total);
        var missing = Instrument.Who5.Score(A(5, 5, 5, 5, null));
        Assert.Null(missing.Total);
        Assert.False(missing.Complete);
    }

    [Fact]
    public void Brs_ReversesItems2_4_6_AndTakesTheMeanOfAtLeastFive()
    {
        // All 5 ("strongly agree") on every item: positive items 5, negative items reversed to 1 → mean 3.
        Assert.Equal(3.0, Instrument.Brs.Score(A(5, 5, 5, 5, 5, 5)).Total);
        // The most resilient answers: agree with 1, 3, 5; disagree with 2, 4, 6 → all 5.
        var high = Instrument.Brs.Score(A(5, 1, 5, 1, 5, 1));
        Assert.Equal(5.0, high.Total);
        Assert.Equal("high", high.Band);
        Assert.Equal("low", Instrument.Brs.Score(A(2, 4, 2, 4, 3, 4)).Band); // 2,2,2,2,3,2 → 2.17
        Assert.Equal("normal", Instrument.Brs.Score(A(4, 2, 5, 2, 4, 2)).Band); // 4,4,5,4,4,4 → 4.17
        Assert.Equal("high", Instrument.Brs.Score(A(4, 2, 4, 2, 5, 1)).Band); // 4,4,4,4,5,5 → 26/6 = 4.33 > 4.30
        var five = Instrument.Brs.Score(A(4, 2, 4, 2, 4, null)); // mean of the five answered: 4
        Assert.Equal(4.0, five.Total);
        Assert.True(five.Prorated);
        Assert.Null(Instrument.Brs.Score(A(4, 2, 4, 2, null, null)).Total);
    }

    [Fact]
    public void K10_CodesOneToFive_WithItsBands_AndNeedsEveryItem()
    {
        Assert.Equal((10.0, "well"), Total(Instrument.K10.Score(Enumerable.Repeat((int?)1, 10).ToArray())));
        Assert.Equal((19.0, "well"), Total(Instrument.K10.Score(A(2, 2, 2, 2, 2, 2, 2, 2, 2, 1))));
        Assert.Equal((20.0, "mild"), Total(Instrument.K10.Score(A(2, 2, 2, 2, 2, 2, 2, 2, 2, 2))));
        Assert.Equal((25.0, "moderate"), Total(Instrument.K10.Score(A(3, 3, 3, 3, 3, 2, 2, 2, 2, 2))));
        Assert.Equal((30.0, "severe"), Total(Instrument.K10.Score(A(3, 3, 3, 3, 3, 3, 3, 3, 3, 3))));
        Assert.Equal((50.0, "severe"), Total(Instrument.K10.Score(Enumerable.Repeat((int?)5, 10).ToArray())));
        Assert.Null(Instrument.K10.Score(A(3, 3, 3, 3, 3, 3, 3, 3, 3, null)).Total);
        Assert.Throws<StatisticsException>(() => Instrument.K10.Score(A(0, 3, 3, 3, 3, 3, 3, 3, 3, 3))); // K10 has no 0
    }

    [Fact]
    public void BadAnswers_AreRefused_NamingTheItem()
    {
        var e = Assert.Throws<StatisticsException>(() => Instrument.Phq9.Score(A(0, 0, 4, 0, 0, 0, 0, 0, 0)));
        Assert.Contains("Item 3", e.Message);
        Assert.Throws<StatisticsException>(() => Instrument.Gad7.Score(A(0, 0, 0)));
        Assert.Equal(["phq9", "gad7", "who5", "brs", "k10"], Instrument.All.Select(i => i.Code));
    }

    [Fact]
    public void Change_FixedThresholds_Recovery_AndReliableChangeAtItsBoundary()
    {
        var first = Instrument.Phq9.Score(A(2, 2, 2, 2, 2, 2, 2, 1, 0)); // 15
        var last = Instrument.Phq9.Score(A(1, 1, 1, 1, 1, 1, 1, 1, 1)); // 9
        Assert.True(Instrument.Phq9.ImprovedByFixedThreshold(first, last)); // 6 points
        Assert.False(Instrument.Phq9.ImprovedByFixedThreshold(first, Instrument.Phq9.Score(A(1, 1, 1, 1, 1, 1, 2, 1, 1)))); // 5
        Assert.True(Instrument.Recovered(first, last)); // ≥ 10 → < 10
        Assert.Null(Instrument.Recovered(first, Instrument.Phq9.Score(A(null, null, null, 0, 0, 0, 0, 0, 0))));
        var who5 = Instrument.Who5;
        Assert.False(who5.ImprovedByFixedThreshold(who5.Score(A(2, 2, 2, 2, 2)), who5.Score(A(3, 2, 2, 2, 3)))); // 40 → 48: +8
        Assert.True(who5.ImprovedByFixedThreshold(who5.Score(A(2, 2, 2, 2, 2)), who5.Score(A(3, 3, 2, 2, 3)))); // 40 → 52: +12
        Assert.Null(Instrument.K10.ImprovedByFixedThreshold(Instrument.K10.Score(Enumerable.Repeat((int?)3, 10).ToArray()), Instrument.K10.Score(Enumerable.Repeat((int?)2, 10).ToArray())));

        // RCI boundary: SD 5, reliability 0.84 → S_diff = √2 · 5 · 0.4 = 2.828; 1.96 · S_diff = 5.544.
        Assert.Equal(ChangeCategory.NoReliableChange, IndividualReliableChange.Assess(15, 15 - 5.5, 5, 0.84, lowerIsBetter: true).Category);
        Assert.Equal(ChangeCategory.ReliableImprovement, IndividualReliableChange.Assess(15, 15 - 5.6, 5, 0.84, lowerIsBetter: true).Category);
        Assert.Equal(ChangeCategory.ReliableDeterioration, IndividualReliableChange.Assess(15, 15 + 5.6, 5, 0.84, lowerIsBetter: true).Category);
        Assert.Equal(ChangeCategory.ReliableImprovement, IndividualReliableChange.Assess(40, 46, 5, 0.84, lowerIsBetter: false).Category);
    }

    private static (string?, bool?) Band(InstrumentScore s) => (s.Band, s.Caseness);
    private static (double?, string?) Total(InstrumentScore s) => (s.Total, s.Band);
}
