using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Localization;
using Qadam.Statistics;
using Qadam.Web.Features.Evaluation;

namespace Qadam.Web.Tests.Evaluation;

/// <summary>
/// Every message the statistics engine writes into a result (warnings, interval, variance method) and every reason a
/// source drops units has a translation: the engine is run on inputs that make it say each of them, and each message
/// must match a pattern of <see cref="EngineText"/> and come out in Kazakh and Russian without the English wording.
/// </summary>
public sealed class EngineTextTests
{
    private sealed class ResxLocalizer(string culture) : IStringLocalizer
    {
        private static string Root()
        {
            var dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "Qadam.slnx"))) dir = Path.GetDirectoryName(dir)!;
            return dir;
        }

        private readonly Dictionary<string, string> values = XDocument.Load(Path.Combine(Root(), "src/Qadam.Web/Resources", culture == "en" ? "SharedResource.resx" : $"SharedResource.{culture}.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

        public LocalizedString this[string name] => values.TryGetValue(name, out var v) ? new(name, v) : new(name, name, resourceNotFound: true);
        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.CurrentCulture, this[name].Value, arguments));
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => values.Select(kv => new LocalizedString(kv.Key, kv.Value));
    }

    private static IEnumerable<string> EngineMessages()
    {
        var rng = new Random(5);
        const int n = 400;
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 6 - 3).ToArray();
        var t = x.Select(v => rng.NextDouble() < 1 / (1 + Math.Exp(-3 * v))).ToArray();
        var y = x.Select((v, i) => v + (t[i] ? 1 : 0)).ToArray();
        var baseline = x.Select(v => v * 0.5).ToArray();
        var runs = new[]
        {
            new EvaluationRequest([new("x", x)], t, y, Method.Ipw),
            new EvaluationRequest([new("x", x)], t, y, Method.Ipw, TrimQuantile: 0.95),
            new EvaluationRequest([new("x", x)], t, y, Method.Ipw, Cluster: Enumerable.Range(0, n).Select(i => i % 20).ToArray()),
            new EvaluationRequest([new("x", x)], t, y, Method.NearestNeighbour),
            new EvaluationRequest([new("x", x)], t, y, Method.NearestNeighbourReplace),
            new EvaluationRequest([new("x", x)], t, y, Method.NearestNeighbourClassic, CaliperSd: 0.05, Bootstrap: 20),
            new EvaluationRequest([new("x", x)], t, y, Method.DifferenceInDifferences, Baseline: baseline),
            new EvaluationRequest([], t, y, Method.DifferenceInDifferences, Baseline: baseline),
        };
        foreach (var r in runs.Select(Qadam.Statistics.Evaluation.Run))
        {
            foreach (var w in r.Warnings) yield return w;
            yield return r.Interval;
            yield return r.VarianceMethod;
        }
        var assigned = Enumerable.Range(0, 40).Select(i => i % 2 == 0).ToArray();
        var outcome = Enumerable.Range(0, 40).Select(i => (double)(i % 3 == 0 ? 1 : 0)).ToArray();
        var received = assigned.Select((a, i) => a && i % 4 != 0).ToArray();
        yield return RandomisedDesign.Estimate(assigned, outcome, received, Enumerable.Range(0, 40).Select(i => i / 20).ToArray()).Method;
        yield return RandomisedDesign.Estimate(assigned[..8], outcome[..8]).Method;
        var lost = new Dictionary<string, int> { ["lost to follow-up (fullTimeAt6Months): drawn"] = 1, ["lost to follow-up (fullTimeAt6Months): not drawn"] = 9 };
        foreach (var w in EvaluationReport.AttritionWarnings(lost, 10, 10)) yield return w;
        var lostPlaced = new Dictionary<string, int> { ["lost to follow-up (fullTimeAt6Months): placed"] = 1, ["lost to follow-up (fullTimeAt6Months): not placed"] = 9 };
        foreach (var w in EvaluationReport.AttritionWarnings(lostPlaced, 10, 10, "placed", "not placed")) yield return w;
        foreach (var reason in lost.Keys.Concat(["no evaluation consent", "no date of birth", "no region", "lost to follow-up (fullTimeAt3Months): not placed", "missing educ"])) yield return reason;
    }

    [Fact]
    public void EveryEngineMessage_HasAPattern_AndATranslation()
    {
        var messages = EngineMessages().Distinct().ToList();
        Assert.Contains(messages, m => m.StartsWith("Extreme weights", StringComparison.Ordinal)); // the scenarios do make the engine warn
        Assert.Contains(messages, m => m.StartsWith("Imbalance remains", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("capped", StringComparison.Ordinal));
        Assert.Equal(2, messages.Count(m => m.StartsWith("Differential attrition", StringComparison.Ordinal)));
        var untranslated = messages.Where(m => EngineText.KeyOf(m) is null).ToList();
        Assert.True(untranslated.Count == 0, "no pattern for: " + string.Join(" | ", untranslated));
        foreach (var culture in new[] { "kk", "ru" })
        {
            var previous = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            try
            {
                var l = new ResxLocalizer(culture);
                foreach (var m in messages)
                {
                    var text = EngineText.Localise(m, l);
                    Assert.NotEqual(m, text);
                    Assert.Contains(text, c => c is >= 'а' and <= 'я' or 'ә' or 'ғ' or 'қ' or 'ң' or 'ө' or 'ұ' or 'ү' or 'і');
                    Assert.DoesNotContain("{", text);
                }
            }
            finally { CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = previous; }
        }
    }

    [Fact]
    public void CovariateNames_AreShownInTheUsersLanguage()
    {
        var l = new ResxLocalizer("ru");
        Assert.Equal("возраст", EngineText.Covariate("age", l));
        Assert.Equal("образование: Среднее", EngineText.Covariate("educationSecondary", l));
        Assert.Equal("регион: KZ-75", EngineText.Covariate("regionKZ-75", l));
        Assert.Equal("unknown", EngineText.Covariate("unknown", l));
    }
}
