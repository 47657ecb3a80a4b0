using System.Globalization;
using System.Net;
using System.Text;

namespace Qadam.Web.Features.Reports;

/// <summary>
/// Inline SVG charts of the reports: no scripts, a few kilobytes, readable in print. Each has a title and a text
/// alternative (role="img", aria-label); the page puts the table of the same numbers beside it.
/// </summary>
public static class ReportCharts
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static string E(string s) => WebUtility.HtmlEncode(s);
    public static string StatusColour(string status) => status switch { "onTrack" => "#1e7b34", "atRisk" => "#b06f00", "behind" => "#b3261e", _ => "#6b7580" };

    /// <summary>Target (outlined) and actual (filled) per period; a hidden actual is drawn as a dashed stub labelled "&lt;5".</summary>
    public static string Bars(IndicatorReportDto i, string title, string targetLabel, string actualLabel, string hiddenLabel, IFormatProvider culture)
    {
        const int width = 520, height = 190, left = 44, bottom = 150, top = 16;
        var values = i.Periods;
        if (values.Count == 0) return "";
        var max = Math.Max(1, values.Max(v => Math.Max((double)(v.Target ?? 0), v.Actual ?? 0)) * 1.1);
        if (i.Measure == "percentage") max = Math.Max(max, 100);
        var slot = (width - left - 10) / (double)values.Count;
        var bar = Math.Min(24, slot / 3);
        double Y(double v) => bottom - v / max * (bottom - top);
        var sb = new StringBuilder();
        sb.Append(C, $"<svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(title)}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\"><title>{E(title)}</title>");
        foreach (var tick in new[] { 0, max / 2, max })
        {
            sb.Append(C, $"<line x1=\"{left}\" y1=\"{Y(tick):0.#}\" x2=\"{width - 10}\" y2=\"{Y(tick):0.#}\" stroke=\"#e3e7eb\"/>");
            sb.Append(C, $"<text x=\"{left - 4}\" y=\"{Y(tick) + 4:0.#}\" font-size=\"10\" text-anchor=\"end\">{E(tick.ToString("#,0", culture))}</text>");
        }
        for (var k = 0; k < values.Count; k++)
        {
            var v = values[k];
            var x = left + k * slot + slot / 2;
            if (v.Target is { } t)
                sb.Append(C, $"<rect x=\"{x - bar - 1:0.#}\" y=\"{Y((double)t):0.#}\" width=\"{bar:0.#}\" height=\"{bottom - Y((double)t):0.#}\" fill=\"none\" stroke=\"#55606b\" stroke-width=\"1.5\"><title>{E(targetLabel)} {E(v.Label)}: {E(((double)t).ToString("#,0.#", culture))}</title></rect>");
            if (v.Hidden)
                sb.Append(C, $"<rect x=\"{x + 1:0.#}\" y=\"{bottom - 10}\" width=\"{bar:0.#}\" height=\"10\" fill=\"none\" stroke=\"#0b5cad\" stroke-dasharray=\"3 2\"><title>{E(actualLabel)} {E(v.Label)}: {E(hiddenLabel)}</title></rect>"
                    + $"<text x=\"{x + 1 + bar / 2:0.#}\" y=\"{bottom - 13}\" font-size=\"9\" text-anchor=\"middle\">{E(hiddenLabel)}</text>");
            else if (v.Actual is { } a)
                sb.Append(C, $"<rect x=\"{x + 1:0.#}\" y=\"{Y(a):0.#}\" width=\"{bar:0.#}\" height=\"{bottom - Y(a):0.#}\" fill=\"#0b5cad\"><title>{E(actualLabel)} {E(v.Label)}: {E(a.ToString("#,0.#", culture))}</title></rect>");
            sb.Append(C, $"<text x=\"{x:0.#}\" y=\"{bottom + 14}\" font-size=\"10\" text-anchor=\"middle\">{E(v.Label)}</text>");
        }
        sb.Append(C, $"<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{width - 10}\" y2=\"{bottom}\" stroke=\"#1b1f24\"/>");
        sb.Append(C, $"<rect x=\"{left}\" y=\"{height - 14}\" width=\"10\" height=\"10\" fill=\"none\" stroke=\"#55606b\"/><text x=\"{left + 14}\" y=\"{height - 5}\" font-size=\"10\">{E(targetLabel)}</text>");
        sb.Append(C, $"<rect x=\"{left + 120}\" y=\"{height - 14}\" width=\"10\" height=\"10\" fill=\"#0b5cad\"/><text x=\"{left + 134}\" y=\"{height - 5}\" font-size=\"10\">{E(actualLabel)}</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>A count's progress to date: cumulative actual (solid, stops where a period is hidden) against cumulative target (dashed).</summary>
    public static string Line(IndicatorReportDto i, string title, string targetLabel, string actualLabel, IFormatProvider culture)
    {
        const int width = 520, height = 170, left = 44, bottom = 130, top = 12;
        var values = i.Periods;
        if (values.Count < 2 || i.Measure == "percentage") return "";
        var targets = new List<double>();
        var actuals = new List<double?>();
        double t = 0, a = 0;
        var broken = false;
        foreach (var v in values)
        {
            t += (double)(v.Target ?? 0);
            targets.Add(t);
            if (v.Hidden || v.Actual is null) broken = true;
            if (!broken) a += v.Actual!.Value;
            actuals.Add(broken ? null : a);
        }
        var max = Math.Max(1, Math.Max(targets.Max(), actuals.Max() ?? 0) * 1.1);
        var step = (width - left - 20) / (double)(values.Count - 1);
        double X(int k) => left + k * step;
        double Y(double v) => bottom - v / max * (bottom - top);
        var sb = new StringBuilder();
        sb.Append(C, $"<svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(title)}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\"><title>{E(title)}</title>");
        foreach (var tick in new[] { 0, max / 2, max })
            sb.Append(C, $"<line x1=\"{left}\" y1=\"{Y(tick):0.#}\" x2=\"{width - 20}\" y2=\"{Y(tick):0.#}\" stroke=\"#e3e7eb\"/><text x=\"{left - 4}\" y=\"{Y(tick) + 4:0.#}\" font-size=\"10\" text-anchor=\"end\">{E(tick.ToString("#,0", culture))}</text>");
        sb.Append("<polyline fill=\"none\" stroke=\"#55606b\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\" points=\"")
            .Append(string.Join(' ', targets.Select((v, k) => string.Create(C, $"{X(k):0.#},{Y(v):0.#}")))).Append("\"/>");
        var shown = actuals.TakeWhile(v => v is not null).Select((v, k) => string.Create(C, $"{X(k):0.#},{Y(v!.Value):0.#}")).ToList();
        if (shown.Count > 0) sb.Append("<polyline fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"2.5\" points=\"").Append(string.Join(' ', shown)).Append("\"/>");
        for (var k = 0; k < values.Count; k++)
        {
            sb.Append(C, $"<text x=\"{X(k):0.#}\" y=\"{bottom + 14}\" font-size=\"10\" text-anchor=\"middle\">{E(values[k].Label)}</text>");
            if (actuals[k] is { } v) sb.Append(C, $"<circle cx=\"{X(k):0.#}\" cy=\"{Y(v):0.#}\" r=\"3\" fill=\"#0b5cad\"><title>{E(actualLabel)} {E(values[k].Label)}: {E(v.ToString("#,0", culture))}</title></circle>");
        }
        sb.Append(C, $"<line x1=\"{left}\" y1=\"{height - 9}\" x2=\"{left + 14}\" y2=\"{height - 9}\" stroke=\"#55606b\" stroke-dasharray=\"5 3\"/><text x=\"{left + 18}\" y=\"{height - 5}\" font-size=\"10\">{E(targetLabel)}</text>");
        sb.Append(C, $"<line x1=\"{left + 140}\" y1=\"{height - 9}\" x2=\"{left + 154}\" y2=\"{height - 9}\" stroke=\"#0b5cad\" stroke-width=\"2.5\"/><text x=\"{left + 158}\" y=\"{height - 5}\" font-size=\"10\">{E(actualLabel)}</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Each indicator's share of its target to date as a horizontal bar coloured by status (the dashboard's overview).</summary>
    public static string Progress(IReadOnlyList<(string Label, double? Share, string Status)> rows, string title)
    {
        const int width = 520, rowHeight = 22, left = 70;
        if (rows.Count == 0) return "";
        var height = rows.Count * rowHeight + 24;
        double X(double share) => left + Math.Min(share, 1.5) / 1.5 * (width - left - 40);
        var sb = new StringBuilder();
        sb.Append(C, $"<svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(title)}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\"><title>{E(title)}</title>");
        sb.Append(C, $"<line x1=\"{X(1):0.#}\" y1=\"2\" x2=\"{X(1):0.#}\" y2=\"{height - 18}\" stroke=\"#1b1f24\" stroke-dasharray=\"4 3\"/><text x=\"{X(1):0.#}\" y=\"{height - 4}\" font-size=\"10\" text-anchor=\"middle\">100%</text>");
        for (var k = 0; k < rows.Count; k++)
        {
            var (label, share, status) = rows[k];
            var y = k * rowHeight + 4;
            sb.Append(C, $"<text x=\"{left - 6}\" y=\"{y + 13}\" font-size=\"11\" text-anchor=\"end\">{E(label)}</text>");
            if (share is { } s)
                sb.Append(C, $"<rect x=\"{left}\" y=\"{y + 3}\" width=\"{X(s) - left:0.#}\" height=\"14\" fill=\"{StatusColour(status)}\"><title>{E(label)}: {s * 100:0}%</title></rect>")
                  .Append(C, $"<text x=\"{X(s) + 4:0.#}\" y=\"{y + 14}\" font-size=\"10\">{s * 100:0}%</text>");
            else sb.Append(C, $"<text x=\"{left + 4}\" y=\"{y + 14}\" font-size=\"10\" fill=\"#6b7580\">—</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}
