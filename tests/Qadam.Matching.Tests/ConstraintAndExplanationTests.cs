namespace Qadam.Matching.Tests;

public sealed class ConstraintAndExplanationTests
{
    [Fact]
    public void PinsAndForbids_AreHonoured_AndTheRestIsOptimal()
    {
        for (var seed = 1; seed <= 300; seed++)
        {
            var p = SolverTests.Random(seed);
            var rng = new Random(seed * 31);
            var forbidden = new HashSet<(int, int)>();
            var pinned = new Dictionary<int, int>();
            var used = new int[p.Positions];
            for (var i = 0; i < p.Applicants; i++)
                for (var k = p.Start[i]; k < p.Start[i + 1]; k++)
                {
                    var j = p.Position[k];
                    var roll = rng.NextDouble();
                    if (roll < 0.15) forbidden.Add((i, j));
                    else if (roll < 0.25 && !pinned.ContainsKey(i) && used[j] < p.Capacity[j]) { pinned[i] = j; used[j]++; }
                }
            var s = ConstrainedAssignment.Solve(p, new MatchingConstraints(forbidden, pinned));
            foreach (var (i, j) in pinned) Assert.Equal(j, s.Assignment[i]);
            for (var i = 0; i < p.Applicants; i++) Assert.DoesNotContain((i, s.Assignment[i]), forbidden);
            SolverTests.Feasible(p, s);
            var (assigned, cost) = BruteForceWith(p, forbidden, pinned);
            Assert.True(assigned == s.Assigned && cost == s.TotalCost, $"seed {seed}: {s.Assigned}/{s.TotalCost} vs brute force {assigned}/{cost}");
        }
    }

    [Fact]
    public void ImpossiblePins_AreRefusedWithAReason()
    {
        var p = AssignmentProblem.FromPairs(2, [1], [(0, 0, 5), (1, 0, 5)]);
        var e = Assert.Throws<MatchingConstraintException>(() => ConstrainedAssignment.Solve(p, new MatchingConstraints(Pinned: new Dictionary<int, int> { [0] = 0, [1] = 0 })));
        Assert.Contains("more pinned applicants than places", e.Message);
        var q = AssignmentProblem.FromPairs(1, [1, 1], [(0, 0, 5)]);
        Assert.Contains("not allowed", Assert.Throws<MatchingConstraintException>(() => ConstrainedAssignment.Solve(q, new MatchingConstraints(Pinned: new Dictionary<int, int> { [0] = 1 }))).Message);
    }

    [Fact]
    public void Explanations_AgreeWithCostsAndPrices_OnTheSharedInstance()
    {
        var p = CsapFormat.Parse(File.ReadAllBytes(SharedData.File("n600.csap")));
        var s = CapacitatedAssignment.Solve(p);
        var explanations = Explanations.Explain(p, s);
        Assert.Equal(s.Assigned, explanations.Count(e => e.Kind == OutcomeKind.Placed));
        Assert.Contains(explanations, e => e.Kind == OutcomeKind.PricedOut);
        foreach (var e in explanations)
        {
            if (e.Kind == OutcomeKind.Placed) Assert.True(e.Margin is null or >= 0, $"applicant {e.Applicant}: a cheaper position existed");
            if (e.Kind == OutcomeKind.PricedOut) Assert.True(e.Margin >= 0, $"applicant {e.Applicant} was not priced out");
            Assert.False(string.IsNullOrWhiteSpace(Explanations.Describe(e)));
        }
    }

    [Fact]
    public void Scoring_ReadsLikeACoordinatorWould()
    {
        var applicant = new ApplicantProfile(0, 0, Skills: 0b01111, PreferredSectors: [3, 5], MaxTravelKm: 60);
        var position = new PositionProfile(12, 0, RequiredSkills: 0b11111, Sector: 3);
        var score = Scoring.Score(applicant, position, new ScoringWeights());
        Assert.True(score.Allowed);
        Assert.Equal(12 + 60, score.Cost);
        var placed = new Explanation(0, OutcomeKind.Placed, 7, score.Cost, 0, 0, 3, 15, score);
        Assert.Equal("Placed at position 7: 12 km away, has 4 of 5 skills, first-choice sector; the best of 3 allowed positions by 15 after competition for places.",
            Explanations.Describe(placed));
        Assert.Equal("beyond travel distance", Scoring.Score(applicant with { MaxTravelKm = 5 }, position, new ScoringWeights()).NotAllowedBecause);
        Assert.Equal("too many missing skills", Scoring.Score(applicant with { Skills = 0b00001 }, position, new ScoringWeights()).NotAllowedBecause);
        Assert.Equal(12 + 60 + 20, Scoring.Score(applicant, position with { Sector = 5 }, new ScoringWeights()).Cost);
    }

    private static (int, long) BruteForceWith(AssignmentProblem p, HashSet<(int, int)> forbidden, Dictionary<int, int> pinned)
    {
        var pairs = new List<(int, int, int)>();
        for (var i = 0; i < p.Applicants; i++)
            for (var k = p.Start[i]; k < p.Start[i + 1]; k++)
            {
                var j = p.Position[k];
                if (pinned.TryGetValue(i, out var pj) ? pj == j : !forbidden.Contains((i, j))) pairs.Add((i, j, p.Cost[k]));
            }
        var restricted = AssignmentProblem.FromPairs(p.Applicants, p.Capacity, pairs);
        // Pinned applicants must be placed: rank solutions by (all pins placed, count, cost) via a large bonus.
        var load = new int[p.Positions];
        (int, long) best = (-1, long.MaxValue);
        var bestPins = -1;
        void Go(int i, int assigned, long cost, int pins)
        {
            if (i == p.Applicants)
            {
                if (pins > bestPins || (pins == bestPins && (assigned > best.Item1 || (assigned == best.Item1 && cost < best.Item2)))) { best = (assigned, cost); bestPins = pins; }
                return;
            }
            if (!pinned.ContainsKey(i)) Go(i + 1, assigned, cost, pins);
            for (var k = restricted.Start[i]; k < restricted.Start[i + 1]; k++)
            {
                var j = restricted.Position[k];
                if (load[j] >= p.Capacity[j]) continue;
                load[j]++;
                Go(i + 1, assigned + 1, cost + restricted.Cost[k], pins + (pinned.ContainsKey(i) ? 1 : 0));
                load[j]--;
            }
        }
        Go(0, 0, 0, 0);
        return best;
    }
}
