namespace Qadam.Statistics;

public enum ChangeCategory { ReliableImprovement, ReliableDeterioration, NoReliableChange }

public sealed record IndividualChange(double Pre, double Post, double Rci, ChangeCategory Category, bool Recovered);

public sealed record ReliableChangeSummary(int N, double CriticalDifference, int Improved, int Deteriorated, int Unchanged, int Recovered,
    int EligibleForRecovery, IReadOnlyList<IndividualChange> People)
{
    public double ImprovedShare => N == 0 ? 0 : Improved / (double)N;
    public double DeterioratedShare => N == 0 ? 0 : Deteriorated / (double)N;
    /// <summary>Recovered among those who started on the clinical side of the cut-off.</summary>
    public double RecoveredShare => EligibleForRecovery == 0 ? 0 : Recovered / (double)EligibleForRecovery;
}

/// <summary>
/// Jacobson–Truax reliable change: RCI = (post − pre) / S_diff with S_diff = √2 · SD_pre · √(1 − reliability).
/// |RCI| &gt; 1.96 is a change unlikely to be measurement error. Recovery = reliable improvement that also
/// crosses the clinical cut-off (for example PHQ-9: from ≥ 10 to &lt; 10).
/// </summary>
public static class ReliableChange
{
    public static ReliableChangeSummary Assess(double[] pre, double[] post, double reliability, bool lowerIsBetter,
        double? clinicalCutoff = null, double? referenceSd = null)
    {
        if (pre.Length != post.Length) throw new StatisticsException("length", "Pre and post scores differ in number.");
        if (reliability is <= 0 or >= 1) throw new StatisticsException("reliability", "Reliability must be between 0 and 1 (e.g. Cronbach's alpha).");
        if (pre.Length < 2 && referenceSd is null) throw new StatisticsException("too_few", "At least two people, or a reference SD, are needed.");
        if (pre.Concat(post).Any(v => !double.IsFinite(v))) throw new StatisticsException("missing", "Scores are missing; assess only complete pre/post pairs.");
        var sd = referenceSd ?? NearestNeighbourMatching.StandardDeviation(pre);
        var sDiff = Math.Sqrt(2) * sd * Math.Sqrt(1 - reliability);
        if (sDiff <= 0) throw new StatisticsException("no_variation", "Baseline scores do not vary; give a reference SD from the instrument's norms.");
        var people = new List<IndividualChange>(pre.Length);
        int improved = 0, deteriorated = 0, recovered = 0, eligible = 0;
        for (var i = 0; i < pre.Length; i++)
        {
            var rci = (post[i] - pre[i]) / sDiff;
            var better = lowerIsBetter ? rci < -1.96 : rci > 1.96;
            var worse = lowerIsBetter ? rci > 1.96 : rci < -1.96;
            var category = better ? ChangeCategory.ReliableImprovement : worse ? ChangeCategory.ReliableDeterioration : ChangeCategory.NoReliableChange;
            var wasClinical = clinicalCutoff is { } c && (lowerIsBetter ? pre[i] >= c : pre[i] <= c);
            var isRecovered = wasClinical && better && (lowerIsBetter ? post[i] < clinicalCutoff : post[i] > clinicalCutoff);
            if (wasClinical) eligible++;
            if (isRecovered) recovered++;
            if (better) improved++; else if (worse) deteriorated++;
            people.Add(new IndividualChange(pre[i], post[i], rci, category, isRecovered));
        }
        return new ReliableChangeSummary(pre.Length, 1.96 * sDiff, improved, deteriorated, pre.Length - improved - deteriorated, recovered, eligible, people);
    }
}
