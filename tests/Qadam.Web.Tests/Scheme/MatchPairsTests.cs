using Qadam.Matching;
using Qadam.Web.Features.Scheme;

namespace Qadam.Web.Tests.Scheme;

/// <summary>The run's pairs come from distances per pair of places and only the places within reach: they must be exactly the
/// pairs the scoring rule allows when every applicant is scored against every position.</summary>
public sealed class MatchPairsTests
{
    [Fact]
    public void PairsWithinReach_AreExactlyTheAllowedPairsOfTheFullScan()
    {
        var rng = new Random(20261202);
        var places = Enumerable.Range(0, 6).Select(_ => (Lat: 43 + rng.NextDouble(), Lon: 76 + rng.NextDouble())).ToArray();
        string[] skills = ["a", "b", "c", "d"], sectors = ["retail", "crafts", "it"];
        string[] Some(string[] from) => from.Where(_ => rng.NextDouble() < 0.5).ToArray();
        var apps = Enumerable.Range(0, 60).Select(i =>
        {
            var (lat, lon) = places[rng.Next(places.Length)];
            return new SnapApplicant(Guid.NewGuid(), Guid.NewGuid(), i % 2 == 0, "KZ-75", lat, lon, Some(skills), Some(sectors), new[] { 0, 10, 25, 50, 200 }[rng.Next(5)]);
        }).ToList();
        var poss = Enumerable.Range(0, 40).Select(j =>
        {
            var (lat, lon) = places[rng.Next(places.Length)];
            return new SnapPosition(Guid.NewGuid(), Guid.NewGuid(), $"p{j}", sectors[rng.Next(sectors.Length)], Some(skills), lat, lon, 1 + rng.Next(3));
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
