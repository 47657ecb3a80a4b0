namespace Qadam.Matching;

public enum OutcomeKind { Placed, NoPositionWithinReach, PricedOut }

/// <param name="Cost">Cost of the chosen (or, for the priced out, the cheapest-after-price) position.</param>
/// <param name="Price">Its dual price: what the competition for that position adds.</param>
/// <param name="Alternatives">How many allowed positions the applicant had.</param>
/// <param name="Margin">Placed: how much more (cost + price) the next-best allowed position would have been (null if none).
/// Priced out: by how much the best allowed position's cost + price exceeds what placing the applicant was worth (≥ 0).</param>
public sealed record Explanation(int Applicant, OutcomeKind Kind, int Position, long Cost, long Price, long Reservation, int Alternatives, long? Margin, PairScore? Score);

/// <summary>
/// Explanations grounded in the optimum's dual prices, so each can be checked against the numbers: a placed
/// applicant holds the allowed position with the least cost + price; for an unplaced one, every allowed
/// position's cost + price reaches the applicant's reservation level (all were priced out by others).
/// </summary>
public static class Explanations
{
    public static IReadOnlyList<Explanation> Explain(AssignmentProblem p, AssignmentSolution s, Func<int, int, PairScore>? score = null)
    {
        var list = new List<Explanation>(p.Applicants);
        for (var i = 0; i < p.Applicants; i++)
        {
            var degree = p.Start[i + 1] - p.Start[i];
            if (degree == 0) { list.Add(new Explanation(i, OutcomeKind.NoPositionWithinReach, -1, 0, 0, s.Reservation[i], 0, null, null)); continue; }
            int chosen = -1;
            long cost = 0, price = 0;
            if (s.Assignment[i] is var j and >= 0)
            {
                chosen = j;
                cost = p.Cost[Array.IndexOf(p.Position, j, p.Start[i], degree)];
                price = s.Price[j];
            }
            else
            {
                var best = long.MaxValue;
                for (var k = p.Start[i]; k < p.Start[i + 1]; k++)
                    if (p.Cost[k] + s.Price[p.Position[k]] < best) { best = p.Cost[k] + s.Price[p.Position[k]]; chosen = p.Position[k]; cost = p.Cost[k]; price = s.Price[p.Position[k]]; }
            }
            long? margin;
            if (s.Assignment[i] >= 0)
            {
                var second = long.MaxValue;
                for (var k = p.Start[i]; k < p.Start[i + 1]; k++)
                    if (p.Position[k] != chosen) second = Math.Min(second, p.Cost[k] + s.Price[p.Position[k]]);
                margin = second == long.MaxValue ? null : second - (cost + price);
            }
            else margin = cost + price - s.Reservation[i];
            list.Add(new Explanation(i, s.Assignment[i] >= 0 ? OutcomeKind.Placed : OutcomeKind.PricedOut, chosen, cost, price, s.Reservation[i], degree,
                margin, score?.Invoke(i, chosen)));
        }
        return list;
    }

    /// <summary>One sentence a coordinator can read (English; the web app renders the same fields in kk/ru/en).</summary>
    public static string Describe(Explanation e)
    {
        string Parts(PairScore s) => $"{s.Km} km away, has {s.SkillsHeld} of {s.SkillsRequired} skills, "
            + (s.SectorRank switch { 1 => "first-choice sector", 2 => "second-choice sector", 0 => "sector not among the preferred", var r => $"choice {r} sector" });
        return e.Kind switch
        {
            OutcomeKind.NoPositionWithinReach => "Not placed: no allowed position within reach (distance or skills).",
            OutcomeKind.Placed => $"Placed at position {e.Position}{(e.Score is { } s ? ": " + Parts(s) : "")}; "
                + (e.Margin is { } m ? $"the best of {e.Alternatives} allowed positions by {m} after competition for places." : "the only allowed position."),
            _ => $"Not placed: all {e.Alternatives} allowed positions went to applicants they suited better; the nearest to reach, position {e.Position}"
                 + $"{(e.Score is { } s2 ? " (" + Parts(s2) + ")" : "")}, was priced out by {e.Margin}.",
        };
    }
}
