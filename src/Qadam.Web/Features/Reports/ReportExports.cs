using System.Globalization;
using System.Text;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.Localization;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Pdf;

namespace Qadam.Web.Features.Reports;

/// <summary>The IATI codes Qadam writes (checked in tests against the official codelists in shared/data/iati).</summary>
public static class IatiCodes
{
    public static readonly IReadOnlySet<string> OrganisationTypes = new HashSet<string> { "10", "11", "15", "21", "22", "23", "24", "30", "40", "60", "70", "71", "72", "73", "80", "90" };
    /// <summary>DAC 5-digit sector 15220: civilian peace-building, conflict prevention and resolution (PVE programmes).</summary>
    public const string Sector = "15220";
    public const string Country = "KZ";

    /// <summary>The IATI OrganisationType of a Qadam organisation: UN office 40 (multilateral), NGO 22 (national NGO), centre and association 22, government 10.</summary>
    public static string TypeOf(OrganisationKind kind) => kind switch
    {
        OrganisationKind.UnOffice => "40",
        OrganisationKind.GovernmentBody => "10",
        _ => "22",
    };
}

/// <summary>
/// Exports of a project report (issue #12): CSV (UTF-8 with BOM, optional HXL hashtag row), XLSX (one sheet per table,
/// numbers as numbers), PDF (kk/ru/en) and the IATI 2.03 activity file. They take the report as built (always the
/// suppressed, published form): a hidden cell is written as "&lt;5" (CSV, XLSX, PDF) or left out (IATI, with a comment).
/// </summary>
public static class ReportExports
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static readonly string[] IndicatorColumns =
        ["project", "result_level", "result_code", "indicator_code", "indicator", "measure", "source", "baseline", "baseline_year", "period", "period_start", "period_end",
         "target", "actual", "numerator", "denominator", "frozen", "status_to_date", "method"];

    public static readonly string[] IndicatorHxl =
        ["#activity+code", "#indicator+level", "#indicator+result+code", "#indicator+code", "#indicator+name", "#indicator+type", "#meta+source", "#indicator+baseline+num",
         "#date+year+baseline", "#date+period", "#date+start", "#date+end", "#indicator+target+num", "#indicator+value+num", "#indicator+num+numerator",
         "#indicator+num+denominator", "#meta+frozen", "#status", "#meta+method"];

    public static readonly string[] DisaggregationColumns = ["project", "indicator_code", "indicator", "dimension", "category", "period", "period_start", "period_end", "value", "denominator"];

    public static readonly string[] DisaggregationHxl = ["#activity+code", "#indicator+code", "#indicator+name", "#meta+dimension", "#meta+category", "#date+period", "#date+start",
        "#date+end", "#indicator+value+num", "#indicator+num+denominator"];

    private static string Hidden(int threshold) => "<" + threshold.ToString(C);

    /// <summary>Rows of the indicator table: one per indicator × period, plus a "to date" row. Numbers as numbers (invariant), hidden as "&lt;5".</summary>
    public static List<object?[]> IndicatorRows(ProjectReportDto r)
    {
        var rows = new List<object?[]>();
        var hidden = Hidden(r.Threshold);
        foreach (var result in r.Results)
            foreach (var i in result.Indicators)
            {
                foreach (var v in i.Periods)
                {
                    var p = r.Periods.First(x => x.Id == v.PeriodId);
                    rows.Add([r.Project.IatiIdentifier, result.Level, result.Code, i.Code, i.Title, i.Measure, i.Source, i.Baseline, i.BaselineYear, p.Label, p.StartsOn, p.EndsOn,
                        v.Target, v.Hidden ? hidden : v.Actual, v.Hidden && i.Measure == "percentage" ? null : v.Numerator, v.Hidden && i.Measure == "percentage" ? null : v.Denominator,
                        v.Frozen ? "yes" : "no", null, v.Note ?? i.Method]);
                }
                rows.Add([r.Project.IatiIdentifier, result.Level, result.Code, i.Code, i.Title, i.Measure, i.Source, i.Baseline, i.BaselineYear, "to date", r.Project.StartsOn,
                    r.Periods.Where(p => i.Periods.Any(v => v.PeriodId == p.Id)).Select(p => p.EndsOn).LastOrDefault() ?? r.Project.EndsOn,
                    i.TargetToDate, i.ToDateHidden ? hidden : i.ToDate, null, null, null, i.Status, i.Method]);
            }
        return rows;
    }

    public static List<object?[]> DisaggregationRows(ProjectReportDto r)
    {
        var rows = new List<object?[]>();
        var hidden = Hidden(r.Threshold);
        object? Show(CellDto c) => c.Hidden ? hidden : c.Count;
        foreach (var i in r.Indicators)
            foreach (var d in i.Disaggregations)
                foreach (var c in d.Categories)
                {
                    var periods = i.Periods.Select(v => r.Periods.First(p => p.Id == v.PeriodId)).ToList();
                    for (var k = 0; k < c.Periods.Count && k < periods.Count; k++)
                        rows.Add([r.Project.IatiIdentifier, i.Code, i.Title, d.Dimension, c.Category, periods[k].Label, periods[k].StartsOn, periods[k].EndsOn, Show(c.Periods[k]),
                            c.Denominators is { } den ? Show(den[k]) : null]);
                    rows.Add([r.Project.IatiIdentifier, i.Code, i.Title, d.Dimension, c.Category, "to date", r.Project.StartsOn, periods.LastOrDefault()?.EndsOn, Show(c.Cumulative),
                        c.CumulativeDenominator is { } cd ? Show(cd) : null]);
                }
        return rows;
    }

    private static string Field(object? v) => v switch
    {
        null => "",
        double d => d.ToString("0.####", C),
        decimal m => m.ToString("0.####", C),
        long l => l.ToString(C),
        int n => n.ToString(C),
        _ => SpreadsheetCells.Neutralise(v.ToString()),
    };

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <summary>CSV, UTF-8 with a byte-order mark (Excel opens Cyrillic correctly); with <paramref name="hxl"/> a hashtag row under the header.</summary>
    public static byte[] Csv(ProjectReportDto r, string table, bool hxl)
    {
        var (columns, tags, rows) = table == "disaggregation" ? (DisaggregationColumns, DisaggregationHxl, DisaggregationRows(r)) : (IndicatorColumns, IndicatorHxl, IndicatorRows(r));
        var sb = new StringBuilder();
        sb.Append(string.Join(',', columns)).Append("\r\n");
        if (hxl) sb.Append(string.Join(',', tags)).Append("\r\n");
        foreach (var row in rows) sb.Append(string.Join(',', row.Select(v => Quote(Field(v))))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    /// <summary>XLSX: a sheet per table (indicators, disaggregation), numbers as numeric cells, hidden cells as the text "&lt;5".</summary>
    public static byte[] Xlsx(ProjectReportDto r)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var sheets = wb.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var (name, columns, rows) in new[] { ("Indicators", IndicatorColumns, IndicatorRows(r)), ("Disaggregation", DisaggregationColumns, DisaggregationRows(r)) })
            {
                var part = wb.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.AppendChild(new Row(columns.Select(Text)));
                foreach (var row in rows)
                    data.AppendChild(new Row(row.Select(v => v switch
                    {
                        double d => Number(d.ToString("R", C)),
                        decimal m => Number(m.ToString(C)),
                        long l => Number(l.ToString(C)),
                        int n => Number(n.ToString(C)),
                        null => new Cell(),
                        _ => Text(SpreadsheetCells.Neutralise(v.ToString())),
                    })));
                part.Worksheet = new Worksheet(data);
                sheets.AppendChild(new Sheet { Id = wb.GetIdOfPart(part), SheetId = id++, Name = name });
            }
            wb.Workbook.Save();
        }
        return stream.ToArray();

        static Cell Text(string s) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(s)) };
        static Cell Number(string s) => new() { DataType = CellValues.Number, CellValue = new CellValue(s) };
    }

    private static readonly XNamespace XmlNs = XNamespace.Xml;

    private static string Lang(string text) => text.Any(ch => ch is >= 'Ѐ' and <= 'ӿ') ? (text.Any(ch => "әғқңөұүһі".Contains(char.ToLowerInvariant(ch))) ? "kk" : "ru") : "en";

    private static XElement Narrative(string text, string defaultLang) =>
        Lang(text) is var lang && lang != defaultLang ? new XElement("narrative", new XAttribute(XmlNs + "lang", lang), text) : new XElement("narrative", text);

    /// <summary>
    /// The project as an IATI 2.03 activity file: identifier, reporting and participating organisations (funding donors,
    /// implementing organisations), status and dates, Kazakhstan and the DAC sector, the budget, and the logframe as
    /// results (goal = impact, outcomes, outputs) with indicators, baselines and periods (target and actual, and one
    /// actual per disaggregation as a dimension). Hidden values are left out with a comment saying why.
    /// </summary>
    public static XDocument Iati(ProjectReportDto r, Project project, string reportingOrgName, OrganisationKind reportingKind, IReadOnlyList<(string Name, OrganisationKind Kind)> implementers,
        DateTimeOffset generatedAt)
    {
        const string lang = "en";
        var today = DateOnly.FromDateTime(generatedAt.UtcDateTime);
        var status = today < project.StartsOn ? "1" : today <= project.EndsOn ? "2" : "3";
        var stamp = generatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", C);
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", C);
        var activity = new XElement("iati-activity",
            new XAttribute("last-updated-datetime", stamp), new XAttribute(XmlNs + "lang", lang), new XAttribute("default-currency", project.Currency),
            new XElement("iati-identifier", project.IatiIdentifier),
            new XElement("reporting-org", new XAttribute("ref", project.ReportingOrgRef ?? project.IatiIdentifier.Split('-')[0]), new XAttribute("type", IatiCodes.TypeOf(reportingKind)),
                Narrative(reportingOrgName, lang)),
            new XElement("title", Narrative(project.Title, lang)),
            new XElement("description", new XAttribute("type", "1"), Narrative(string.IsNullOrWhiteSpace(project.Description) ? project.Title : project.Description, lang)));
        foreach (var d in r.Project.Donors)
            activity.Add(new XElement("participating-org", new XAttribute("role", "1"), d.IatiRef is { Length: > 0 } reference ? new XAttribute("ref", reference) : null,
                new XAttribute("type", d.Type), Narrative(d.Name, lang)));
        foreach (var (name, kind) in implementers)
            activity.Add(new XElement("participating-org", new XAttribute("role", "4"), new XAttribute("type", IatiCodes.TypeOf(kind)), Narrative(name, lang)));
        activity.Add(new XElement("activity-status", new XAttribute("code", status)));
        activity.Add(new XElement("activity-date", new XAttribute("iso-date", D(project.StartsOn)), new XAttribute("type", "1")));
        if (today >= project.StartsOn) activity.Add(new XElement("activity-date", new XAttribute("iso-date", D(project.StartsOn)), new XAttribute("type", "2")));
        activity.Add(new XElement("activity-date", new XAttribute("iso-date", D(project.EndsOn)), new XAttribute("type", "3")));
        activity.Add(new XElement("recipient-country", new XAttribute("code", IatiCodes.Country), new XAttribute("percentage", "100")));
        activity.Add(new XElement("sector", new XAttribute("vocabulary", "1"), new XAttribute("code", IatiCodes.Sector), new XAttribute("percentage", "100")));
        if (project.Budget is { } budget)
            activity.Add(new XElement("budget", new XAttribute("type", "1"), new XAttribute("status", "2"),
                new XElement("period-start", new XAttribute("iso-date", D(project.StartsOn))), new XElement("period-end", new XAttribute("iso-date", D(project.EndsOn))),
                new XElement("value", new XAttribute("currency", project.Currency), new XAttribute("value-date", D(project.StartsOn)), budget.ToString("0.00", C))));
        var hiddenNote = $"Not shown: a count below {r.Threshold}, or a figure that would let one be recomputed (statistical disclosure control).";
        foreach (var result in r.Results)
        {
            var type = result.Level switch { "output" => "1", "outcome" => "2", _ => "3" };
            var x = new XElement("result", new XAttribute("type", type), new XAttribute("aggregation-status", "0"),
                new XElement("title", Narrative(result.Code + " " + result.Title, lang)));
            foreach (var i in result.Indicators)
            {
                var percentage = i.Measure == "percentage";
                var ind = new XElement("indicator", new XAttribute("measure", percentage ? "2" : "1"), new XAttribute("ascending", "1"), new XAttribute("aggregation-status", "0"),
                    new XElement("title", Narrative(i.Code + " " + i.Title, lang)),
                    new XElement("description", Narrative(i.Method, lang)));
                if (i.Baseline is { } b)
                    ind.Add(new XElement("baseline", new XAttribute("year", (i.BaselineYear ?? project.StartsOn.Year).ToString(C)), new XAttribute("value", b.ToString("0.####", C)),
                        i.BaselineNote is { Length: > 0 } note ? new XElement("comment", Narrative(note, lang)) : null));
                foreach (var v in i.Periods)
                {
                    var p = r.Periods.First(q => q.Id == v.PeriodId);
                    var period = new XElement("period", new XElement("period-start", new XAttribute("iso-date", p.StartsOn)), new XElement("period-end", new XAttribute("iso-date", p.EndsOn)));
                    if (v.Target is { } t) period.Add(new XElement("target", new XAttribute("value", t.ToString("0.####", C))));
                    if (v.Hidden) period.Add(new XElement("actual", new XElement("comment", Narrative(hiddenNote, lang))));
                    else if (v.Actual is { } a)
                    {
                        period.Add(new XElement("actual", new XAttribute("value", a.ToString("0.####", C)),
                            v.Note is { Length: > 0 } n ? new XElement("comment", Narrative(n, lang)) : null));
                        var k = i.Periods.ToList().IndexOf(v);
                        foreach (var d in i.Disaggregations)
                            foreach (var c in d.Categories)
                            {
                                var cell = c.Periods[k];
                                var den = c.Denominators?[k];
                                double? value = percentage
                                    ? cell.Count is { } y && den?.Count is { } all && all > 0 ? Math.Round(100.0 * y / all, 1) : null
                                    : cell.Count;
                                if (cell.Hidden || den?.Hidden == true || value is null) continue;
                                period.Add(new XElement("actual", new XAttribute("value", value.Value.ToString("0.####", C)),
                                    new XElement("dimension", new XAttribute("name", d.Dimension), new XAttribute("value", c.Category))));
                            }
                    }
                    ind.Add(period);
                }
                x.Add(ind);
            }
            activity.Add(x);
        }
        return new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("iati-activities", new XAttribute("version", "2.03"), new XAttribute("generated-datetime", stamp), activity));
    }

    public static byte[] IatiBytes(XDocument doc)
    {
        using var stream = new MemoryStream();
        using (var writer = System.Xml.XmlWriter.Create(stream, new System.Xml.XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            doc.Save(writer);
        return stream.ToArray();
    }

    /// <summary>The project report as a PDF in the user's language: the project, each indicator's periods (target, actual, status) and its disaggregations.</summary>
    public static byte[] Pdf(ProjectReportDto r, TrueTypeFont font, IStringLocalizer l, string culture, IReadOnlyDictionary<string, string>? regionNames = null)
    {
        var pdf = new PdfWriter(font);
        var ci = new CultureInfo(culture);
        const double left = PdfWriter.Margin, width = PdfWriter.Width - 2 * PdfWriter.Margin;
        var y = 60.0;
        void Need(double h) { if (y + h > PdfWriter.Height - 50) { pdf.NewPage(); y = 60; } }
        pdf.Text(left, y, 16, r.Project.Title);
        y += 20;
        y = pdf.Paragraph(left, y, width, 9, $"{r.Project.IatiIdentifier} · {r.Project.Organisation} · {string.Join(", ", r.Project.Donors.Select(d => d.Name))} · {Day(r.Project.StartsOn, ci)} – {Day(r.Project.EndsOn, ci)}", 0.35) + 2;
        var through = r.ThroughPeriod is { } tp ? r.Periods.First(p => p.Id == tp) : null;
        y = pdf.Paragraph(left, y, width, 10, through is null ? string.Format(ci, l["Reports.AsOf"].Value, Day(r.AsOf, ci))
            : string.Format(ci, l["Reports.Through"].Value, through.Label) + (through.Hash is { } h ? $" · {l["Reports.Frozen"]} v{through.Version} · SHA-256 {h[..16]}…" : ""), 0.2) + 4;
        y = pdf.Paragraph(left, y, width, 8, r.Suppressed ? string.Format(ci, l["Reports.SuppressedNote"].Value, r.Threshold, r.Threshold - 1) : l["Reports.ExactNote"].Value, 0.35) + 8;
        string Show(double? v, bool hidden, string measure) => hidden ? "<" + r.Threshold.ToString(ci) : v is { } x ? x.ToString(measure == "percentage" ? "0.#" : "#,0.##", ci) + (measure == "percentage" ? "%" : "") : "—";
        foreach (var result in r.Results)
        {
            Need(40);
            pdf.Text(left, y, 12, $"{l["Reports.Level." + result.Level]} {result.Code}. {result.Title}");
            y += 16;
            foreach (var i in result.Indicators)
            {
                Need(60 + 12 * i.Periods.Count);
                y = pdf.Paragraph(left, y, width, 10, $"{i.Code} {i.Title}") + 1;
                y = pdf.Paragraph(left, y, width, 7.5, MethodText(l, i), 0.4) + 3;
                pdf.Text(left, y, 8, l["Reports.Period"], 0.3); pdf.Text(left + 150, y, 8, l["Reports.Target"], 0.3);
                pdf.Text(left + 230, y, 8, l["Reports.Actual"], 0.3); pdf.Text(left + 310, y, 8, l["Reports.Frozen"], 0.3);
                y += 11;
                foreach (var v in i.Periods)
                {
                    pdf.Text(left, y, 8.5, v.Label);
                    pdf.Text(left + 150, y, 8.5, v.Target is { } t ? t.ToString("#,0.##", ci) : "—");
                    pdf.Text(left + 230, y, 8.5, Show(v.Actual, v.Hidden, i.Measure));
                    pdf.Text(left + 310, y, 8.5, v.Frozen ? "✓" : "");
                    y += 11;
                }
                pdf.Text(left, y, 8.5, l["Reports.ToDate"]);
                pdf.Text(left + 150, y, 8.5, i.TargetToDate is { } tt ? tt.ToString("#,0.#", ci) : "—");
                pdf.Text(left + 230, y, 8.5, Show(i.ToDate, i.ToDateHidden, i.Measure));
                pdf.Text(left + 310, y, 8.5, l["Reports.Status." + i.Status]);
                y += 13;
                foreach (var d in i.Disaggregations)
                {
                    Need(14);
                    var parts = d.Categories.Select(c => $"{(d.Dimension == "region" && regionNames?.GetValueOrDefault(c.Category) is { } rn ? rn : Category(l, d.Dimension, c.Category))} {(c.Cumulative.Hidden ? "<" + r.Threshold.ToString(ci) : c.Cumulative.Count?.ToString("#,0", ci))}");
                    y = pdf.Paragraph(left + 10, y, width - 10, 8, $"{l["Reports.Dimension." + d.Dimension]}: {string.Join(" · ", parts)}", 0.3) + 1;
                }
                y += 6;
            }
        }
        return pdf.Save(r.Project.Title);
    }

    private static string Day(string iso, CultureInfo ci) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("d", ci) : iso;

    /// <summary>What an indicator counts, in the user's language: the library definition's text, or "entered by hand" with its source.</summary>
    public static string MethodText(IStringLocalizer l, IndicatorReportDto i) =>
        i.Definition is { } d && l["Reports.DefinitionText." + d] is { ResourceNotFound: false } text ? text.Value
            : i.Source == "manual" ? string.Format(CultureInfo.CurrentCulture, l["Reports.ManualMethod"].Value, i.Method.StartsWith("Entered by hand. Source: ", StringComparison.Ordinal) ? i.Method["Entered by hand. Source: ".Length..] : "—")
            : i.Method;

    public static string Category(IStringLocalizer l, string dimension, string category) =>
        dimension == "region" ? (category == IndicatorLibrary.Unknown ? l["Reports.Category.unknown"].Value : category)
            : l[$"Reports.Category.{category}"] is { ResourceNotFound: false } s ? s.Value : category;
}
