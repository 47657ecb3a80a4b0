using Qadam.Matching;
using Qadam.Web.Features.Scheme;

namespace Qadam.Web.Tests.Scheme;

/// <summary>The run's pairs come from distances per pair of places and only the places within reach: they must be exactly the
/// pairs the scoring rule allows when every applicant is scored against every position.</summary>
public sealed class MatchPairsTests
{
    /// <param name="skillCount">4: one word of the skill bit sets; 70: two (the positions then ask for two skills each, in
    /// turn, so that all 70 are asked for and some lie past the first 64).</param>
    [Theory]
    [InlineData(4)]
    [InlineData(70)]
    public void PairsWithinReach_AreExactlyTheAllowedPairsOfTheFullScan(int skillCount)
    {
        var rng = new Random(20261202);
        var places = Enumerable.Range(0, 6).Select(_ => (Lat: 43 + rng.NextDouble(), Lon: 76 + rng.NextDouble())).ToArray();
        var skills = Enumerable.Range(0, skillCount).Select(k => ((char)('a' + k % 26)).ToString() + (k / 26)).ToArray();
        string[] sectors = ["retail", "crafts", "it"];
        string[] Some(string[] from) => from.Where(_ => rng.NextDouble() < 0.5).ToArray();
        // Applicants also name a skill and a sector no position has; a position may list a skill twice (counted twice).
        var apps = Enumerable.Range(0, 60).Select(i =>
        {
            var (lat, lon) = places[rng.Next(places.Length)];
            return new SnapApplicant(Guid.NewGuid(), Guid.NewGuid(), i % 2 == 0, "KZ-75", lat, lon, [.. Some(skills), "weaving"], ["farming", .. Some(sectors)],
                new[] { 0, 10, 25, 50, 200 }[rng.Next(5)]);
        }).ToList();
        var poss = Enumerable.Range(0, 40).Select(j =>
        {
            var (lat, lon) = places[rng.Next(places.Length)];
            var wanted = skillCount > 64 ? [skills[2 * j % skillCount], skills[(2 * j + 1) % skillCount]] : Some(skills);
            return new SnapPosition(Guid.NewGuid(), Guid.NewGuid(), $"p{j}", sectors[rng.Next(sectors.Length)], j % 7 == 0 && wanted.Length > 0 ? [.. wanted, wanted[0]] : wanted,
                lat, lon, 1 + rng.Next(3));
        }).ToList();
        var weights = new ScoringWeights(MaxMissingSkills: 1);
        var p = MatchRuns.Pairs(apps, poss, weights);
        var expected = new List<(int, int, int)>();
        for (var i = 0; i < apps.Count; i++)
            for (var j = 0; j < poss.Count; j++)
                if (MatchRuns.Score(apps[i], poss[j], weights) is { Allowed: true } s) expected.Add((i, j, s.Cost));
        var got = new List<(int, int, int)>();
        for (var i = 0; i < p.Applicants; i++)
            for (var k = p.Start[i]; k < p.Start[i + 1]; k++) got.Add((i, p.Position[k], p.Cost[k]));
        Assert.Equal(expected.Order(), got.Order());
        // The scan must have had something to find, and something to leave out.
        Assert.InRange(expected.Count, 100, apps.Count * poss.Count - 100);
        Assert.Equal(poss.Select(x => x.Places), p.Capacity);
    }
}
