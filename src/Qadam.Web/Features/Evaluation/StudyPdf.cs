using System.Globalization;
using Microsoft.Extensions.Localization;
using Qadam.Domain;
using Qadam.Web.Platform.Pdf;

namespace Qadam.Web.Features.Evaluation;

/// <summary>The study result as a PDF: plan and pre-registration, estimate, plain-language summary, flow, balance and love plot.</summary>
public static class StudyPdf
{
    public static byte[] Render(EvaluationStudy study, StudyResult result, TrueTypeFont font, IStringLocalizer l, string culture)
    {
        var pdf = new PdfWriter(font);
        var r = result.Report;
        var ci = new CultureInfo(culture);
        const double left = PdfWriter.Margin, width = PdfWriter.Width - 2 * PdfWriter.Margin;
        var y = 60.0;
        pdf.Text(left, y, 18, study.Title);
        y += 22;
        y = pdf.Paragraph(left, y, width, 10, study.Plan.Question, 0.3);
        y = pdf.Paragraph(left, y + 4, width, 8, $"{l["Study.Method"]}: {l["Study.Method." + study.Plan.Method]} · {l["Study.Outcome"]}: {(l["Study.Outcome." + study.Plan.Outcome] is { ResourceNotFound: false } o ? o.Value : study.Plan.Outcome)} · " +
            $"{string.Format(ci, l["Study.LockedAt"].Value, study.LockedAt?.ToString("g", ci) ?? "—")} {result.PlanHash[..16]}…", 0.35);
        y += 10;
        pdf.Text(left, y, 16, $"{r.Estimate.ToString("N2", ci)} — {l["Study.Estimand." + r.Estimand]}");
        y += 16;
        y = pdf.Paragraph(left, y, width, 10, $"{l["Study.Ci95"]}: [{r.CiLow.ToString("N2", ci)}; {r.CiHigh.ToString("N2", ci)}] · {l["Study.Se"]}: {r.Se.ToString("N2", ci)}"
            + (r.Randomised is { } rz ? $" · {l["Study.RandomisationP"]}: {rz.RandomisationP.ToString("0.###", ci)}" : ""), 0.3) + 2;
        y = pdf.Paragraph(left, y, width, 8, $"{EngineText.Localise(r.Interval, l)} · {EngineText.Localise(r.VarianceMethod, l)}", 0.35) + 6;
        foreach (var line in StudySummary.Compose(result, study.Plan.Outcome, l, culture)) y = pdf.Paragraph(left, y, width, 10, line) + 3;
        foreach (var w in r.Warnings) y = pdf.Paragraph(left, y, width, 9, "⚠ " + EngineText.Localise(w, l), 0.25) + 2;
        foreach (var d in study.Deviations) y = pdf.Paragraph(left, y, width, 9, $"{l["Study.Deviations"]}: {d.Field} {d.From} → {d.To} ({d.Reason})", 0.25) + 2;

        y += 8;
        pdf.Text(left, y, 12, l["Study.Flow"]);
        y += 16;
        void Row(string label, string value) { pdf.Text(left, y, 9, label); pdf.Text(left + 330, y, 9, value); y += 13; }
        Row(l["Study.Flow.Found"], result.UnitsFound.ToString(ci));
        foreach (var (reason, count) in result.Dropped) Row($"{l["Study.Flow.Dropped"]} ({EngineText.Localise(reason, l)})", "−" + count.ToString(ci));
        Row(l["Study.Flow.Treated"], r.TreatedInput.ToString(ci));
        Row(l["Study.Flow.Controls"], r.ControlsInput.ToString(ci));
        if (r.TreatedUnmatched > 0) Row(l["Study.Flow.Unmatched"], "−" + r.TreatedUnmatched.ToString(ci));
        Row(l["Study.Flow.Analysed"], $"{r.Treated} / {r.Controls}");
        if (r.Randomised is null) Row(string.Format(ci, l["Study.EValue"].Value, r.EValue.ToString("N2", ci), r.EValueCi.ToString("N2", ci)), "");

        // Love plot: |SMD| before (hollow) and after (filled), threshold 0.1.
        y += 10;
        if (y > PdfWriter.Height - 60 - 18 * r.Balance.Count) { pdf.NewPage(); y = 60; }
        pdf.Text(left, y, 12, l["Study.Balance"]);
        y += 14;
        double plotLeft = left + 120, plotWidth = width - 200;
        var max = Math.Max(0.5, r.Balance.Select(b => Math.Max(Math.Abs(b.SmdBefore), Math.Abs(b.SmdAfter))).DefaultIfEmpty(0).Max() * 1.05);
        double X(double v) => plotLeft + Math.Abs(v) / max * plotWidth;
        var top = y;
        foreach (var b in r.Balance)
        {
            y += 14;
            pdf.Text(left, y + 3, 8, EngineText.Covariate(b.Name, l));
            pdf.Line(plotLeft, y, plotLeft + plotWidth, y, 0.3, 0.85);
            pdf.Circle(X(b.SmdBefore), y, 3, filled: false, 0.35);
            pdf.Circle(X(b.SmdAfter), y, 3, filled: true, 0.05);
            pdf.Text(plotLeft + plotWidth + 10, y + 3, 8, $"{b.SmdBefore.ToString("0.000", ci)} → {b.SmdAfter.ToString("0.000", ci)}");
        }
        pdf.Line(X(0.1), top + 4, X(0.1), y + 8, 0.6, 0.55);
        pdf.Text(X(0.1) + 2, top + 4, 7, "0.1", 0.4);
        pdf.Line(plotLeft, y + 10, plotLeft + plotWidth, y + 10, 0.5);
        pdf.Text(plotLeft, y + 20, 7, "0");
        pdf.Text(plotLeft + plotWidth - 10, y + 20, 7, max.ToString("0.##", ci));
        y += 34;
        pdf.Circle(plotLeft + 4, y - 3, 3, false, 0.35);
        pdf.Text(plotLeft + 12, y, 8, l["Study.Before"]);
        pdf.Circle(plotLeft + 74, y - 3, 3, true, 0.05);
        pdf.Text(plotLeft + 82, y, 8, l["Study.After"]);
        pdf.Text(left, PdfWriter.Height - 30, 7, $"Qadam · {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC", 0.5);
        return pdf.Save(study.Title);
    }
}
