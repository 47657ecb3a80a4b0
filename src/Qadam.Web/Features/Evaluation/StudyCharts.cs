using System.Globalization;
using System.Net;
using System.Text;

namespace Qadam.Web.Features.Evaluation;

/// <summary>Small inline SVG charts: no scripts, a few kilobytes, readable on a tablet and in print.</summary>
public static class StudyCharts
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Love plot: |SMD| of each covariate before (hollow) and after (filled), with the 0.1 threshold.</summary>
    public static string LovePlot(IReadOnlyList<EvaluationReport.BalanceJson> rows, string before, string after, string title = "Love plot")
    {
        const int left = 140, width = 520, rowHeight = 22, top = 24;
        if (rows.Count == 0) return "";
        var max = Math.Max(0.5, rows.Max(r => Math.Max(Math.Abs(r.SmdBefore), Math.Abs(r.SmdAfter))) * 1.05);
        double X(double v) => left + Math.Abs(v) / max * (width - left - 20);
        var height = top + rows.Count * rowHeight + 30;
        var sb = new StringBuilder();
        sb.Append(C, $"<svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(title)}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(C, $"<line x1=\"{X(0.1):0.#}\" y1=\"{top - 8}\" x2=\"{X(0.1):0.#}\" y2=\"{height - 24}\" stroke=\"#c98a00\" stroke-dasharray=\"4 3\"/>");
        sb.Append(C, $"<text x=\"{X(0.1) + 3:0.#}\" y=\"{top - 10}\" font-size=\"11\" fill=\"#6b4d00\">0.1</text>");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = top + i * rowHeight + rowHeight / 2;
            var r = rows[i];
            sb.Append(C, $"<text x=\"{left - 8}\" y=\"{y + 4}\" font-size=\"12\" text-anchor=\"end\">{WebUtility.HtmlEncode(r.Name)}</text>");
            sb.Append(C, $"<line x1=\"{left}\" y1=\"{y}\" x2=\"{width - 20}\" y2=\"{y}\" stroke=\"#e3e7eb\"/>");
            sb.Append(C, $"<circle cx=\"{X(r.SmdBefore):0.#}\" cy=\"{y}\" r=\"5\" fill=\"none\" stroke=\"#55606b\" stroke-width=\"1.5\"><title>{before}: {r.SmdBefore:0.000}</title></circle>");
            sb.Append(C, $"<circle cx=\"{X(r.SmdAfter):0.#}\" cy=\"{y}\" r=\"5\" fill=\"#0b5cad\"><title>{after}: {r.SmdAfter:0.000}</title></circle>");
        }
        var axisY = height - 24;
        sb.Append(C, $"<line x1=\"{left}\" y1=\"{axisY}\" x2=\"{width - 20}\" y2=\"{axisY}\" stroke=\"#1b1f24\"/>");
        foreach (var tick in new[] { 0, max / 2, max })
            sb.Append(C, $"<text x=\"{X(tick):0.#}\" y=\"{axisY + 14}\" font-size=\"11\" text-anchor=\"middle\">{tick:0.##}</text>");
        sb.Append(C, $"<circle cx=\"{left + 6}\" cy=\"{height - 4}\" r=\"4\" fill=\"none\" stroke=\"#55606b\"/><text x=\"{left + 14}\" y=\"{height}\" font-size=\"11\">{WebUtility.HtmlEncode(before)}</text>");
        sb.Append(C, $"<circle cx=\"{left + 126}\" cy=\"{height - 4}\" r=\"4\" fill=\"#0b5cad\"/><text x=\"{left + 134}\" y=\"{height}\" font-size=\"11\">{WebUtility.HtmlEncode(after)}</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Overlap: propensity-score histograms, treated above the axis and comparison below (as shares of each group).</summary>
    public static string Overlap(double[] treated, double[] control, string treatedLabel, string controlLabel, string title = "Propensity score overlap")
    {
        const int bins = 25, width = 520, half = 90, top = 16;
        if (treated.Length == 0 || control.Length == 0) return "";
        double[] Hist(double[] v)
        {
            var h = new double[bins];
            foreach (var s in v) h[Math.Min(bins - 1, (int)(s * bins))]++;
            for (var i = 0; i < bins; i++) h[i] /= v.Length;
            return h;
        }
        var ht = Hist(treated);
        var hc = Hist(control);
        var max = Math.Max(ht.Max(), hc.Max());
        var barW = (width - 40) / (double)bins;
        var axis = top + half;
        var sb = new StringBuilder();
        sb.Append(C, $"<svg viewBox=\"0 0 {width} {2 * half + top + 30}\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(title)}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < bins; i++)
        {
            var x = 20 + i * barW;
            var t = ht[i] / max * half;
            var c = hc[i] / max * half;
            sb.Append(C, $"<rect x=\"{x:0.#}\" y=\"{axis - t:0.#}\" width=\"{barW - 1:0.#}\" height=\"{t:0.#}\" fill=\"#0b5cad\"/>");
            sb.Append(C, $"<rect x=\"{x:0.#}\" y=\"{axis:0.#}\" width=\"{barW - 1:0.#}\" height=\"{c:0.#}\" fill=\"#8a949e\"/>");
        }
        sb.Append(C, $"<line x1=\"20\" y1=\"{axis}\" x2=\"{width - 20}\" y2=\"{axis}\" stroke=\"#1b1f24\"/>");
        foreach (var tick in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
            sb.Append(C, $"<text x=\"{20 + tick * (width - 40):0.#}\" y=\"{2 * half + top + 14}\" font-size=\"11\" text-anchor=\"middle\">{tick:0.##}</text>");
        sb.Append(C, $"<text x=\"24\" y=\"{top + 10}\" font-size=\"12\" fill=\"#0b5cad\">{WebUtility.HtmlEncode(treatedLabel)}</text>");
        sb.Append(C, $"<text x=\"24\" y=\"{2 * half + top - 4}\" font-size=\"12\" fill=\"#55606b\">{WebUtility.HtmlEncode(controlLabel)}</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }
}
