using System.Security.Cryptography;
using System.Text;

namespace Qadam.Statistics;

/// <summary>An eligible applicant in a lottery: a stable id and the stratum (e.g. "KZ-75|female").</summary>
public sealed record LotteryEntrant(string Id, string Stratum);

public sealed record LotteryStratum(string Stratum, int Eligible, int Places);

/// <param name="PlanHash">SHA-256 of the plan (places, seed, strata, eligible ids in canonical order): recorded and locked before the draw.</param>
/// <param name="Drawn">The winners, in draw order.</param>
/// <param name="WaitingList">Those not drawn, in priority order for the next cohort (their random rank across strata).</param>
public sealed record LotteryDraw(string PlanHash, ulong Seed, int Places, IReadOnlyList<LotteryStratum> Strata, IReadOnlyList<string> Drawn, IReadOnlyList<string> WaitingList);

/// <summary>
/// A fair, reproducible lottery for an oversubscribed cohort. Places are shared among strata in proportion to their
/// eligible numbers (largest remainder; equal remainders to the larger stratum, then by name), then drawn within each
/// stratum by a seeded Fisher–Yates shuffle (SplitMix64) of the entrants in canonical order (by id). The same plan and
/// seed always give the same draw; the plan hash lets anyone check that the plan was not changed after the fact.
/// </summary>
public static class Lottery
{
    public static string PlanHash(IReadOnlyList<LotteryEntrant> eligible, int places, ulong seed)
    {
        var sb = new StringBuilder().Append("qadam-lottery-v1\n").Append(places).Append('\n').Append(seed).Append('\n');
        foreach (var e in Canonical(eligible)) sb.Append(e.Stratum).Append('\t').Append(e.Id).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    public static LotteryDraw Draw(IReadOnlyList<LotteryEntrant> eligible, int places, ulong seed)
    {
        if (places < 1) throw new StatisticsException("places", "A lottery needs at least one place.");
        if (eligible.Select(e => e.Id).Distinct().Count() != eligible.Count) throw new StatisticsException("duplicate", "An applicant is entered twice.");
        if (eligible.Count <= places)
            throw new StatisticsException("not_oversubscribed", $"The cohort is not oversubscribed ({eligible.Count} eligible for {places} places): everyone can be offered a place, so there is nothing to draw.");
        var canonical = Canonical(eligible);
        var strata = canonical.GroupBy(e => e.Stratum).Select(g => (Stratum: g.Key, Members: g.ToArray())).OrderBy(s => s.Stratum, StringComparer.Ordinal).ToList();
        // Largest remainder: floor of the proportional share, then the leftover places to the largest remainders.
        var quota = strata.Select(s => (double)places * s.Members.Length / eligible.Count).ToArray();
        var allotted = quota.Select(q => (int)Math.Floor(q)).ToArray();
        var left = places - allotted.Sum();
        foreach (var i in Enumerable.Range(0, strata.Count).OrderByDescending(i => quota[i] - allotted[i]).ThenByDescending(i => strata[i].Members.Length)
                     .ThenBy(i => strata[i].Stratum, StringComparer.Ordinal).Take(left))
            allotted[i]++;

        var rng = new SplitMix64(seed);
        var drawn = new List<string>();
        var rest = new List<(string Id, ulong Rank)>();
        for (var s = 0; s < strata.Count; s++)
        {
            var ids = strata[s].Members.Select(m => m.Id).ToArray();
            rng.Shuffle(ids);
            drawn.AddRange(ids.Take(allotted[s]));
            rest.AddRange(ids.Skip(allotted[s]).Select(id => (id, rng.Next())));
        }
        var waiting = rest.OrderBy(r => r.Rank).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).ToList();
        return new LotteryDraw(PlanHash(eligible, places, seed), seed, places,
            strata.Select((st, i) => new LotteryStratum(st.Stratum, st.Members.Length, allotted[i])).ToList(), drawn, waiting);
    }

    private static LotteryEntrant[] Canonical(IEnumerable<LotteryEntrant> eligible) =>
        [.. eligible.OrderBy(e => e.Stratum, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal)];
}
