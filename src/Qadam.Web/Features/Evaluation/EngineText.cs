using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Qadam.Web.Platform;

namespace Qadam.Web.Features.Evaluation;

/// <summary>
/// The statistics engine speaks English (it is also a command-line tool and its messages are part of stored results);
/// the results page shows them in the user's language. Each engine message has one pattern here (anchored on the
/// engine's fixed wording, numbers captured) and a resource <c>Engine.{key}</c> with the numbers as <c>{0}</c>, <c>{1}</c>…
/// A message without a pattern is shown as the engine wrote it; <c>EngineTextTests</c> makes every message the engine
/// can produce go through a pattern, so a new engine message without a translation fails the build's tests.
/// </summary>
public static partial class EngineText
{
    private static readonly (Regex Pattern, string Key)[] Messages =
    [
        (new(@"^analytic \(normal approximation\)$"), "Interval.Analytic"),
        (new(@"^normal approximation \(Neyman variance\)$"), "Interval.Neyman"),
        (new(@"^bootstrap percentile, (\d+) replicates, seed (-?\d+)$"), "Interval.Bootstrap"),
        (new(@"^CR1 cluster-robust by matched set$"), "Variance.Cr1Matched"),
        (new(@"^CR1 cluster-robust by the given cluster$"), "Variance.Cr1Cluster"),
        (new(@"^HC1 robust \(matching with replacement\)$"), "Variance.Hc1Replace"),
        (new(@"^HC0 robust, propensity score treated as known \(use the bootstrap to include its estimation\)$"), "Variance.Hc0Ipw"),
        (new(@"^CR1 cluster-robust, propensity score treated as known \(use the bootstrap to include its estimation\)$"), "Variance.Cr1Ipw"),
        (new(@"^matched difference-in-differences, CR1 cluster-robust by matched set$"), "Variance.DidMatched"),
        (new(@"^two-period DiD, CR1 cluster-robust by unit$"), "Variance.DidUnit"),
        (new(@"^two-period DiD, CR1 cluster-robust by the given cluster$"), "Variance.DidCluster"),
        // The randomised design's method, in parts joined by "; ".
        (new(@"^difference in means within (\d+) strata \(weights = stratum shares\), Neyman variance, normal 95% interval$"), "Variance.StrataMeans"),
        (new(@"^difference in means, Neyman variance, normal 95% interval$"), "Variance.Means"),
        (new(@"^randomisation p-value exact \((\d+) possible draws\)$"), "Variance.ExactP"),
        (new(@"^randomisation p-value from (\d+) re-draws, seed (-?\d+)$"), "Variance.SampledP"),
        (new(@"^complier effect = ITT / difference in take-up \(Wald\), delta-method SE$"), "Variance.Complier"),
        (new(@"^(\d+) of (\d+) bootstrap replicates could not be estimated and were left out\.$"), "Warning.BootstrapFailures"),
        (new(@"^The bootstrap re-fits the propensity model and re-matches each replicate; for nearest-neighbour matching it is known to be only approximately valid \(Abadie & Imbens 2008\)\.$"), "Warning.BootstrapMatching"),
        (new(@"^Poor overlap: (\d+) treated unit\(s\) have propensity scores above every comparison unit's; their matches are poor and the estimate leans on extrapolation\.$"), "Warning.PoorOverlap"),
        (new(@"^(\d+) treated unit\(s\) found no comparison within the caliper and were dropped: the estimate describes the matched treated only\.$"), "Warning.Unmatched"),
        (new(@"^Imbalance remains after (weighting|matching) \(\|SMD\| > ([\d.]+)\): (.+)\. Consider regression adjustment, a caliper, or other covariates\.$"), "Warning.Imbalance"),
        (new(@"^(\d+) (treated|comparison) weights were capped at the ([\d.]+) quantile \(([\d.]+)\)\.$"), "Warning.Capped"),
        (new(@"^Extreme weights: one comparison unit carries (\d+) ?% of the comparison group's weight \(effective sample size ([\d.]+) of (\d+)\)\. Consider trimming \(e\.g\. 0\.99\)\.$"), "Warning.ExtremeWeights"),
        (new(@"^Fitted propensity scores of 0 or 1 for (\d+) units \(quasi-separation, largest effect: (.+)\); estimates rely on few comparable units\.$"), "Warning.QuasiSeparation"),
        (new(@"^Differential attrition: (\d+) ?% of the drawn and (\d+) ?% of those not drawn were lost to follow-up; those who answered may differ between the groups\.$"), "Warning.Attrition"),
        (new(@"^Differential attrition: (\d+) ?% of the placed and (\d+) ?% of those not placed were lost to follow-up; those who answered may differ between the groups\.$"), "Warning.AttritionPlaced"),
        // Reasons a source left units out (the sample flow).
        (new(@"^no evaluation consent$"), "Drop.NoConsent"),
        (new(@"^no date of birth$"), "Drop.NoDateOfBirth"),
        (new(@"^no region$"), "Drop.NoRegion"),
        (new(@"^lost to follow-up \((\w+)\): (placed|not placed|drawn|not drawn)$"), "Drop.LostInGroup"),
        (new(@"^lost to follow-up \((\w+)\)$"), "Drop.Lost"),
        (new(@"^only one (\w+) score$"), "Drop.OneScore"),
        (new(@"^no (\w+) score near week (\d+)$"), "Drop.NoScoreNear"),
        (new(@"^missing (.+)$"), "Drop.Missing"),
    ];

    /// <summary>The key of the pattern an engine message matches, or null (tests use this to prove coverage).</summary>
    public static string? KeyOf(string message) => Messages.FirstOrDefault(m => m.Pattern.IsMatch(message)).Key
        ?? (message.Contains("; ", StringComparison.Ordinal) && message.Split("; ").All(p => Messages.Any(m => m.Pattern.IsMatch(p))) ? "parts" : null);

    public static string Localise(string message, IStringLocalizer l)
    {
        if (!Messages.Any(m => m.Pattern.IsMatch(message)) && message.Contains("; ", StringComparison.Ordinal))
        {
            var parts = message.Split("; ");
            if (parts.All(p => KeyOf(p) is not null)) return string.Join("; ", parts.Select(p => Localise(p, l)));
        }
        foreach (var (pattern, key) in Messages)
        {
            var m = pattern.Match(message);
            if (!m.Success) continue;
            var args = m.Groups.Values.Skip(1).Select(g => (object)Word(g.Value, l)).ToArray();
            var text = l["Engine." + key];
            return text.ResourceNotFound ? message : string.Format(CultureInfo.CurrentCulture, text.Value, args);
        }
        return message;
    }

    /// <summary>Captured words the engine uses inside its messages (groups, outcome and covariate names) in the user's language.</summary>
    private static string Word(string value, IStringLocalizer l)
    {
        if (value.Length == 0) return "";
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return number.ToString(value.Contains('.') ? "0.###" : "#,0", CultureInfo.CurrentCulture);
        var word = l["Engine.Word." + value.Replace(' ', '_')];
        if (!word.ResourceNotFound) return word.Value;
        var outcome = l["Study.Outcome." + value];
        if (!outcome.ResourceNotFound) return outcome.Value;
        // "age (0.12), female (-0.30)": covariate names with their SMD.
        return CovariateList().IsMatch(value) ? CovariateList().Replace(value, m => Covariate(m.Groups[1].Value, l) + m.Groups[2].Value) : Covariate(value, l);
    }

    /// <summary>A covariate or balance row name (age, female, regionKZ-75, educationSecondary, distance) in the user's language.</summary>
    public static string Covariate(string name, IStringLocalizer l)
    {
        var exact = l["Study.Covariate." + name];
        if (!exact.ResourceNotFound) return exact.Value;
        foreach (var prefix in new[] { "region", "education" })
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
            {
                var level = name[prefix.Length..];
                var levelText = prefix == "education" && !l["Scheme.Education." + level].ResourceNotFound ? l["Scheme.Education." + level].Value : level;
                return $"{l["Study.Covariate." + prefix]}: {levelText}";
            }
        return name;
    }

    [GeneratedRegex(@"([A-Za-z][\w-]*)(\s\(-?[\d.]+\))")]
    private static partial Regex CovariateList();
}
