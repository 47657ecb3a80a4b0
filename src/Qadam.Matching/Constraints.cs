namespace Qadam.Matching;

/// <summary>A coordinator's adjustments and options: pairs that must not be used, applicants fixed to a position,
/// a minimum share of places for young women per region, and mentor capacity per employer.</summary>
public sealed record MatchingConstraints(
    IReadOnlySet<(int Applicant, int Position)>? Forbidden = null,
    IReadOnlyDictionary<int, int>? Pinned = null,
    WomenQuota? Quota = null,
    MentorCapacity? Mentors = null);

public sealed class MatchingConstraintException(string message) : Exception(message);

public static class ConstrainedAssignment
{
    /// <summary>
    /// Optimal subject to the constraints: pinned applicants take their position (using up a slot, a mentor's
    /// place, and counting towards their region's quota) and are not re-optimised; forbidden pairs are removed;
    /// everyone else is solved exactly — by the fast assignment solver, or by the network solver when a quota or
    /// mentor capacity applies.
    /// </summary>
    public static AssignmentSolution Solve(AssignmentProblem p, MatchingConstraints constraints)
    {
        var pinned = constraints.Pinned ?? new Dictionary<int, int>();
        var forbidden = constraints.Forbidden ?? new HashSet<(int, int)>();
        var capacity = (int[])p.Capacity.Clone();
        var mentorCapacity = constraints.Mentors?.Capacity.ToArray();
        var pinnedCost = new Dictionary<int, int>();
        foreach (var (applicant, position) in pinned.OrderBy(kv => kv.Key))
        {
            if ((uint)applicant >= (uint)p.Applicants || (uint)position >= (uint)p.Positions) throw new MatchingConstraintException($"Pin {applicant} → {position} names an unknown applicant or position.");
            if (forbidden.Contains((applicant, position))) throw new MatchingConstraintException($"Applicant {applicant} is both pinned to and forbidden from position {position}.");
            var k = Array.IndexOf(p.Position, position, p.Start[applicant], p.Start[applicant + 1] - p.Start[applicant]);
            if (k < 0) throw new MatchingConstraintException($"Applicant {applicant} cannot be pinned to position {position}: the pair is not allowed (too far, or skills missing).");
            if (--capacity[position] < 0) throw new MatchingConstraintException($"Position {position} has more pinned applicants than places.");
            if (mentorCapacity is not null && --mentorCapacity[constraints.Mentors!.EmployerOfPosition[position]] < 0)
                throw new MatchingConstraintException($"The employer of position {position} has more pinned applicants than mentor places.");
            pinnedCost[applicant] = p.Cost[k];
        }
        var reduced = Reduce(p, capacity, pinned, forbidden);
        AssignmentSolution rest;
        int[]? targets = null;
        if (constraints.Quota is null && constraints.Mentors is null) rest = CapacitatedAssignment.Solve(reduced);
        else
        {
            var quota = constraints.Quota;
            if (quota is not null)
            {
                // Targets come from the whole problem; a pinned young woman already counts towards hers.
                targets = NetworkAssignment.Targets(p, quota, p.Applicants == 0 ? 0 : quota.Region.Max() + 1);
                var remaining = (int[])targets.Clone();
                foreach (var applicant in pinned.Keys)
                    if (quota.IsWoman[applicant]) remaining[quota.Region[applicant]] = Math.Max(0, remaining[quota.Region[applicant]] - 1);
                rest = NetworkAssignment.Solve(reduced, quota, Mentors(constraints.Mentors, mentorCapacity), remaining);
            }
            else rest = NetworkAssignment.Solve(reduced, null, Mentors(constraints.Mentors, mentorCapacity));
        }
        var assignment = (int[])rest.Assignment.Clone();
        var total = rest.TotalCost;
        foreach (var (applicant, position) in pinned) { assignment[applicant] = position; total += pinnedCost[applicant]; }
        return rest with
        {
            Assignment = assignment, Assigned = rest.Assigned + pinned.Count, TotalCost = total,
            Quota = targets is null ? rest.Quota : NetworkAssignment.Outcomes(assignment, constraints.Quota, targets),
        };
    }

    /// <summary>
    /// The problem the solver sees once the coordinator's adjustments are applied: pinned applicants keep no pairs (their
    /// places are taken out of the capacities) and forbidden pairs are gone. Explanations are checked against it.
    /// </summary>
    public static AssignmentProblem Reduce(AssignmentProblem p, MatchingConstraints constraints)
    {
        var pinned = constraints.Pinned ?? new Dictionary<int, int>();
        var capacity = (int[])p.Capacity.Clone();
        foreach (var j in pinned.Values) capacity[j]--;
        return Reduce(p, capacity, pinned, constraints.Forbidden ?? new HashSet<(int, int)>());
    }

    private static AssignmentProblem Reduce(AssignmentProblem p, int[] capacity, IReadOnlyDictionary<int, int> pinned, IReadOnlySet<(int, int)> forbidden)
    {
        // Nothing taken out: the same pairs (shared, never written), with the capacities left after pins.
        if (pinned.Count == 0 && forbidden.Count == 0) return new AssignmentProblem(p.Applicants, capacity, p.Start, p.Position, p.Cost, validated: true);
        return p.Subset(Enumerable.Range(0, p.Applicants).ToArray(), (i, k) => !pinned.ContainsKey(i) && !forbidden.Contains((i, p.Position[k])), null, capacity);
    }

    private static MentorCapacity? Mentors(MentorCapacity? mentors, int[]? remaining) =>
        mentors is null ? null : mentors with { Capacity = remaining! };
}
