namespace Qadam.Statistics;

/// <summary>
/// An indicator's counts by reporting period and disaggregation, protected together (issue #12): every period's
/// figures with the period total, every category across the periods with its cumulative total, the cumulative totals
/// of earlier reports (a report of a closed period showed "to date" figures), and, for a share, its two parts with the
/// denominator. Each of these is a line of <see cref="LinkedCounts"/>, so a hidden cell can be recomputed neither from
/// its row or column nor from another period nor from an earlier report. Cells published in an earlier report keep
/// the visibility they were published with.
/// </summary>
/// <remarks>
/// Keys (stable, stored with frozen reports): <c>part:dimension=category@period</c> a cell, <c>part:@period</c> a period
/// total, <c>part:dimension=category</c> a cumulative total, <c>part:</c> the grand total; an earlier report's cumulative
/// totals are <c>part:dimension=category@..period</c> and <c>part:@..period</c>. Parts are <c>n</c> for a count, and
/// <c>yes</c>, <c>no</c> with their sum <c>all</c> for a share.
/// </remarks>
public sealed class PeriodTable
{
    public const string Count = "n", Yes = "yes", No = "no", All = "all";

    private readonly IReadOnlyList<string> periods;
    private readonly IReadOnlyList<(string Name, IReadOnlyList<string> Categories)> dimensions;
    private readonly string[] parts;
    private readonly Dictionary<string, long> values = [];
    private readonly Dictionary<string, bool> published = [];
    private readonly SortedSet<int> reportedThrough = [];

    /// <param name="share">A share: the parts are yes and no, and all (their sum) is the denominator.</param>
    public PeriodTable(IReadOnlyList<string> periods, IReadOnlyList<(string Name, IReadOnlyList<string> Categories)> dimensions, bool share)
    {
        if (periods.Count == 0) throw new StatisticsException("periods", "A table needs at least one period.");
        this.periods = periods;
        this.dimensions = dimensions;
        parts = share ? [Yes, No] : [Count];
    }

    public bool IsShare => parts.Length > 1;
    public IReadOnlyList<string> Periods => periods;
    public IReadOnlyList<(string Name, IReadOnlyList<string> Categories)> Dimensions => dimensions;

    public static string CellKey(string part, string dimension, string category, string period) => $"{part}:{dimension}={category}@{period}";
    public static string PeriodKey(string part, string period) => $"{part}:@{period}";
    public static string CumulativeKey(string part, string dimension, string category) => $"{part}:{dimension}={category}";
    public static string GrandKey(string part) => $"{part}:";
    public static string EarlierKey(string cumulativeKey, string throughPeriod) => $"{cumulativeKey}@..{throughPeriod}";

    /// <summary>The count of one category of one dimension in one period (a part: <see cref="Count"/>, <see cref="Yes"/> or <see cref="No"/>).</summary>
    public void Set(string part, string dimension, string category, string period, long count)
    {
        if (count < 0) throw new StatisticsException("negative", "Counts cannot be negative.");
        values[CellKey(part, dimension, category, period)] = count;
    }

    /// <summary>Adds to a cell's count (one unit, by default).</summary>
    public void Add(string part, string dimension, string category, string period, long by = 1)
    {
        var key = CellKey(part, dimension, category, period);
        Set(part, dimension, category, period, values.GetValueOrDefault(key) + by);
    }

    /// <summary>
    /// An earlier report, frozen when <paramref name="throughPeriod"/> closed: its cells as they were published (count and
    /// whether hidden), under the keys it was built with. Its period cells fix the values and visibility of those periods;
    /// its cumulative totals become the "to date" totals of that report.
    /// </summary>
    public void Publish(string throughPeriod, IReadOnlyDictionary<string, (long Count, bool Hidden)> cells)
    {
        var k = IndexOf(throughPeriod);
        reportedThrough.Add(k);
        foreach (var (key, (count, hidden)) in cells)
        {
            var at = key.LastIndexOf('@');
            if (at < 0) // a cumulative total of that report
            {
                values[EarlierKey(key, throughPeriod)] = count;
                published[EarlierKey(key, throughPeriod)] = hidden;
            }
            else if (key[(at + 1)..] == throughPeriod) // the period's own cells and total, fixed from now on
            {
                values[key] = count;
                published[key] = hidden;
            }
        }
    }

    private int IndexOf(string period)
    {
        for (var i = 0; i < periods.Count; i++) if (periods[i] == period) return i;
        throw new StatisticsException("period", $"Period '{period}' is not in the table.");
    }

    /// <summary>Every cell as shown, by key (cells of every part, the denominator <see cref="All"/> of a share included).</summary>
    public IReadOnlyDictionary<string, SafeCell> Suppress(int threshold = Disclosure.DefaultThreshold)
    {
        var linked = new LinkedCounts();
        var index = new Dictionary<string, int>();
        long Value(string key) => values.GetValueOrDefault(key);
        int Cell(string key, long count, bool total)
        {
            if (index.TryGetValue(key, out var i)) return i;
            return index[key] = linked.Add(count, total, published.TryGetValue(key, out var hidden) ? hidden : null);
        }
        var through = reportedThrough.ToList();
        var allParts = parts.Length > 1 ? [.. parts, All] : parts;
        foreach (var part in allParts)
        {
            long Of(string key) => part == All ? Value(Yes + key[All.Length..]) + Value(No + key[All.Length..]) : Value(key);
            // Period totals from the first dimension (every dimension partitions the same units, "unknown" included).
            var totals = periods.Select(p => dimensions.Count == 0 ? Of(PeriodKey(part, p))
                : dimensions[0].Categories.Sum(c => Of(CellKey(part, dimensions[0].Name, c, p)))).ToArray();
            foreach (var (name, categories) in dimensions.Skip(1))
                for (var p = 0; p < periods.Count; p++)
                    if (categories.Sum(c => Of(CellKey(part, name, c, periods[p]))) != totals[p])
                        throw new StatisticsException("partition", $"The categories of '{name}' do not add up to the total of period '{periods[p]}'.");
            var periodCells = periods.Select((p, i) => Cell(PeriodKey(part, p), totals[i], true)).ToArray();
            var grand = Cell(GrandKey(part), totals.Sum(), true);
            linked.Line([.. periodCells, grand]);
            foreach (var k in through)
            {
                var earlier = Cell(EarlierKey(GrandKey(part), periods[k]), Value(EarlierKey(GrandKey(part), periods[k])), true);
                linked.Line([.. periodCells.Take(k + 1), earlier]);
            }
            Between(periodCells, GrandKey(part), grand);
            foreach (var (name, categories) in dimensions)
            {
                var cumulative = new List<int>();
                var grid = categories.Select(c => periods.Select(p => Cell(CellKey(part, name, c, p), Of(CellKey(part, name, c, p)), false)).ToArray()).ToArray();
                for (var p = 0; p < periods.Count; p++) linked.Line([.. grid.Select(row => row[p]), periodCells[p]]);
                for (var c = 0; c < categories.Count; c++)
                {
                    var key = CumulativeKey(part, name, categories[c]);
                    var cum = Cell(key, periods.Sum(p => Of(CellKey(part, name, categories[c], p))), true);
                    cumulative.Add(cum);
                    linked.Line([.. grid[c], cum]);
                    foreach (var k in through)
                        linked.Line([.. grid[c].Take(k + 1), Cell(EarlierKey(key, periods[k]), Value(EarlierKey(key, periods[k])), true)]);
                    Between(grid[c], key, cum);
                }
                linked.Line([.. cumulative, grand]);
                foreach (var k in through)
                    linked.Line([.. categories.Select(c => index[EarlierKey(CumulativeKey(part, name, c), periods[k])]), index[EarlierKey(GrandKey(part), periods[k])]]);
            }
        }
        // A share: in every position, yes + no = all.
        if (parts.Length > 1)
            foreach (var key in index.Keys.Where(k => k.StartsWith(Yes + ":", StringComparison.Ordinal)).ToList())
            {
                var rest = key[(Yes.Length + 1)..];
                linked.Line([index[key], index[No + ":" + rest], index[All + ":" + rest]]);
            }
        var safe = linked.Suppress(threshold);
        return index.ToDictionary(kv => kv.Key, kv => safe[kv.Value]);

        // Between two successive reports (and the last one and now) the periods in between add up to the difference of
        // their cumulative totals: a line, so a hidden period cannot be recovered as "now minus then".
        void Between(int[] row, string cumulativeKey, int now)
        {
            var marks = through.Select(k => (k, index[EarlierKey(cumulativeKey, periods[k])])).Append((periods.Count - 1, now)).ToList();
            for (var m = 1; m < marks.Count; m++)
            {
                var (from, a) = marks[m - 1];
                var (to, b) = marks[m];
                if (to > from) linked.Line([.. row.Skip(from + 1).Take(to - from), a, b]);
            }
        }
    }
}
