namespace Qadam.Matching;

/// <summary>The weights a coordinator sets: each km of travel, each missing skill, a second or later choice of sector.</summary>
public sealed record ScoringWeights(int PerKm = 1, int PerMissingSkill = 60, int SecondChoiceSector = 20, int LaterChoiceSector = 40, int MaxMissingSkills = 2);

public sealed record ApplicantProfile(double X, double Y, int Skills, IReadOnlyList<int> PreferredSectors, double MaxTravelKm);

public sealed record PositionProfile(double X, double Y, int RequiredSkills, int Sector);

/// <summary>Why a pair costs what it costs, in the terms a coordinator reads.</summary>
public sealed record PairScore(bool Allowed, int Cost, int Km, int SkillsHeld, int SkillsRequired, int SectorRank, string? NotAllowedBecause);

/// <summary>Transparent pair cost: km + weight·missing skills + sector preference penalty. Pairs out of reach or missing too many skills are not allowed.</summary>
public static class Scoring
{
    public static PairScore Score(ApplicantProfile a, PositionProfile p, ScoringWeights w)
    {
        var km = (int)Math.Round(Math.Sqrt((a.X - p.X) * (a.X - p.X) + (a.Y - p.Y) * (a.Y - p.Y)));
        var required = System.Numerics.BitOperations.PopCount((uint)p.RequiredSkills);
        var held = System.Numerics.BitOperations.PopCount((uint)(p.RequiredSkills & a.Skills));
        var rank = a.PreferredSectors.ToList().IndexOf(p.Sector) + 1; // 0 = not among the preferred sectors
        return Score(km, held, required, rank, a.MaxTravelKm, w);
    }

    /// <summary>The same rule from its parts: whole km, required skills held of those required, rank of the position's sector among the applicant's preferences (0 = not preferred).</summary>
    public static PairScore Score(int km, int held, int required, int rank, double maxTravelKm, ScoringWeights w)
    {
        if (km > maxTravelKm) return new PairScore(false, 0, km, held, required, rank, "beyond travel distance");
        if (!TryCost(km, held, required, rank, maxTravelKm, w, out var cost)) return new PairScore(false, 0, km, held, required, rank, "too many missing skills");
        return new PairScore(true, cost, km, held, required, rank, null);
    }

    /// <summary>The same rule without the explanation (nothing allocated: run once per pair of a national run).</summary>
    public static bool TryCost(int km, int held, int required, int rank, double maxTravelKm, ScoringWeights w, out int cost)
    {
        var missing = required - held;
        cost = 0;
        if (km > maxTravelKm || missing > w.MaxMissingSkills) return false;
        cost = w.PerKm * km + w.PerMissingSkill * missing + (rank == 1 ? 0 : rank == 2 ? w.SecondChoiceSector : w.LaterChoiceSector);
        return true;
    }
}
