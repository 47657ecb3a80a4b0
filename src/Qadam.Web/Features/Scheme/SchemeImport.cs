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
/// <param name="Encoding">Set when a CSV was not UTF-8 and was read in the encoding named (e.g. Windows-1251).</param>
public sealed record ImportReport(string Kind, int Rows, int Valid, IReadOnlyList<ImportRowError> Rejected, IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string>> Preview, bool Committed, string? Encoding = null);


/// <summary>
/// Import of existing lists (employers, positions, applicants) from CSV or XLSX. Every row is validated with the
/// same rules as the forms; the report names each rejected row (spreadsheet row number), field and reason. A
/// commit writes all rows in one transaction, and only when no row was rejected — otherwise nothing.
/// </summary>
public sealed class SchemeImport(QadamDbContext db, SchemeRegistry registry, AuditLog audit, IStringLocalizer<SharedResource> l, Access access)
{
    /// <summary>Preview cells are cut to this many characters (the preview checks the shape, it is no copy of the file).</summary>
    public const int PreviewCell = 60;

    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        ["employers"] = ["name", "type", "sector", "locality", "locality_detail", "contact_person", "contact_phone"],
        ["positions"] = ["employer", "title", "sector", "required_skills", "locality", "locality_detail", "slots", "monthly_subsidy", "start_from", "start_to", "project"],
        ["applicants"] = ["iin", "cohort", "education", "skills", "preferred_sectors", "locality", "max_travel_km", "available_from", "applied_on", "constraints"],
    };

    public async Task<ImportReport> RunAsync(string kind, string fileName, byte[] content, bool commit, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        if (!Columns.TryGetValue(kind, out var expected)) throw new ImportFormatException("UnknownList");
        var (headers, rows, encoding) = ReadTable(fileName, content);
        var missing = expected.Where(c => c is "name" or "type" or "title" or "employer" or "iin" or "locality" && !headers.Contains(c)).ToList();
        if (missing.Count > 0) throw new ImportFormatException("MissingColumns", string.Join(", ", missing));
        var unknown = headers.Where(h => !expected.Contains(h)).ToList();
        if (unknown.Count > 0) throw new ImportFormatException("UnknownColumns", string.Join(", ", unknown.Select(u => Privacy.UnicodeText.Truncate(u, 30))), string.Join(", ", expected));

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
            rows.Take(20).Select(row => (IReadOnlyList<string>)shown.Select(x => x.k < row.Length ? Privacy.UnicodeText.Truncate(row[x.k], PreviewCell) : "").ToList()).ToList(),
            committed, encoding);
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

    public static (string[] Headers, List<string[]> Rows, string? Encoding) ReadTable(string fileName, byte[] content)
    {
        var (headers, rows, encoding) = TableReader.Read(fileName, content);
        if (headers.Length == 0) throw new ImportFormatException("NoHeader");
        var normalised = headers.Select(h => h.Trim().ToLowerInvariant().Replace(' ', '_')).ToArray();
        var dup = normalised.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ImportFormatException("DuplicateColumn", Privacy.UnicodeText.Truncate(dup.Key, 30));
        return (normalised, rows.Where(r => r.Any(c => !string.IsNullOrWhiteSpace(c))).ToList(), encoding);
    }
}
