namespace Qadam.Statistics.Tests;

/// <summary>Suppression across periods, earlier reports and the parts of a share (issue #12), against worked examples.</summary>
public sealed class PeriodTableTests
{
    private static readonly (string, IReadOnlyList<string>)[] BySex = [("sex", ["female", "male"])];

    private static PeriodTable Quarters(params (string Period, long Female, long Male)[] rows)
    {
        var t = new PeriodTable(rows.Select(r => r.Period).ToList(), BySex, share: false);
        foreach (var (p, f, m) in rows) { t.Set("n", "sex", "female", p, f); t.Set("n", "sex", "male", p, m); }
        return t;
    }

    [Fact]
    public void AHiddenQuarter_CannotBeRecoveredFromTheYearToDate()
    {
        // Q2 female = 3. Its column forces a second cell (male Q2 = 12); the female row (8 + 3 + cumulative 11) forces a second
        // cell there too: female Q1 (8), which then pairs with male Q1 (20) in Q1's column, closing the rectangle.
        var cells = Quarters(("q1", 8, 20), ("q2", 3, 12)).Suppress();
        Assert.True(cells["n:sex=female@q2"].Primary);
        Assert.True(cells["n:sex=male@q2"].Hidden);
        Assert.True(cells["n:sex=female@q1"].Hidden || cells["n:sex=female"].Hidden);
        Assert.False(cells["n:"].Hidden);
        // No line with a single hidden cell: Q2's column, the female row, and the totals row.
        foreach (var line in new[] { new[] { "n:sex=female@q2", "n:sex=male@q2", "n:@q2" }, ["n:sex=female@q1", "n:sex=female@q2", "n:sex=female"],
                     ["n:sex=male@q1", "n:sex=male@q2", "n:sex=male"], ["n:sex=female@q1", "n:sex=male@q1", "n:@q1"], ["n:@q1", "n:@q2", "n:"] })
            Assert.NotEqual(1, line.Count(k => cells[k].Hidden));
    }

    [Fact]
    public void AQuarterPublishedEarlier_KeepsItsPattern_AndComplementsComeFromWhatIsNotYetPublished()
    {
        // Q1's report hid female 3 and male 20 and showed the total 23 and, to date, female 3 (hidden) and male 20 (hidden).
        var q1 = Quarters(("q1", 3, 20)).Suppress();
        Assert.True(q1["n:sex=male@q1"].Hidden);
        var published = q1.ToDictionary(kv => kv.Key, kv => (kv.Value.Count, kv.Value.Hidden));
        // Q2 (female 10, male 12): in the female row Q1 is hidden, so a second cell must go, and it cannot be a Q1 cell that
        // was published as shown (the total 23): it is the female Q2 count or its cumulative.
        var t = Quarters(("q1", 3, 20), ("q2", 10, 12));
        t.Publish("q1", published);
        var cells = t.Suppress();
        Assert.True(cells["n:sex=female@q1"].Hidden);
        Assert.True(cells["n:sex=male@q1"].Hidden);
        Assert.False(cells["n:@q1"].Hidden);
        Assert.True(cells["n:sex=female@q2"].Hidden || cells["n:sex=female"].Hidden);
        Assert.True(cells["n:sex=male@q2"].Hidden || cells["n:sex=male"].Hidden);
    }

    [Fact]
    public void APeriodCannotBeRecovered_AsNowMinusThen()
    {
        // Report 1 (Q1 + Q2) published the female year-to-date 30 with both quarters hidden; Q3's female count is 2. The Q3
        // row alone (Q1 + Q2 + Q3 = to date) has three hidden cells, but "to date now − to date then" gives Q3 back unless the
        // new to-date figure is hidden too.
        var first = new PeriodTable(["q1", "q2"], BySex, share: false);
        foreach (var (p, f, m) in new[] { ("q1", 3L, 40L), ("q2", 27L, 2L) }) { first.Set("n", "sex", "female", p, f); first.Set("n", "sex", "male", p, m); }
        var published = first.Suppress().ToDictionary(kv => kv.Key, kv => (kv.Value.Count, kv.Value.Hidden));
        Assert.True(published["n:sex=female@q1"].Hidden && published["n:sex=female@q2"].Hidden);
        Assert.False(published["n:sex=female"].Hidden);
        var q1Only = published.Where(kv => kv.Key.EndsWith("@q1", StringComparison.Ordinal)).ToDictionary();
        var q2Report = published.Where(kv => !kv.Key.EndsWith("@q1", StringComparison.Ordinal)).ToDictionary();

        var t = new PeriodTable(["q1", "q2", "q3"], BySex, share: false);
        foreach (var (p, f, m) in new[] { ("q1", 3L, 40L), ("q2", 27L, 2L), ("q3", 2L, 30L) }) { t.Set("n", "sex", "female", p, f); t.Set("n", "sex", "male", p, m); }
        t.Publish("q1", q1Only);
        t.Publish("q2", q2Report);
        var cells = t.Suppress();
        Assert.True(cells["n:sex=female@q3"].Primary);
        Assert.Equal(30, cells["n:sex=female@..q2"].Count);
        Assert.False(cells["n:sex=female@..q2"].Hidden);
        Assert.True(cells["n:sex=female"].Hidden); // the only cell of "now − then" not yet published
    }

    [Fact]
    public void AShare_HidesItsComplementToo_WhenFewWereNotEmployed()
    {
        // 40 followed up, 37 employed: "not employed" is 3, so employed (37) or the denominator (40) must be hidden as well,
        // or 40 − 37 gives the 3 back.
        var t = new PeriodTable(["q1"], [("sex", ["female", "male"])], share: true);
        t.Set("yes", "sex", "female", "q1", 20); t.Set("no", "sex", "female", "q1", 0);
        t.Set("yes", "sex", "male", "q1", 17); t.Set("no", "sex", "male", "q1", 3);
        var cells = t.Suppress();
        Assert.True(cells["no:sex=male@q1"].Primary);
        Assert.True(cells["yes:sex=male@q1"].Hidden || cells["all:sex=male@q1"].Hidden);
        Assert.Null(Disclosure.Rate(cells["yes:sex=male@q1"], cells["all:sex=male@q1"]));
    }

    [Fact]
    public void CategoriesThatDoNotAddUp_AreRefused()
    {
        var t = new PeriodTable(["q1"], [("sex", ["female", "male"]), ("age", ["young", "old"])], share: false);
        t.Set("n", "sex", "female", "q1", 10); t.Set("n", "age", "young", "q1", 3);
        Assert.Equal("partition", Assert.Throws<StatisticsException>(() => t.Suppress()).Code);
    }
}
