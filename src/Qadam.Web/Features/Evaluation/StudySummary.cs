using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Qadam.Web.Features.Evaluation;

/// <summary>What the estimate does and does not show, in plain words, in any of the UI languages.</summary>
public static class StudySummary
{
    public static IReadOnlyList<string> Compose(StudyResult result, string outcome, IStringLocalizer l, string culture)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var ci = new CultureInfo(culture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = ci;
        try
        {
            var r = result.Report;
            string N(double v) => v.ToString("#,0.##", ci);
            var outcomeText = l["Study.Outcome." + outcome] is { ResourceNotFound: false } o ? o.Value : outcome;
            if (r.Randomised is { } rz)
            {
                var randomised = new List<string>
                {
                    string.Format(ci, l["Study.Summary.Itt"].Value, r.TreatedInput, r.ControlsInput, outcomeText, N(r.Estimate), N(r.CiLow), N(r.CiHigh), rz.RandomisationP.ToString("0.###", ci)),
                    r.CiLow <= 0 && r.CiHigh >= 0 ? l["Study.Summary.IncludesZero"].Value : l["Study.Summary.ExcludesZero"].Value,
                };
                if (rz.ComplierEffect is { } late)
                    randomised.Add(string.Format(ci, l["Study.Summary.Complier"].Value, N(late), N(rz.ComplierCiLow ?? double.NaN), N(rz.ComplierCiHigh ?? double.NaN)));
                var lost = result.Dropped.Values.Sum();
                if (lost > 0) randomised.Add(string.Format(ci, l["Study.Summary.Dropped"].Value, lost));
                randomised.Add(l["Study.RandomisedNote"].Value);
                return randomised;
            }
            var lines = new List<string>
            {
                string.Format(ci, l["Study.Summary.Effect"].Value, r.Treated, r.Controls, outcome, N(r.Estimate), N(r.CiLow), N(r.CiHigh)),
                r.CiLow <= 0 && r.CiHigh >= 0 ? l["Study.Summary.IncludesZero"].Value : l["Study.Summary.ExcludesZero"].Value,
            };
            var imbalanced = r.Balance.Count(b => b.Name != "distance" && Math.Abs(b.SmdAfter) > 0.1);
            lines.Add(imbalanced == 0 ? l["Study.Summary.Balanced"].Value : string.Format(ci, l["Study.Summary.Imbalanced"].Value, imbalanced));
            var dropped = result.Dropped.Values.Sum() + r.TreatedUnmatched;
            if (dropped > 0) lines.Add(string.Format(ci, l["Study.Summary.Dropped"].Value, dropped));
            lines.Add(string.Format(ci, l["Study.Summary.NotProof"].Value, N(r.EValue)));
            return lines;
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
