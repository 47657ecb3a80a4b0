namespace Qadam.Matching;

/// <summary>
/// Applicants 0..N−1, positions 0..M−1 with capacities, and the allowed pairs with integer costs ≥ 0
/// in compressed rows: applicant i's pairs are Position/Cost[Start[i]..Start[i+1]).
/// </summary>
public sealed class AssignmentProblem
{
    public int Applicants { get; }
    public int Positions { get; }
    public int[] Capacity { get; }
    public int[] Start { get; }
    public int[] Position { get; }
    public int[] Cost { get; }

    public AssignmentProblem(int applicants, int[] capacity, int[] start, int[] position, int[] cost) : this(applicants, capacity, start, position, cost, validated: false) { }

    /// <param name="validated">Built from a problem already checked (a relabelling): the checks, a pass over every pair, are skipped.</param>
    internal AssignmentProblem(int applicants, int[] capacity, int[] start, int[] position, int[] cost, bool validated)
    {
        Applicants = applicants;
        Positions = capacity.Length;
        Capacity = capacity;
        Start = start;
        Position = position;
        Cost = cost;
        if (validated) return;
        if (start.Length != applicants + 1) throw new ArgumentException("start must have N+1 entries", nameof(start));
        if (position.Length != cost.Length || start[^1] != position.Length) throw new ArgumentException("pairs are inconsistent", nameof(position));
        if (capacity.Any(c => c < 0)) throw new ArgumentException("capacities must be ≥ 0", nameof(capacity));
        if (cost.Any(c => c < 0)) throw new ArgumentException("costs must be ≥ 0", nameof(cost));
        foreach (var p in position) if ((uint)p >= (uint)capacity.Length) throw new ArgumentException("a pair names an unknown position", nameof(position));
    }

    public int Pairs => Position.Length;

    /// <summary>
    /// The pairs of <paramref name="applicants"/> (applicant k of the result is applicants[k]) that <paramref name="keep"/>
    /// keeps — called with the result's applicant and the pair's index in this problem — in their order here, positions
    /// renumbered by <paramref name="positionOf"/> (unchanged when null), with the given capacities.
    /// </summary>
    internal AssignmentProblem Subset(IReadOnlyList<int> applicants, Func<int, int, bool> keep, int[]? positionOf, int[] capacity)
    {
        var start = new int[applicants.Count + 1];
        for (var i = 0; i < applicants.Count; i++)
        {
            var count = 0;
            for (var k = Start[applicants[i]]; k < Start[applicants[i] + 1]; k++) if (keep(i, k)) count++;
            start[i + 1] = start[i] + count;
        }
        var position = new int[start[^1]];
        var cost = new int[start[^1]];
        for (var i = 0; i < applicants.Count; i++)
        {
            var at = start[i];
            for (var k = Start[applicants[i]]; k < Start[applicants[i] + 1]; k++)
                if (keep(i, k)) { position[at] = positionOf is null ? Position[k] : positionOf[Position[k]]; cost[at++] = Cost[k]; }
        }
        return new AssignmentProblem(applicants.Count, capacity, start, position, cost, validated: true);
    }

    /// <summary>Builds the compressed rows from an unordered list of (applicant, position, cost) pairs.</summary>
    public static AssignmentProblem FromPairs(int applicants, int[] capacity, IReadOnlyList<(int Applicant, int Position, int Cost)> pairs)
    {
        var start = new int[applicants + 1];
        foreach (var p in pairs)
        {
            if ((uint)p.Applicant >= (uint)applicants) throw new ArgumentException("a pair names an unknown applicant", nameof(pairs));
            start[p.Applicant + 1]++;
        }
        for (var i = 0; i < applicants; i++) start[i + 1] += start[i];
        var fill = (int[])start.Clone();
        var position = new int[pairs.Count];
        var cost = new int[pairs.Count];
        foreach (var p in pairs) { var k = fill[p.Applicant]++; position[k] = p.Position; cost[k] = p.Cost; }
        return new AssignmentProblem(applicants, capacity, start, position, cost);
    }
}

/// <param name="Assignment">Position of each applicant, or −1 when unplaced.</param>
/// <param name="Price">Dual price per position: every placed applicant holds an allowed position minimising cost + price.</param>
/// <param name="Reservation">Per applicant, the level of cost + price that would be worth placing them: an unplaced applicant's
/// every allowed position has cost + price ≥ it (all were priced out); a placed applicant's position has cost + price ≤ it.</param>
public sealed record AssignmentSolution(int[] Assignment, int Assigned, long TotalCost, long[] Price, long[] Reservation)
{
    /// <summary>Per region, when a women's quota was asked for.</summary>
    public IReadOnlyList<QuotaOutcome> Quota { get; init; } = [];

    /// <summary>The exact duals as a test on any pair: a pair (i, j) of cost c could improve the optimum only if
    /// c + <see cref="ColumnLevel"/>[j] &lt; <see cref="RowLevel"/>[i]. Set by the network solver for the pricing loop.</summary>
    internal long[]? RowLevel { get; init; }

    /// <inheritdoc cref="RowLevel"/>
    internal long[]? ColumnLevel { get; init; }

    /// <summary>Solves a pricing loop needed in the largest part (1 when every pair was in the first solve).</summary>
    internal int PricingRounds { get; init; } = 1;

    /// <summary>Pricing rounds, over all parts, whose pairs were added to the optimum held rather than solved again.</summary>
    internal int AddedRounds { get; init; }

    /// <summary>Pricing rounds, over all parts, whose improving pairs went away when the potentials were lowered (no pairs added).</summary>
    internal int LoweredRounds { get; init; }
}
