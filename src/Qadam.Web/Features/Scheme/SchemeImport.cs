using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Scheme;

public sealed record ImportRowError(int Row, string Field, string Message);
public sealed record ImportReport(string Kind, int Rows, int Valid, IReadOnlyList<ImportRowError> Rejected, IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string>> Preview, bool Committed);

public sealed class ImportFormatException(string message) : Exception(message);

/// <summary>
/// Import of existing lists (employers, positions, applicants) from CSV or XLSX. Every row is validated with the
/// same rules as the forms; the report names each rejected row (spreadsheet row number), field and reason. A
/// commit writes all rows in one transaction, and only when no row was rejected — otherwise nothing.
/// </summary>
public sealed class SchemeImport(QadamDbContext db, SchemeRegistry registry, AuditLog audit, IStringLocalizer<SharedResource> l, Access access)
{
    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        ["employers"] = ["name", "type", "sector", "locality", "locality_detail", "contact_person", "contact_phone"],
        ["positions"] = ["employer", "title", "sector", "required_skills", "locality", "locality_detail", "slots", "monthly_subsidy", "start_from", "start_to", "project"],
        ["applicants"] = ["iin", "cohort", "education", "skills", "preferred_sectors", "locality", "max_travel_km", "available_from", "applied_on", "constraints"],
    };

    public async Task<ImportReport> RunAsync(string kind, string fileName, byte[] content, bool commit, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        if (!Columns.TryGetValue(kind, out var expected)) throw new ImportFormatException($"Unknown list '{kind}': use employers, positions or applicants.");
        var (headers, rows) = ReadTable(fileName, content);
        var missing = expected.Where(c => c is "name" or "type" or "title" or "employer" or "iin" or "locality" && !headers.Contains(c)).ToList();
        if (missing.Count > 0) throw new ImportFormatException($"Missing column(s): {string.Join(", ", missing)}.");
        var unknown = headers.Where(h => !expected.Contains(h)).ToList();
        if (unknown.Count > 0) throw new ImportFormatException($"Unknown column(s): {string.Join(", ", unknown)}. Expected: {string.Join(", ", expected)}.");

        var localities = await db.Localities.AsNoTracking().ToListAsync(ct);
        var rejected = new List<ImportRowError>();
        var employers = new List<Employer>();
        var positions = new List<Position>();
        var applicants = new List<(SchemeApplicant Applicant, Person Person)>();
        var existingEmployers = await registry.Employers(user).AsNoTracking().Select(e => new { e.Id, e.Name }).ToListAsync(ct);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var r = 0; r < rows.Count; r++)
        {
            var rowNumber = r + 2; // the header is row 1
            string? Get(string c) { var k = Array.IndexOf(headers, c); return k < 0 || k >= rows[r].Length || string.IsNullOrWhiteSpace(rows[r][k]) ? null : rows[r][k].Trim(); }
            var errors = new FieldErrors();
            int? Locality()
            {
                var name = Get("locality");
                if (name is null) return null;
                var match = localities.Where(x => string.Equals(x.NameKk, name, StringComparison.CurrentCultureIgnoreCase) || string.Equals(x.NameRu, name, StringComparison.CurrentCultureIgnoreCase)
                    || string.Equals(x.NameEn, name, StringComparison.OrdinalIgnoreCase)).ToList();
                if (match.Count == 1) return match[0].Id;
                errors.Add("locality", "Validation.Locality");
                return null;
            }
            switch (kind)
            {
                case "employers":
                {
                    var input = new EmployerInput(Get("name"), Get("type"), Get("sector"), Locality(), Get("locality_detail"), Get("contact_person"), Get("contact_phone"));
                    var (employer, more) = await registry.ValidateEmployerAsync(input, user, ct);
                    Merge(errors, more);
                    if (input.Name is { } n && (existingEmployers.Any(e => string.Equals(e.Name, n, StringComparison.CurrentCultureIgnoreCase)) || !seen.Add(n))) errors.Add("name", "Validation.DuplicateEmployer");
                    if (!errors.Any && employer is not null) employers.Add(employer);
                    break;
                }
                case "positions":
                {
                    var name = Get("employer");
                    var owner = existingEmployers.Where(e => string.Equals(e.Name, name, StringComparison.CurrentCultureIgnoreCase)).ToList();
                    if (name is null) errors.Add("employer", "Validation.Required");
                    else if (owner.Count != 1) errors.Add("employer", "Validation.UnknownEmployer");
                    var input = new PositionInput(Get("title"), Get("sector"), Get("required_skills"), Locality(), Get("locality_detail"),
                        Int(Get("slots"), "slots", errors), Dec(Get("monthly_subsidy"), "monthly_subsidy", errors), DateText(Get("start_from")), DateText(Get("start_to")), Get("project"));
                    var (position, more) = await registry.ValidatePositionAsync(owner.Count == 1 ? owner[0].Id : Guid.Empty, input, ct);
                    Merge(errors, more);
                    if (!errors.Any && position is not null) positions.Add(position);
                    break;
                }
                default:
                {
                    var iin = Get("iin");
                    Person? person = null;
                    if (iin is null) errors.Add("iin", "Validation.Required");
                    else
                    {
                        person = await registry.FindByIinAsync(iin, user, ct);
                        if (person is null) errors.Add("iin", "Validation.PersonNotFound");
                        else if (!seen.Add(person.Id.ToString())) errors.Add("iin", "Validation.DuplicateInFile");
                    }
                    var input = new ApplicantInput(person?.Id, Get("cohort"), Get("education"), Get("skills"), Get("preferred_sectors"), Locality(),
                        Dbl(Get("max_travel_km"), "max_travel_km", errors), DateText(Get("available_from")), Get("constraints"), DateText(Get("applied_on")));
                    var (applicant, _, more) = await registry.ValidateApplicantAsync(input, person, user, ct);
                    Merge(errors, more);
                    if (!errors.Any && applicant is not null) applicants.Add((applicant, person!));
                    break;
                }
            }
            foreach (var (field, messages) in errors.Localise(l))
                rejected.AddRange(messages.Select(m => new ImportRowError(rowNumber, Column(field), m)));
        }

        var valid = rows.Count - rejected.Select(e => e.Row).Distinct().Count();
        var committed = false;
        if (commit && rejected.Count == 0 && rows.Count > 0)
        {
            db.Employers.AddRange(employers);
            db.Positions.AddRange(positions);
            db.SchemeApplicants.AddRange(applicants.Select(a => a.Applicant));
            var entries = new List<AuditEntry> { new(user.Actor, AuditAction.Import_Committed, "Import", kind, new { kind, rows = rows.Count, file = Path.GetExtension(fileName) }) };
            entries.AddRange(applicants.Select(a => AuditEntry.About(a.Person, user.Actor, AuditAction.Applicant_Registered, new { applicant = a.Applicant.Id, import = true })));
            await audit.SaveWithAuditAsync(entries, ct);
            committed = true;
        }
        // The preview never shows IIN or constraints: a coordinator checks the shape, not the secrets.
        var shown = headers.Select((h, k) => (h, k)).Where(x => x.h is not ("iin" or "constraints")).ToList();
        return new ImportReport(kind, rows.Count, valid, rejected, shown.Select(x => x.h).ToList(),
            rows.Take(20).Select(row => (IReadOnlyList<string>)shown.Select(x => x.k < row.Length ? row[x.k] : "").ToList()).ToList(), committed);
    }

    /// <summary>Errors of the shared validators name API fields; the report names the file's columns.</summary>
    private static string Column(string field) => field switch
    {
        "localityId" => "locality", "contactPerson" => "contact_person", "contactPhone" => "contact_phone", "requiredSkills" => "required_skills",
        "monthlySubsidy" => "monthly_subsidy", "startFrom" => "start_from", "startTo" => "start_to", "preferredSectors" => "preferred_sectors",
        "maxTravelKm" => "max_travel_km", "availableFrom" => "available_from", "appliedOn" => "applied_on", "personId" => "iin", _ => field,
    };

    /// <summary>Adds the shared validators' errors, except for a column the import has already explained (an unknown
    /// locality or IIN, a cell that is not a number): one reason per cell.</summary>
    private static void Merge(FieldErrors into, FieldErrors from)
    {
        foreach (var f in from.Fields.Where(f => !into.Has(Column(f))))
            foreach (var code in from.Codes(f)) into.Add(f, code);
    }

    private static int? Int(string? v, string field, FieldErrors errors)
    {
        if (v is null) return null;
        if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) return i;
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue) return (int)d;
        errors.Add(field, "Validation.Number");
        return null;
    }

    private static decimal? Dec(string? v, string field, FieldErrors errors)
    {
        if (v is null) return null;
        if (decimal.TryParse(v.Replace(" ", "").Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return d;
        errors.Add(field, "Validation.Number");
        return null;
    }

    private static double? Dbl(string? v, string field, FieldErrors errors)
    {
        if (v is null) return null;
        if (double.TryParse(v.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        errors.Add(field, "Validation.Number");
        return null;
    }

    /// <summary>ISO dates as text, or a spreadsheet's date serial (XLSX stores dates as numbers).</summary>
    private static string? DateText(string? v) =>
        v is not null && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000
            ? DateOnly.FromDateTime(DateTime.FromOADate(serial)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : v;

    public static (string[] Headers, List<string[]> Rows) ReadTable(string fileName, byte[] content)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        var (headers, rows) = ext switch
        {
            ".csv" or ".txt" => ReadCsv(content),
            ".xlsx" => ReadXlsx(content),
            _ => throw new ImportFormatException("Upload a .csv or .xlsx file."),
        };
        if (headers.Length == 0) throw new ImportFormatException("The file has no header row.");
        var normalised = headers.Select(h => h.Trim().ToLowerInvariant().Replace(' ', '_')).ToArray();
        var dup = normalised.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ImportFormatException($"Column '{dup.Key}' appears twice.");
        if (rows.Count > 20000) throw new ImportFormatException("At most 20,000 rows per file.");
        return (normalised, rows.Where(r => r.Any(c => !string.IsNullOrWhiteSpace(c))).ToList());
    }

    private static (string[], List<string[]>) ReadCsv(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content), detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true, TrimOptions = TrimOptions.Trim, BadDataFound = null, MissingFieldFound = null };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader()) return ([], []);
        var headers = csv.HeaderRecord ?? [];
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(Enumerable.Range(0, headers.Length).Select(i => csv.GetField(i) ?? "").ToArray());
        return (headers, rows);
    }

    private static (string[], List<string[]>) ReadXlsx(byte[] content)
    {
        try
        {
            using var doc = SpreadsheetDocument.Open(new MemoryStream(content), false);
            var wb = doc.WorkbookPart ?? throw new ImportFormatException("The workbook has no sheets.");
            var sheet = wb.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new ImportFormatException("The workbook has no sheets.");
            var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
            var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
            var all = new List<string[]>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var cells = new SortedDictionary<int, string>();
                foreach (var c in row.Elements<Cell>())
                {
                    var col = ColumnIndex(c.CellReference?.Value) ?? cells.Count;
                    var raw = c.CellValue?.Text ?? c.InlineString?.InnerText ?? "";
                    cells[col] = c.DataType?.Value == CellValues.SharedString && int.TryParse(raw, out var si) && si < shared.Length ? shared[si] : raw;
                }
                var width = cells.Count == 0 ? 0 : cells.Keys.Max() + 1;
                all.Add(Enumerable.Range(0, width).Select(i => cells.GetValueOrDefault(i, "")).ToArray());
            }
            if (all.Count == 0) return ([], []);
            var headers = all[0].Select(h => h.Trim()).ToArray();
            var trimmed = headers.Reverse().SkipWhile(string.IsNullOrEmpty).Reverse().ToArray();
            return (trimmed, all.Skip(1).ToList());
        }
        catch (Exception e) when (e is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            throw new ImportFormatException("The file is not a readable .xlsx workbook.");
        }
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var n = 0;
        foreach (var ch in reference)
        {
            if (!char.IsLetter(ch)) break;
            n = n * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        }
        return n - 1;
    }
}
