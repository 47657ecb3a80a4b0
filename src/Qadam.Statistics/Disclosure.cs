namespace Qadam.Statistics;

/// <summary>A published cell: its count, or hidden (primary: a small count; secondary: hidden so a primary cannot be recomputed).</summary>
public readonly record struct SafeCell(long Count, bool Primary, bool Secondary)
{
    public bool Hidden => Primary || Secondary;
}

/// <summary>
/// A two-way table of counts with its margins, safe to show outside the organisation that owns the records. Rows
/// <c>0..R-1</c> and columns <c>0..C-1</c> are the interior; row <c>R</c> holds the column totals and column <c>C</c> the row
/// totals; <c>[R, C]</c> is the grand total.
/// </summary>
public sealed class SafeTable(SafeCell[,] cells, int threshold)
{
    public int Rows => cells.GetLength(0) - 1;
    public int Columns => cells.GetLength(1) - 1;
    public int Threshold => threshold;
    public SafeCell this[int row, int column] => cells[row, column];
    public SafeCell RowTotal(int row) => cells[row, Columns];
    public SafeCell ColumnTotal(int column) => cells[Rows, column];
    public SafeCell GrandTotal => cells[Rows, Columns];

    /// <summary>The cell as shown: the count, or "&lt;{threshold}" when hidden (a hidden cell never shows its count).</summary>
    public string Show(int row, int column, IFormatProvider? culture = null) =>
        cells[row, column] is { Hidden: true } ? "<" + threshold.ToString(culture) : cells[row, column].Count.ToString("#,0", culture);
}

/// <summary>
/// Statistical disclosure control for published counts (issue #12): primary suppression of counts from 1 to
/// <c>threshold − 1</c> (0 is not sensitive: nobody is revealed by it), then secondary (complementary) suppression so that no
/// hidden cell can be recomputed from its row, its column or the margins: in every row and every column of the table with
/// its margins, the number of hidden cells is 0 or at least 2. The complementary cell chosen is, first, one whose
/// other line also has a single hidden cell (closing a rectangle mends both), then the smallest non-zero visible count
/// (least information lost; interior cells before totals), ties broken by position, so the result is deterministic. Rates are hidden with their numerator or denominator.
/// </summary>
public static class Disclosure
{
    public const int DefaultThreshold = 5;

    public static bool IsSmall(long count, int threshold = DefaultThreshold) => count > 0 && count < threshold;

    /// <summary>Suppresses a table given by its interior counts; the margins are computed here (so they always add up).</summary>
    /// <param name="alsoHide">Cells of the table with margins (row <c>R</c> = column totals, column <c>C</c> = row totals) to hide
    /// whatever their count: a total already hidden in another table that shares it, so the two tables agree.</param>
    public static SafeTable Suppress(long[,] interior, int threshold = DefaultThreshold, Func<int, int, bool>? alsoHide = null)
    {
        if (threshold < DefaultThreshold) throw new StatisticsException("threshold", $"The suppression threshold can be raised, not lowered below {DefaultThreshold}.");
        int r = interior.GetLength(0), c = interior.GetLength(1);
        var count = new long[r + 1, c + 1];
        for (var i = 0; i < r; i++)
            for (var j = 0; j < c; j++)
            {
                var v = interior[i, j];
                if (v < 0) throw new StatisticsException("negative", "Counts cannot be negative.");
                count[i, j] = v; count[i, c] += v; count[r, j] += v; count[r, c] += v;
            }
        // The table as linked counts: each row (with its total) and each column (with its total), margins included, is a
        // line a reader can subtract along. Rows first, then columns, in reading order: the result is deterministic.
        var linked = new LinkedCounts();
        var index = new int[r + 1, c + 1];
        for (var i = 0; i <= r; i++)
            for (var j = 0; j <= c; j++)
                index[i, j] = linked.Add(count[i, j], isTotal: i == r || j == c, hidden: alsoHide?.Invoke(i, j) == true ? true : null);
        for (var i = 0; i <= r; i++) linked.Line(Enumerable.Range(0, c + 1).Select(j => index[i, j]));
        for (var j = 0; j <= c; j++) linked.Line(Enumerable.Range(0, r + 1).Select(i => index[i, j]));
        var safe = linked.Suppress(threshold);
        var cells = new SafeCell[r + 1, c + 1];
        for (var i = 0; i <= r; i++)
            for (var j = 0; j <= c; j++)
                cells[i, j] = safe[index[i, j]];
        return new SafeTable(cells, threshold);
    }

    /// <summary>A rate shown only when its numerator and its denominator may both be shown.</summary>
    public static double? Rate(SafeCell numerator, SafeCell denominator) =>
        numerator.Hidden || denominator.Hidden || denominator.Count == 0 ? null : (double)numerator.Count / denominator.Count;
}

/// <summary>
/// Counts tied together by linear relations, the general form of a table with margins: each <b>line</b> is a set of cells
/// one of which is the sum of the others (a row with its total; a period's figures with the period total; the quarters
/// of a year with the year; a report's cumulative total with the earlier report's and the periods between them). The
/// rule is the same as for a table: primary suppression of counts from 1 to threshold − 1, then, in every line, 0 or at
/// least 2 hidden cells. A cell can be fixed by an earlier publication: hidden then (it stays hidden) or shown then (it
/// is known, so hiding it now protects nothing and it is never chosen as a complement).
/// </summary>
public sealed class LinkedCounts
{
    private readonly List<(long Count, bool Total, bool? Fixed)> cells = [];
    private readonly List<int[]> lines = [];

    public int Count => cells.Count;

    /// <param name="hidden">null: free; true: hidden whatever its count (already hidden elsewhere); false: already published
    /// as shown (known to every reader, so never a complement).</param>
    public int Add(long count, bool isTotal = false, bool? hidden = null)
    {
        if (count < 0) throw new StatisticsException("negative", "Counts cannot be negative.");
        cells.Add((count, isTotal, hidden));
        return cells.Count - 1;
    }

    /// <summary>A relation a reader can subtract along: one of these cells is the sum of the others.</summary>
    public void Line(IEnumerable<int> members)
    {
        var line = members.Distinct().ToArray();
        if (line.Any(i => i < 0 || i >= cells.Count)) throw new ArgumentOutOfRangeException(nameof(members));
        if (line.Length > 1) lines.Add(line);
    }

    /// <summary>The cells as shown, in the order they were added.</summary>
    public SafeCell[] Suppress(int threshold = Disclosure.DefaultThreshold)
    {
        if (threshold < Disclosure.DefaultThreshold) throw new StatisticsException("threshold", $"The suppression threshold can be raised, not lowered below {Disclosure.DefaultThreshold}.");
        var n = cells.Count;
        var primary = new bool[n];
        var hidden = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var (count, _, fixedAs) = cells[i];
            primary[i] = fixedAs != false && Disclosure.IsSmall(count, threshold);
            hidden[i] = primary[i] || fixedAs == true;
        }
        var linesOf = new List<int>[n];
        for (var i = 0; i < n; i++) linesOf[i] = [];
        for (var l = 0; l < lines.Count; l++) foreach (var i in lines[l]) linesOf[i].Add(l);
        int HiddenIn(int l) => lines[l].Count(i => hidden[i]);
        for (var changed = true; changed;)
        {
            changed = false;
            for (var l = 0; l < lines.Count; l++)
            {
                var line = lines[l];
                if (HiddenIn(l) != 1) continue;
                // A single hidden cell in a line is recomputable: hide a second one. Prefer a cell another of whose lines also
                // has a single hidden cell (closing a rectangle mends both), then a non-zero count, an interior cell rather
                // than a total, the smallest count, the earliest cell. A line whose other cells are all zero hides a zero.
                var pick = line.Where(i => !hidden[i] && cells[i].Fixed is null)
                    .OrderBy(i => linesOf[i].Any(o => o != l && HiddenIn(o) == 1) ? 0 : 1)
                    .ThenBy(i => cells[i].Count == 0 ? 1 : 0)
                    .ThenBy(i => cells[i].Total ? 1 : 0)
                    .ThenBy(i => cells[i].Count).ThenBy(i => i)
                    .Select(i => (int?)i).FirstOrDefault();
                if (pick is not { } p) continue; // every other cell already published: nothing left that could protect it
                hidden[p] = true;
                changed = true;
            }
        }
        return Enumerable.Range(0, n).Select(i => new SafeCell(cells[i].Count, primary[i], hidden[i] && !primary[i])).ToArray();
    }
}

