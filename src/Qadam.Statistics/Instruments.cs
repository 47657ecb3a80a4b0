namespace Qadam.Statistics;

/// <summary>
/// A scored administration. <see cref="Total"/> is null when too many items are missing ("incomplete") — never a
/// silent zero. WHO-5 is on its 0–100 scale; BRS is the mean of its items. <see cref="Alert"/> is PHQ-9's item 9 above 0
/// (set even when the total is incomplete; null for the other instruments or when item 9 is unanswered).
/// </summary>
public sealed record InstrumentScore(string Code, double? Total, bool Complete, string? Band, bool? Caseness, bool? Alert, int Answered, bool Prorated);

/// <summary>
/// The standard instruments of issue #10, scored by their published rules: PHQ-9 and GAD-7 (Kroenke, Spitzer et al.),
/// WHO-5 (WHO 1998, percentage scale), the Brief Resilience Scale (Smith et al. 2008) and K10 (Kessler et al. 2002, the
/// Australian 1–5 coding and bands). Missing answers: PHQ-9 with at most 2 and GAD-7 with at most 1 missing are prorated
/// (sum × items / answered, rounded half up); BRS needs 5 of 6 (mean of those); WHO-5 and K10 need every item.
/// </summary>
public sealed class Instrument
{
    private readonly Func<int?[], InstrumentScore> score;

    private Instrument(string code, int items, int min, int max, bool lowerIsBetter, double? fixedChange, Func<Instrument, int?[], InstrumentScore> score)
    {
        Code = code;
        Items = items;
        MinAnswer = min;
        MaxAnswer = max;
        LowerIsBetter = lowerIsBetter;
        FixedChange = fixedChange;
        this.score = a => score(this, a);
    }

    public string Code { get; }
    public int Items { get; }
    public int MinAnswer { get; }
    public int MaxAnswer { get; }
    /// <summary>A fall in the score is an improvement (PHQ-9, GAD-7, K10); for WHO-5 and BRS a rise is.</summary>
    public bool LowerIsBetter { get; }
    /// <summary>The change in common use as "improved" (PHQ-9 6, GAD-7 4, WHO-5 10 points); null where none is in common use.</summary>
    public double? FixedChange { get; }

    public static readonly Instrument Phq9 = new("phq9", 9, 0, 3, true, 6, (i, a) =>
    {
        var (total, answered, prorated) = Sum(i, a, maxMissing: 2);
        var alert = a[8] is { } item9 ? item9 > 0 : (bool?)null;
        return new("phq9", total, total is not null, total is { } t ? Band(t, (4, "minimal"), (9, "mild"), (14, "moderate"), (19, "moderatelySevere"), (27, "severe")) : null,
            total is { } c ? c >= 10 : null, alert, answered, prorated);
    });

    public static readonly Instrument Gad7 = new("gad7", 7, 0, 3, true, 4, (i, a) =>
    {
        var (total, answered, prorated) = Sum(i, a, maxMissing: 1);
        return new("gad7", total, total is not null, total is { } t ? Band(t, (4, "minimal"), (9, "mild"), (14, "moderate"), (21, "severe")) : null,
            total is { } c ? c >= 8 : null, null, answered, prorated);
    });

    public static readonly Instrument Who5 = new("who5", 5, 0, 5, false, 10, (i, a) =>
    {
        var (raw, answered, _) = Sum(i, a, maxMissing: 0);
        double? total = raw * 4;
        return new("who5", total, total is not null, total is { } t ? t <= 28 ? "likelyDepression" : t <= 50 ? "poorWellbeing" : "wellbeing" : null,
            total is { } c ? c <= 50 : null, null, answered, false);
    });

    public static readonly Instrument Brs = new("brs", 6, 1, 5, false, null, (i, a) =>
    {
        i.Check(a);
        // Items 2, 4 and 6 are worded negatively: 6 − x.
        var coded = a.Select((v, k) => v is { } x ? (k % 2 == 1 ? 6 - x : x) : (int?)null).ToArray();
        var answered = coded.Count(v => v is not null);
        double? mean = answered >= 5 ? Math.Round(coded.Where(v => v is not null).Average(v => (double)v!.Value), 2, MidpointRounding.AwayFromZero) : null;
        return new("brs", mean, mean is not null, mean is { } m ? m < 3 ? "low" : m > 4.30 ? "high" : "normal" : null,
            mean is { } c ? c < 3 : null, null, answered, answered < 6 && mean is not null);
    });

    public static readonly Instrument K10 = new("k10", 10, 1, 5, true, null, (i, a) =>
    {
        var (total, answered, _) = Sum(i, a, maxMissing: 0);
        return new("k10", total, total is not null, total is { } t ? Band(t, (19, "well"), (24, "mild"), (29, "moderate"), (50, "severe")) : null,
            total is { } c ? c >= 20 : null, null, answered, false);
    });

    public static readonly IReadOnlyList<Instrument> All = [Phq9, Gad7, Who5, Brs, K10];

    public static Instrument? Find(string? code) => All.FirstOrDefault(i => string.Equals(i.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Scores one administration; <c>null</c> = not answered.</summary>
    /// <exception cref="StatisticsException">Wrong number of answers, or an answer outside the instrument's range (the item is named).</exception>
    public InstrumentScore Score(IReadOnlyList<int?> answers) => score([.. answers]);

    /// <summary>
    /// Improvement from the first to the last score by the fixed threshold in common use (PHQ-9 ≥ 6, GAD-7 ≥ 4, WHO-5 ≥ 10
    /// points); null when the instrument has none or a score is incomplete.
    /// </summary>
    public bool? ImprovedByFixedThreshold(InstrumentScore first, InstrumentScore last) =>
        FixedChange is { } d && first.Total is { } a && last.Total is { } b ? (LowerIsBetter ? a - b : b - a) >= d : null;

    /// <summary>Recovery: caseness at the first measurement and not at the last; null unless both are complete.</summary>
    public static bool? Recovered(InstrumentScore first, InstrumentScore last) =>
        first.Caseness is { } a && last.Caseness is { } b ? a && !b : null;

    private void Check(int?[] answers)
    {
        if (answers.Length != Items) throw new StatisticsException("answers", $"{Code} has {Items} items; {answers.Length} answers were given.", Items, answers.Length);
        for (var k = 0; k < answers.Length; k++)
            if (answers[k] is { } v && (v < MinAnswer || v > MaxAnswer))
                throw new StatisticsException("answer_range", $"Item {k + 1} of {Code}: {v} is outside {MinAnswer}–{MaxAnswer}.", k + 1, v, MinAnswer, MaxAnswer);
    }

    private static (double? Total, int Answered, bool Prorated) Sum(Instrument i, int?[] a, int maxMissing)
    {
        i.Check(a);
        var answered = a.Count(v => v is not null);
        var missing = i.Items - answered;
        if (missing > maxMissing || answered == 0) return (null, answered, false);
        var sum = a.Sum(v => v ?? 0);
        if (missing == 0) return (sum, answered, false);
        return (Math.Round(sum * (double)i.Items / answered, MidpointRounding.AwayFromZero), answered, true);
    }

    private static string Band(double total, params (double UpTo, string Name)[] bands) =>
        bands.First(b => total <= b.UpTo).Name;
}

/// <summary>One person's Jacobson–Truax reliable change index: (post − pre) / (√2 · SD · √(1 − reliability)).</summary>
public static class IndividualReliableChange
{
    public static (double Rci, ChangeCategory Category) Assess(double pre, double post, double sd, double reliability, bool lowerIsBetter)
    {
        if (reliability is <= 0 or >= 1) throw new StatisticsException("reliability", "Reliability must be between 0 and 1.");
        if (sd <= 0) throw new StatisticsException("sd", "The standard deviation must be positive.");
        var rci = (post - pre) / (Math.Sqrt(2) * sd * Math.Sqrt(1 - reliability));
        var better = lowerIsBetter ? rci < -1.96 : rci > 1.96;
        var worse = lowerIsBetter ? rci > 1.96 : rci < -1.96;
        return (rci, better ? ChangeCategory.ReliableImprovement : worse ? ChangeCategory.ReliableDeterioration : ChangeCategory.NoReliableChange);
    }
}
