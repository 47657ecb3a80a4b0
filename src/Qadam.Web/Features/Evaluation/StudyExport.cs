using System.Globalization;
using System.Text;

namespace Qadam.Web.Features.Evaluation;

/// <summary>CSV export of a study's result: one block for the estimate, one for balance, one for deviations.</summary>
public static class StudyExport
{
    public static string Csv(Qadam.Domain.EvaluationStudy study, StudyResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var r = result.Report;
        var sb = new StringBuilder();
        // Quoted, and neutralised against formula injection: titles, questions, reasons and names are the user's text.
        static string Q(string? s) => "\"" + Platform.SpreadsheetCells.Neutralise(s).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        sb.AppendLine("section,name,value");
        void Row(string section, string name, string value) => sb.AppendLine($"{section},{Q(name)},{Q(value)}");
        Row("study", "title", study.Title);
        Row("study", "question", study.Plan.Question);
        Row("study", "planHash", result.PlanHash);
        Row("study", "lockedAt", study.LockedAt?.ToString("O", c) ?? "");
        Row("estimate", "method", r.Method);
        Row("estimate", "estimand", r.Estimand);
        Row("estimate", "estimate", r.Estimate.ToString("R", c));
        Row("estimate", "se", r.Se.ToString("R", c));
        Row("estimate", "ciLow", r.CiLow.ToString("R", c));
        Row("estimate", "ciHigh", r.CiHigh.ToString("R", c));
        Row("estimate", "interval", r.Interval);
        Row("estimate", "treated", r.Treated.ToString(c));
        Row("estimate", "controls", r.Controls.ToString(c));
        Row("estimate", "eValue", r.EValue.ToString("R", c));
        if (r.Randomised is { } rz)
        {
            Row("estimate", "randomisationP", rz.RandomisationP.ToString("R", c));
            Row("estimate", "randomisationDraws", rz.Draws.ToString(c));
            if (rz.TakeUpDifference is { } d) Row("estimate", "takeUpDifference", d.ToString("R", c));
            if (rz.ComplierEffect is { } late) Row("estimate", "complierEffect", late.ToString("R", c));
            if (rz.ComplierSe is { } lse) Row("estimate", "complierSe", lse.ToString("R", c));
        }
        foreach (var (reason, count) in result.Dropped) Row("flow", reason, count.ToString(c));
        Row("flow", "treated without match", r.TreatedUnmatched.ToString(c));
        foreach (var w in r.Warnings) Row("warning", "", w);
        foreach (var d in study.Deviations) Row("deviation", d.Field, $"{d.At:O}: {d.From} → {d.To} ({d.Reason})");
        sb.AppendLine();
        sb.AppendLine("covariate,smdBefore,smdAfter,varianceRatioBefore,varianceRatio,meanTreated,meanControlBefore,meanControlAfter");
        foreach (var b in r.Balance)
            sb.AppendLine(string.Join(',', Q(b.Name), b.SmdBefore.ToString("R", c), b.SmdAfter.ToString("R", c),
                b.VarianceRatioBefore?.ToString("R", c) ?? "", b.VarianceRatio?.ToString("R", c) ?? "",
                b.MeanTreated.ToString("R", c), b.MeanControlBefore.ToString("R", c), b.MeanControlAfter.ToString("R", c)));
        return sb.ToString();
    }
}
