namespace Qadam.Matching.Tests;

public sealed class SolverTests
{
    private static string Shared(string file) => SharedData.File(file);

    [Theory]
    [InlineData("n600.csap", 468, 56_217)]
    [InlineData("n10000.csap", 8_975, 716_746)]
    public void SharedInstances_ReachTheReferenceOptimum(string file, int assigned, long cost)
    {
        var problem = CsapFormat.Parse(File.ReadAllBytes(Shared(file)));
        var solution = CapacitatedAssignment.Solve(problem);
        Assert.Equal(assigned, solution.Assigned);
        Assert.Equal(cost, solution.TotalCost);
        Feasible(problem, solution);
        DualsExplain(problem, solution);
        DualsExact(problem, solution);
    }

    [Fact]
    public void RandomSmallInstances_MatchBruteForce() => AgainstBruteForce("shortest paths");

    private static void AgainstBruteForce(string solver)
    {
        for (var seed = 1; seed <= 400; seed++)
        {
            var problem = Random(seed);
            var solution = CapacitatedAssignment.Solve(problem);
            var (assigned, cost) = BruteForce(problem);
            Assert.True(assigned == solution.Assigned && cost == solution.TotalCost,
                $"seed {seed}: {solver} {solution.Assigned}/{solution.TotalCost}, brute force {assigned}/{cost}");
            Feasible(problem, solution);
            DualsExplain(problem, solution);
            DualsExact(problem, solution);
        }
    }

    /// <summary>
    /// Cost scaling (used for components of national size) on every component: the same optimum as brute force and as the
    /// shortest-path solver, and exact duals in the same terms (each pair's reduced cost ≥ 0, tight on the pairs used,
    /// prices ≥ 0 and 0 while a position has room).
    /// </summary>
    [Fact]
    public void CostScaling_IsExact_WithExactDuals()
    {
        CapacitatedAssignment.CostScalingFromOverride.Value = 0;
        var fallbacks = CostScaling.Fallbacks;
        try
        {
            AgainstBruteForce("cost scaling");
            foreach (var (file, assigned, cost) in new[] { ("n600.csap", 468, 56_217L), ("n10000.csap", 8_975, 716_746L) })
            {
                var problem = CsapFormat.Parse(File.ReadAllBytes(Shared(file)));
                var solution = CapacitatedAssignment.Solve(problem);
                Assert.Equal((assigned, cost), (solution.Assigned, solution.TotalCost));
                Feasible(problem, solution);
                DualsExplain(problem, solution);
                DualsExact(problem, solution);
            }
        }
        finally { CapacitatedAssignment.CostScalingFromOverride.Value = null; }
        Assert.Equal(fallbacks, CostScaling.Fallbacks); // cost scaling solved them all, no shortest-path fallback
    }

    /// <summary>Without the override the shortest-path solver takes components of the shared instances (all below the threshold).</summary>
    [Fact]
    public void SharedInstances_StayBelowTheCostScalingThreshold()
    {
        var problem = CsapFormat.Parse(File.ReadAllBytes(Shared("n10000.csap")));
        Assert.True(CapacitatedAssignment.Components(problem).Max(c => c.Length) < CapacitatedAssignment.CostScalingFrom);
    }

    [Fact]
    public void PlacingMoreOutranksCost_AndCheaperApplicantWinsAScarceSlot()
    {
        // One slot, two applicants: the later, cheaper one must get it (the first is displaced).
        var scarce = AssignmentProblem.FromPairs(2, [1], [(0, 0, 100), (1, 0, 1)]);
        var s = CapacitatedAssignment.Solve(scarce);
        Assert.Equal([-1, 0], s.Assignment);
        // Two slots: placing both beats the cheap single placement.
        var two = AssignmentProblem.FromPairs(2, [1, 1], [(0, 0, 1), (1, 0, 1), (0, 1, 90)]);
        var t = CapacitatedAssignment.Solve(two);
        Assert.Equal(2, t.Assigned);
        Assert.Equal(91, t.TotalCost);
    }

    [Fact]
    public void EqualInputs_GiveIdenticalResults()
    {
        var problem = CsapFormat.Parse(File.ReadAllBytes(Shared("n600.csap")));
        Assert.Equal(CapacitatedAssignment.Solve(problem).Assignment, CapacitatedAssignment.Solve(problem).Assignment);
    }

    internal static AssignmentProblem Random(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(1, 8);
        var m = rng.Next(1, 5);
        var capacity = Enumerable.Range(0, m).Select(_ => rng.Next(0, 3)).ToArray();
        var pairs = new List<(int, int, int)>();
        for (var i = 0; i < n; i++)
            for (var j = 0; j < m; j++)
                if (rng.NextDouble() < 0.6) pairs.Add((i, j, rng.Next(0, 12)));
        return AssignmentProblem.FromPairs(n, capacity, pairs);
    }

    /// <summary>Every applicant tries "unplaced" and each allowed position; lexicographic best.</summary>
    internal static (int Assigned, long Cost) BruteForce(AssignmentProblem p)
    {
        var load = new int[p.Positions];
        (int, long) best = (-1, long.MaxValue);
        void Go(int i, int assigned, long cost)
        {
            if (i == p.Applicants)
            {
                if (assigned > best.Item1 || (assigned == best.Item1 && cost < best.Item2)) best = (assigned, cost);
                return;
            }
            Go(i + 1, assigned, cost);
            for (var k = p.Start[i]; k < p.Start[i + 1]; k++)
            {
                var j = p.Position[k];
                if (load[j] >= p.Capacity[j]) continue;
                load[j]++;
                Go(i + 1, assigned + 1, cost + p.Cost[k]);
                load[j]--;
            }
        }
        Go(0, 0, 0);
        return best;
    }

    internal static void Feasible(AssignmentProblem p, AssignmentSolution s)
    {
        var load = new int[p.Positions];
        long cost = 0;
        for (var i = 0; i < p.Applicants; i++)
        {
            var j = s.Assignment[i];
            if (j < 0) continue;
            var k = Array.IndexOf(p.Position, j, p.Start[i], p.Start[i + 1] - p.Start[i]);
            Assert.True(k >= 0, $"applicant {i} placed on a forbidden position {j}");
            cost += p.Cost[k];
            load[j]++;
        }
        for (var j = 0; j < p.Positions; j++) Assert.True(load[j] <= p.Capacity[j], $"position {j} over capacity");
        Assert.Equal(s.TotalCost, cost);
    }

    /// <summary>The duals the network solver and the pricing loop start from: c + level(j) ≥ level(i) on every pair, equal on the pairs used.</summary>
    internal static void DualsExact(AssignmentProblem p, AssignmentSolution s)
    {
        for (var j = 0; j < p.Positions; j++) Assert.True(s.Price[j] >= 0, $"position {j} has a negative price");
        var load = new int[p.Positions];
        foreach (var j in s.Assignment) if (j >= 0) load[j]++;
        for (var j = 0; j < p.Positions; j++) if (load[j] < p.Capacity[j]) Assert.Equal(0, s.Price[j]);
        // The private "unplaced" option costs the placement weight B: an unplaced applicant's level reaches it.
        long big = 1;
        for (var i = 0; i < p.Applicants; i++)
        {
            var max = 0;
            for (var k = p.Start[i]; k < p.Start[i + 1]; k++) max = Math.Max(max, p.Cost[k]);
            big += max;
        }
        for (var i = 0; i < p.Applicants; i++)
        {
            if (s.Assignment[i] < 0) Assert.True(s.RowLevel![i] >= big, $"unplaced applicant {i} has a level {s.RowLevel[i]} below B = {big}");
            else Assert.True(s.RowLevel![i] <= s.Reservation[i], $"placed applicant {i} has a level above its reservation");
        }
        for (var i = 0; i < p.Applicants; i++)
            for (var k = p.Start[i]; k < p.Start[i + 1]; k++)
            {
                var gap = p.Cost[k] + s.ColumnLevel![p.Position[k]] - s.RowLevel![i];
                Assert.True(gap >= 0, $"pair ({i}, {p.Position[k]}) has a negative reduced cost {gap}");
                if (s.Assignment[i] == p.Position[k]) Assert.Equal(0, gap);
            }
    }

    /// <summary>The dual prices explain every decision: placed applicants hold a cheapest (cost + price) position; unplaced were priced out.</summary>
    internal static void DualsExplain(AssignmentProblem p, AssignmentSolution s)
    {
        for (var i = 0; i < p.Applicants; i++)
        {
            var best = long.MaxValue;
            for (var k = p.Start[i]; k < p.Start[i + 1]; k++) best = Math.Min(best, p.Cost[k] + s.Price[p.Position[k]]);
            var j = s.Assignment[i];
            if (j >= 0)
            {
                var k = Array.IndexOf(p.Position, j, p.Start[i], p.Start[i + 1] - p.Start[i]);
                Assert.Equal(best, p.Cost[k] + s.Price[j]);
                Assert.True(p.Cost[k] + s.Price[j] <= s.Reservation[i], $"placed applicant {i} above its reservation");
            }
            else if (best != long.MaxValue)
                Assert.True(best >= s.Reservation[i], $"unplaced applicant {i} had a position below its reservation");
        }
    }
}
