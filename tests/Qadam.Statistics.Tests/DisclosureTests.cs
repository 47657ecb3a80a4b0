namespace Qadam.Statistics.Tests;

/// <summary>Primary and complementary suppression against worked examples (issue #12).</summary>
public sealed class DisclosureTests
{
    private static HashSet<(int, int)> HiddenCells(SafeTable t)
    {
        var set = new HashSet<(int, int)>();
        for (var i = 0; i <= t.Rows; i++)
            for (var j = 0; j <= t.Columns; j++)
                if (t[i, j].Hidden) set.Add((i, j));
        return set;
    }

    /// <summary>No row or column (margins included) has exactly one hidden cell: none can be recomputed by subtraction.</summary>
    private static void NoLoneHiddenCell(SafeTable t)
    {
        for (var i = 0; i <= t.Rows; i++) Assert.NotEqual(1, Enumerable.Range(0, t.Columns + 1).Count(j => t[i, j].Hidden));
        for (var j = 0; j <= t.Columns; j++) Assert.NotEqual(1, Enumerable.Range(0, t.Rows + 1).Count(i => t[i, j].Hidden));
    }

    [Fact]
    public void ASmallCell_ForcesComplements_ThatCloseARectangle()
    {
        // 3 people in cell (0,1). Hiding it alone, row 0's total 38 − 20 − 15 gives it back, so a second cell of row 0 is
        // hidden (15, the smallest); then column 1 (43 − 30 − 10) and column 2 need one each: 10 at (2,1) and then 25 at
        // (2,2), which also mends row 2 — a rectangle of four hidden cells, every margin still shown.
        var t = Disclosure.Suppress(new long[,] { { 20, 3, 15 }, { 12, 30, 9 }, { 8, 10, 25 } });
        Assert.True(t[0, 1].Primary);
        Assert.Equal([(0, 1), (0, 2), (2, 1), (2, 2)], HiddenCells(t).Order().ToArray());
        Assert.All(new[] { (0, 2), (2, 1), (2, 2) }, x => Assert.True(t[x.Item1, x.Item2].Secondary));
        Assert.Equal("<5", t.Show(0, 1));
        Assert.Equal("<5", t.Show(2, 2)); // a secondary cell never shows its count either
        Assert.Equal("38", t.Show(0, 3));
        Assert.Equal((38, 132), (t.RowTotal(0).Count, t.GrandTotal.Count));
        NoLoneHiddenCell(t);
    }

    [Fact]
    public void ASmallRowTotal_IsHidden_AndProtectedInTheMarginToo()
    {
        // Row 0 holds 2 and 1 (total 3, itself small): all three hidden. Columns 0 and 1 then need a complement each (10
        // and 12 of row 1, whose total 22 becomes recomputable alone and is hidden too, pairing with the small total 3 in
        // the column of row totals). Column totals and the grand total stay visible.
        var t = Disclosure.Suppress(new long[,] { { 2, 1 }, { 10, 12 } });
        Assert.True(t.RowTotal(0).Primary);
        Assert.Equal([(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)], HiddenCells(t).Order().ToArray());
        Assert.False(t.GrandTotal.Hidden);
        Assert.False(t.ColumnTotal(0).Hidden);
        NoLoneHiddenCell(t);
    }

    [Fact]
    public void ZerosAndLargeCounts_AreShown_AndNothingIsHiddenWithoutCause()
    {
        var t = Disclosure.Suppress(new long[,] { { 0, 12 }, { 30, 0 } });
        Assert.Empty(HiddenCells(t));
        Assert.Equal("0", t.Show(0, 0));
    }

    [Fact]
    public void RandomTables_NeverLeaveALoneHiddenCell_NorShowASmallCount()
    {
        var rng = new Random(12);
        for (var n = 0; n < 500; n++)
        {
            var rows = rng.Next(1, 6);
            var cols = rng.Next(1, 6);
            var counts = new long[rows, cols];
            for (var i = 0; i < rows; i++) for (var j = 0; j < cols; j++) counts[i, j] = rng.Next(3) == 0 ? rng.Next(0, 5) : rng.Next(0, 60);
            var t = Disclosure.Suppress(counts, threshold: rng.Next(2) == 0 ? 5 : 10);
            for (var i = 0; i <= t.Rows; i++)
                for (var j = 0; j <= t.Columns; j++)
                    if (Disclosure.IsSmall(t[i, j].Count, t.Threshold)) Assert.True(t[i, j].Hidden);
            NoLoneHiddenCell(t);
        }
    }

    [Fact]
    public void Rates_AreHidden_WithTheirNumeratorOrDenominator_AndTheThresholdOnlyRises()
    {
        Assert.Null(Disclosure.Rate(new SafeCell(3, true, false), new SafeCell(40, false, false)));
        Assert.Null(Disclosure.Rate(new SafeCell(30, false, false), new SafeCell(40, false, true)));
        Assert.Equal(0.75, Disclosure.Rate(new SafeCell(30, false, false), new SafeCell(40, false, false)));
        Assert.Equal("threshold", Assert.Throws<StatisticsException>(() => Disclosure.Suppress(new long[,] { { 1 } }, threshold: 3)).Code);
    }
}
