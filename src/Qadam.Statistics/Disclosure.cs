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
        var primary = new bool[r + 1, c + 1];
        var hidden = new bool[r + 1, c + 1];
        for (var i = 0; i <= r; i++)
            for (var j = 0; j <= c; j++)
            {
                hidden[i, j] = primary[i, j] = IsSmall(count[i, j], threshold);
                if (alsoHide?.Invoke(i, j) == true) hidden[i, j] = true;
            }

        // The linear constraints a reader can use: each row (with its total) and each column (with its total), margins included.
        var lines = new List<(int I, int J)[]>();
        for (var i = 0; i <= r; i++) lines.Add(Enumerable.Range(0, c + 1).Select(j => (i, j)).ToArray());
        for (var j = 0; j <= c; j++) lines.Add(Enumerable.Range(0, r + 1).Select(i => (i, j)).ToArray());
        IEnumerable<(int I, int J)> RowOf(int i) => Enumerable.Range(0, c + 1).Select(j => (i, j));
        IEnumerable<(int I, int J)> ColumnOf(int j) => Enumerable.Range(0, r + 1).Select(i => (i, j));
        int Hidden(IEnumerable<(int I, int J)> line) => line.Count(x => hidden[x.I, x.J]);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var line in lines)
            {
                if (line.Count(x => hidden[x.I, x.J]) != 1) continue;
                // A single hidden cell in a line is recomputable: hide a second one. Prefer the smallest non-zero interior
                // count, then a non-zero total; a line whose other cells are all zero hides a zero (its total then
                // still hides the value, since a zero next to a hidden cell no longer tells the reader it is zero).
                var pick = line.Where(x => !hidden[x.I, x.J])
                    // A cell whose other line also has a single hidden cell mends both lines at once (a rectangle, not a chain).
                    .OrderBy(x => Hidden(line[0].I == line[^1].I ? ColumnOf(x.J) : RowOf(x.I)) == 1 ? 0 : 1)
                    .ThenBy(x => count[x.I, x.J] == 0 ? 1 : 0)
                    .ThenBy(x => x.I == r || x.J == c ? 1 : 0)
                    .ThenBy(x => count[x.I, x.J]).ThenBy(x => x.I).ThenBy(x => x.J)
                    .Select(x => ((int I, int J)?)x).FirstOrDefault();
                if (pick is not { } p) continue; // a one-cell line: nothing else to hide (cannot happen with margins)
                hidden[p.I, p.J] = true;
                changed = true;
            }
        }
        var cells = new SafeCell[r + 1, c + 1];
        for (var i = 0; i <= r; i++)
            for (var j = 0; j <= c; j++)
                cells[i, j] = new SafeCell(count[i, j], primary[i, j], hidden[i, j] && !primary[i, j]);
        return new SafeTable(cells, threshold);
    }

    /// <summary>A rate shown only when its numerator and its denominator may both be shown.</summary>
    public static double? Rate(SafeCell numerator, SafeCell denominator) =>
        numerator.Hidden || denominator.Hidden || denominator.Count == 0 ? null : (double)numerator.Count / denominator.Count;
}
