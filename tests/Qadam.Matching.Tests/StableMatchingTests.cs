namespace Qadam.Matching.Tests;

public sealed class StableMatchingTests
{
    [Fact]
    public void DeferredAcceptance_HasNoBlockingPairs_OnRandomInstances()
    {
        for (var seed = 1; seed <= 300; seed++)
        {
            var p = SolverTests.Random(seed);
            var prefs = new Preferences(p);
            var s = StableMatching.Solve(p, prefs);
            SolverTests.Feasible(p, s);
            Assert.Empty(StableMatching.BlockingPairs(p, s.Assignment, prefs));
        }
    }

    [Fact]
    public void BlockingPairs_AreFound_WhenCostOptimalityOverridesPreferences()
    {
        // Applicant 0 prefers position 0 (cost 1) to position 1 (cost 2); applicant 1 can only use position 0 (cost 9).
        // The optimum places both (0→1, 1→0); position 0 prefers applicant 0 (lower cost) → (0, 0) blocks.
        var p = AssignmentProblem.FromPairs(2, [1, 1], [(0, 0, 1), (0, 1, 2), (1, 0, 9)]);
        var optimal = CapacitatedAssignment.Solve(p);
        Assert.Equal([1, 0], optimal.Assignment);
        var blocking = StableMatching.BlockingPairs(p, optimal.Assignment, new Preferences(p));
        Assert.Equal([new BlockingPair(0, 0)], blocking);
        // The stable mode gives applicant 0 its first choice and leaves applicant 1 out: the price of stability.
        var stable = StableMatching.Solve(p, new Preferences(p));
        Assert.Equal([0, -1], stable.Assignment);
        Assert.True(stable.Assigned < optimal.Assigned);
    }

    [Fact]
    public void SharedInstance_StableModeCostsPlacements_AndTheReportSaysHowMany()
    {
        var p = CsapFormat.Parse(File.ReadAllBytes(SharedData.File("n600.csap")));
        var prefs = new Preferences(p);
        var optimal = CapacitatedAssignment.Solve(p);
        var stable = StableMatching.Solve(p, prefs);
        Assert.Empty(StableMatching.BlockingPairs(p, stable.Assignment, prefs));
        Assert.True(stable.Assigned <= optimal.Assigned);
        Assert.NotEmpty(StableMatching.BlockingPairs(p, optimal.Assignment, prefs));
    }
}
