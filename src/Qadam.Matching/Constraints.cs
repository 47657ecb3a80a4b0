namespace Qadam.Matching;

/// <summary>A coordinator's adjustments: pairs that must not be used, and applicants fixed to a position.</summary>
public sealed record MatchingConstraints(IReadOnlySet<(int Applicant, int Position)>? Forbidden = null, IReadOnlyDictionary<int, int>? Pinned = null);

public sealed class MatchingConstraintException(string message) : Exception(message);

public static class ConstrainedAssignment
{
    /// <summary>
    /// Optimal subject to the constraints: pinned applicants take their position (using up a slot) and are
    /// not re-optimised; forbidden pairs are removed; everyone else is solved exactly as before.
    /// </summary>
    public static AssignmentSolution Solve(AssignmentProblem p, MatchingConstraints constraints)
    {
        var pinned = constraints.Pinned ?? new Dictionary<int, int>();
        var forbidden = constraints.Forbidden ?? new HashSet<(int, int)>();
        var capacity = (int[])p.Capacity.Clone();
        var pinnedCost = new Dictionary<int, int>();
        foreach (var (applicant, position) in pinned.OrderBy(kv => kv.Key))
        {
            if ((uint)applicant >= (uint)p.Applicants || (uint)position >= (uint)p.Positions) throw new MatchingConstraintException($"Pin {applicant} → {position} names an unknown applicant or position.");
            if (forbidden.Contains((applicant, position))) throw new MatchingConstraintException($"Applicant {applicant} is both pinned to and forbidden from position {position}.");
            var k = Array.IndexOf(p.Position, position, p.Start[applicant], p.Start[applicant + 1] - p.Start[applicant]);
            if (k < 0) throw new MatchingConstraintException($"Applicant {applicant} cannot be pinned to position {position}: the pair is not allowed (too far, or skills missing).");
            if (--capacity[position] < 0) throw new MatchingConstraintException($"Position {position} has more pinned applicants than places.");
            pinnedCost[applicant] = p.Cost[k];
        }
        var pairs = new List<(int, int, int)>(p.Pairs);
        for (var i = 0; i < p.Applicants; i++)
        {
            if (pinned.ContainsKey(i)) continue;
            for (var k = p.Start[i]; k < p.Start[i + 1]; k++)
                if (!forbidden.Contains((i, p.Position[k]))) pairs.Add((i, p.Position[k], p.Cost[k]));
        }
        var rest = CapacitatedAssignment.Solve(AssignmentProblem.FromPairs(p.Applicants, capacity, pairs));
        var assignment = (int[])rest.Assignment.Clone();
        var total = rest.TotalCost;
        foreach (var (applicant, position) in pinned) { assignment[applicant] = position; total += pinnedCost[applicant]; }
        return rest with { Assignment = assignment, Assigned = rest.Assigned + pinned.Count, TotalCost = total };
    }
}
