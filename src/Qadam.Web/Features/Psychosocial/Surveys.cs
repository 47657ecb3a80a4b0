using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Features.People;
using Qadam.Web.Features.Scheme;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Psychosocial;

public sealed record SurveyChoice(string ListName, string Name, IReadOnlyDictionary<string, string> Labels);

/// <param name="Type">select_one, select_multiple, integer, decimal, text, date or note.</param>
public sealed record SurveyQuestion(string Type, string Name, IReadOnlyDictionary<string, string> Labels, bool Required, string? ListName);

/// <summary>A programme's questionnaire as XLSForm describes it: the survey sheet's questions and the choices sheet's lists.</summary>
public sealed record SurveyForm(string Id, string Title, string Version, IReadOnlyList<SurveyQuestion> Questions, IReadOnlyList<SurveyChoice> Choices)
{
    public string Label(IReadOnlyDictionary<string, string> labels, string language) =>
        labels.TryGetValue(language, out var l) ? l : labels.TryGetValue("en", out var en) ? en : labels.Values.FirstOrDefault() ?? "";
}

public sealed record SurveyDto(Guid Id, string Code, string Title, int Version, int Questions, int Responses, IReadOnlyList<int> Versions);

public sealed record SurveyResponseInput(Guid? PersonId, string? AnsweredOn, IReadOnlyDictionary<string, string?>? Answers);

/// <summary>
/// XLSForm (https://xlsform.org) reading and writing, for the subset a programme questionnaire needs: the survey sheet
/// (type, name, label per language as <c>label::English (en)</c>, required), the choices sheet (list_name, name, labels) and
/// the settings sheet (form_title, form_id, version). Every row that cannot be read is reported, by sheet, row and column.
/// </summary>
public static partial class XlsForm
{
    public static readonly IReadOnlyList<string> Types = ["select_one", "select_multiple", "integer", "decimal", "text", "date", "note"];
    private static readonly (string Code, string Name)[] LanguageNames = [("kk", "Kazakh"), ("ru", "Russian"), ("en", "English")];

    [GeneratedRegex(@"^label(::(?<lang>.+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex LabelColumn();

    [GeneratedRegex(@"\((?<code>[a-z]{2,3})\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LanguageCode();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex Name();

    /// <summary>"English (en)" → en; "ru" → ru; "Kazakh" → kk; plain "label" → en.</summary>
    private static string? Language(string? given)
    {
        if (string.IsNullOrWhiteSpace(given)) return "en";
        if (LanguageCode().Match(given) is { Success: true } m) return m.Groups["code"].Value.ToLowerInvariant();
        var t = given.Trim();
        return LanguageNames.FirstOrDefault(n => string.Equals(n.Code, t, StringComparison.OrdinalIgnoreCase) || string.Equals(n.Name, t, StringComparison.OrdinalIgnoreCase)).Code;
    }

    public static SurveyForm Read(byte[] content, FieldErrors errors)
    {
        var sheets = TableReader.ReadSheets(content, ["survey", "choices", "settings"]);
        if (!sheets.TryGetValue("survey", out var survey)) { errors.Add("survey", "Validation.XlsFormSurveySheet"); return new("", "", "", [], []); }
        var choices = sheets.GetValueOrDefault("choices");
        var settings = sheets.GetValueOrDefault("settings");

        Dictionary<string, string> Labels(string[] headers, string[] row, string sheet, int r)
        {
            var labels = new Dictionary<string, string>();
            for (var c = 0; c < headers.Length; c++)
                if (LabelColumn().Match(headers[c]) is { Success: true } m && c < row.Length && row[c].Trim() is { Length: > 0 } text)
                {
                    if (Language(m.Groups["lang"].Value) is { } lang) labels[lang] = text;
                    else errors.Add($"{sheet}.{headers[c]}", "Validation.XlsFormLanguage");
                }
            return labels;
        }
        int Col(string[] headers, string name) => Array.FindIndex(headers, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        string Cell(string[] row, int c) => c >= 0 && c < row.Length ? row[c].Trim() : "";

        var lists = new List<SurveyChoice>();
        if (choices.Headers is { } ch)
        {
            int list = Col(ch, "list_name") is var a and >= 0 ? a : Col(ch, "list name"), name = Col(ch, "name");
            if (list < 0) errors.Add("choices.list_name", "Validation.XlsFormColumn");
            if (name < 0) errors.Add("choices.name", "Validation.XlsFormColumn");
            for (var r = 0; r < choices.Rows.Count && list >= 0 && name >= 0; r++)
            {
                var row = choices.Rows[r];
                if (row.All(string.IsNullOrWhiteSpace)) continue;
                var field = $"choices[{r + 2}]";
                var (l, n) = (Cell(row, list), Cell(row, name));
                if (!Name().IsMatch(l)) errors.Add($"{field}.list_name", "Validation.XlsFormName");
                if (n.Length == 0 || n.Length > 64) errors.Add($"{field}.name", "Validation.XlsFormName");
                var labels = Labels(ch, row, "choices", r);
                if (labels.Count == 0) errors.Add($"{field}.label", "Validation.Required");
                if (lists.Any(x => x.ListName == l && x.Name == n)) errors.Add($"{field}.name", "Validation.XlsFormDuplicate");
                lists.Add(new SurveyChoice(l, n, labels));
            }
        }
        var questions = new List<SurveyQuestion>();
        var sh = survey.Headers;
        int type = Col(sh, "type"), qname = Col(sh, "name"), required = Col(sh, "required");
        if (type < 0) errors.Add("survey.type", "Validation.XlsFormColumn");
        if (qname < 0) errors.Add("survey.name", "Validation.XlsFormColumn");
        for (var r = 0; r < survey.Rows.Count && type >= 0 && qname >= 0; r++)
        {
            var row = survey.Rows[r];
            if (row.All(string.IsNullOrWhiteSpace)) continue;
            var field = $"survey[{r + 2}]";
            var parts = Cell(row, type).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var kind = parts.FirstOrDefault() ?? "";
            string? listName = null;
            if (!Types.Contains(kind)) { errors.Add($"{field}.type", "Validation.XlsFormType"); continue; }
            if (kind is "select_one" or "select_multiple")
            {
                listName = parts.Length == 2 ? parts[1] : null;
                if (listName is null || lists.All(c => c.ListName != listName)) errors.Add($"{field}.type", "Validation.XlsFormList");
            }
            else if (parts.Length != 1) errors.Add($"{field}.type", "Validation.XlsFormType");
            var n = Cell(row, qname);
            if (!Name().IsMatch(n)) errors.Add($"{field}.name", "Validation.XlsFormName");
            else if (questions.Any(q => q.Name == n)) errors.Add($"{field}.name", "Validation.XlsFormDuplicate");
            var labels = Labels(sh, row, "survey", r);
            if (labels.Count == 0) errors.Add($"{field}.label", "Validation.Required");
            var req = Cell(row, required).ToLowerInvariant();
            if (req is not ("" or "yes" or "no" or "true" or "false" or "true()" or "false()")) errors.Add($"{field}.required", "Validation.XlsFormRequired");
            questions.Add(new SurveyQuestion(kind, n, labels, req is "yes" or "true" or "true()", listName));
        }
        if (questions.Count == 0 && !errors.Any) errors.Add("survey", "Validation.XlsFormEmpty");
        string Setting(string key) => settings.Headers is { } h && Col(h, key) is var c and >= 0 && settings.Rows.Count > 0 ? Cell(settings.Rows[0], c) : "";
        var id = Setting("form_id");
        var title = Setting("form_title");
        if (!Name().IsMatch(id)) errors.Add("settings.form_id", string.IsNullOrEmpty(id) ? "Validation.Required" : "Validation.XlsFormName");
        if (title.Length == 0) errors.Add("settings.form_title", "Validation.Required");
        else if (title.Length > 300) errors.Add("settings.form_title", "Validation.TooLong");
        return new SurveyForm(id, title, Setting("version"), questions, lists);
    }

    /// <summary>The form as an XLSForm workbook: survey, choices and settings sheets, labels in kk, ru and en.</summary>
    public static byte[] Write(SurveyForm form, int version)
    {
        var languages = LanguageNames.Where(l => form.Questions.Any(q => q.Labels.ContainsKey(l.Code)) || form.Choices.Any(c => c.Labels.ContainsKey(l.Code))).ToList();
        var labelHeaders = languages.Select(l => $"label::{l.Name} ({l.Code})").ToList();
        List<string[]> survey = [["type", "name", .. labelHeaders, "required"]];
        survey.AddRange(form.Questions.Select(q => (string[])[q.ListName is null ? q.Type : $"{q.Type} {q.ListName}", q.Name,
            .. languages.Select(l => q.Labels.GetValueOrDefault(l.Code, "")), q.Required ? "yes" : ""]));
        List<string[]> choices = [["list_name", "name", .. labelHeaders]];
        choices.AddRange(form.Choices.Select(c => (string[])[c.ListName, c.Name, .. languages.Select(l => c.Labels.GetValueOrDefault(l.Code, ""))]));
        List<string[]> settings = [["form_title", "form_id", "version", "default_language"], [form.Title, form.Id, version.ToString(CultureInfo.InvariantCulture), "ru"]];

        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var sheets = wb.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var (name, rows) in new[] { ("survey", survey), ("choices", choices), ("settings", settings) })
            {
                var part = wb.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                foreach (var values in rows)
                    data.AppendChild(new Row(values.Select(v => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v)) })));
                part.Worksheet = new Worksheet(data);
                sheets.AppendChild(new Sheet { Id = wb.GetIdOfPart(part), SheetId = id++, Name = name });
            }
            wb.Workbook.Save();
        }
        return stream.ToArray();
    }
}

/// <summary>
/// A programme's own surveys ("since the programme: new friends, joined an interest group, confidence, quality of life"):
/// imported from an XLSForm workbook — a changed form becomes a new version, so old answers keep their meaning — exported
/// back as one, and answered for a client, each answer checked against the version's questions.
/// </summary>
public sealed class Surveys(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access)
{
    public async Task<List<SurveyDto>> ListAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SurveysRead);
        var surveys = await db.Surveys.AsNoTracking().Include(s => s.Versions).Where(s => s.OrganisationId == user.OrganisationId).OrderBy(s => s.Title).ToListAsync(ct);
        var versionIds = surveys.SelectMany(s => s.Versions).Select(v => v.Id).ToList();
        var counts = await db.SurveyResponses.Where(r => versionIds.Contains(r.SurveyVersionId)).GroupBy(r => r.SurveyVersionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return surveys.Select(s =>
        {
            var latest = s.Versions.MaxBy(v => v.Number)!;
            return new SurveyDto(s.Id, s.Code, s.Title, latest.Number, Form(latest).Questions.Count, s.Versions.Sum(v => counts.GetValueOrDefault(v.Id)),
                s.Versions.Select(v => v.Number).Order().ToList());
        }).ToList();
    }

    public async Task<(SurveyForm Form, int Version, Guid VersionId)?> GetAsync(Guid id, int? version, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SurveysRead);
        var survey = await db.Surveys.AsNoTracking().Include(s => s.Versions).FirstOrDefaultAsync(s => s.Id == id && s.OrganisationId == user.OrganisationId, ct);
        var v = survey?.Versions.Where(x => version is null || x.Number == version).MaxBy(x => x.Number);
        return v is null ? null : (Form(v), v.Number, v.Id);
    }

    /// <summary>Imports an XLSForm workbook. The same form id again: a new version if anything changed, else the same one.</summary>
    public async Task<(SurveyDto? Survey, FieldErrors Errors)> ImportAsync(string fileName, byte[] content, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SurveysManage);
        var errors = new FieldErrors();
        if (!fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) return (null, errors.Add("file", "Validation.XlsFormFile"));
        SurveyForm form;
        try { form = XlsForm.Read(content, errors); }
        catch (ImportFormatException) { return (null, errors.Add("file", "Validation.XlsFormFile")); }
        if (errors.Any) return (null, errors);
        var definition = JsonSerializer.Serialize(form with { Version = "" }, JsonSerializerOptions.Web);
        var now = clock.GetUtcNow();
        var survey = await db.Surveys.Include(s => s.Versions).FirstOrDefaultAsync(s => s.OrganisationId == user.OrganisationId && s.Code == form.Id, ct);
        if (survey is null)
        {
            survey = new Survey { OrganisationId = user.OrganisationId, Code = form.Id, Title = form.Title, CreatedAt = now };
            db.Surveys.Add(survey);
        }
        survey.Title = form.Title;
        var latest = survey.Versions.MaxBy(v => v.Number);
        if (latest?.Definition != definition)
        {
            var version = new SurveyVersion { SurveyId = survey.Id, Number = (latest?.Number ?? 0) + 1, Definition = definition, CreatedByUserId = user.Id, CreatedAt = now };
            survey.Versions.Add(version);
            db.SurveyVersions.Add(version);
        }
        var number = survey.Versions.Max(v => v.Number);
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Survey_Imported, nameof(Survey), survey.Id.ToString(), new { code = form.Id, version = number })], ct);
        return (new SurveyDto(survey.Id, survey.Code, survey.Title, number, form.Questions.Count, 0, survey.Versions.Select(v => v.Number).Order().ToList()), errors);
    }

    public async Task<(byte[] Content, string FileName)?> ExportAsync(Guid id, int? version, CurrentUser user, CancellationToken ct)
    {
        if (await GetAsync(id, version, user, ct) is not { } found) return null;
        await audit.RecordAsync(user.Actor, AuditAction.Survey_Exported, nameof(Survey), id.ToString(), new { version = found.Version }, ct);
        return (XlsForm.Write(found.Form, found.Version), $"{found.Form.Id}-v{found.Version}.xlsx");
    }

    /// <summary>Records a client's answers to the survey's latest version; every answer that does not fit its question is named.</summary>
    public async Task<(bool Found, Guid? Id, FieldErrors Errors)> RespondAsync(Guid id, SurveyResponseInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SurveyResponsesRecord);
        var errors = new FieldErrors();
        if (await GetAsync(id, null, user, ct) is not { } found) return (false, null, errors);
        Person? person = null;
        if (input.PersonId is not { } pid) errors.Add("personId", "Validation.Required");
        else if (await access.OpenAsync(db, user, pid, Permission.SurveyResponsesRecord, ct) is not { } opened) errors.Add("personId", "Validation.PersonNotFound");
        else person = opened.Person;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var on = Date(input.AnsweredOn, "answeredOn", required: false, errors) ?? today;
        if (on > today) errors.Add("answeredOn", "Validation.FutureDate");
        var given = input.Answers ?? new Dictionary<string, string?>();
        foreach (var key in given.Keys.Where(k => found.Form.Questions.All(q => q.Name != k))) errors.Add($"answers.{key}", "Validation.SurveyQuestion");
        var answers = new Dictionary<string, string>();
        foreach (var q in found.Form.Questions.Where(q => q.Type != "note"))
        {
            var value = given.GetValueOrDefault(q.Name)?.Trim();
            var field = $"answers.{q.Name}";
            if (string.IsNullOrEmpty(value)) { if (q.Required) errors.Add(field, "Validation.Required"); continue; }
            var ok = q.Type switch
            {
                "select_one" => found.Form.Choices.Any(c => c.ListName == q.ListName && c.Name == value),
                "select_multiple" => value.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(v => found.Form.Choices.Any(c => c.ListName == q.ListName && c.Name == v)),
                "integer" => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
                "decimal" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
                "date" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                _ => Text(value, field, 2000, required: false, errors, multiline: true) is not null || errors.Has(field),
            };
            if (!ok) errors.Add(field, "Validation.SurveyAnswer");
            else if (!errors.Has(field)) answers[q.Name] = value;
        }
        if (errors.Any) return (true, null, errors);
        var response = new SurveyResponse
        {
            SurveyVersionId = found.VersionId, OrganisationId = user.OrganisationId, PersonId = person!.Id, AnsweredOn = on,
            Answers = JsonSerializer.Serialize(answers), RecordedByUserId = user.Id, CreatedAt = clock.GetUtcNow(),
        };
        db.SurveyResponses.Add(response);
        await audit.SaveWithAuditAsync([AuditEntry.About(person, user.Actor, AuditAction.SurveyResponse_Recorded, new { survey = id, version = found.Version })], ct);
        return (true, response.Id, errors);
    }

    private static SurveyForm Form(SurveyVersion v) => JsonSerializer.Deserialize<SurveyForm>(v.Definition, JsonSerializerOptions.Web)!;
}
