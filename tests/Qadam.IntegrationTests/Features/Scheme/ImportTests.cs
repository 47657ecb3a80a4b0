using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Features.Scheme;

/// <summary>Import of existing lists: every bad row reported with its row number, column and reason; nothing written
/// unless every row is valid; CSV and XLSX read the same way.</summary>
public abstract class ImportTests(AppFixture app)
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> UploadAsync(HttpClient c, string kind, string fileName, byte[] content, bool commit)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        form.Add(file, "file", fileName);
        var response = await c.PostAsync($"/api/v1/scheme/import/{kind}?commit={(commit ? "true" : "false")}", form);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static List<(int Row, string Field)> Rejected(JsonElement report) =>
        report.GetProperty("rejected").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString()!)).ToList();

    [Fact]
    public async Task EmployersCsv_WithBadRows_IsRejectedWhole_AndEveryBadRowIsReported()
    {
        using var c = await app.ClientAsync(Roles.Coordinator, 2);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = $"""
            name,type,sector,locality,contact_person,contact_phone
            Good Bakery {tag},PrivateBusiness,hospitality,Кызылорда,Айгерім,+77011234567
            Bad Type {tag},Bakery,hospitality,Kyzylorda,,
            Nowhere Ltd {tag},Enterprise,trade,Atlantis,,
            ,Enterprise,unknown-sector,Aral,,
            Good Bakery {tag},Enterprise,trade,Aral,,
            """;
        var (status, report) = await UploadAsync(c, "employers", "employers.csv", Encoding.UTF8.GetBytes(csv), commit: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.False(report.GetProperty("committed").GetBoolean());
        Assert.Equal(5, report.GetProperty("rows").GetInt32());
        Assert.Equal(1, report.GetProperty("valid").GetInt32());
        var rejected = Rejected(report);
        Assert.Contains((3, "type"), rejected);
        Assert.Contains((4, "locality"), rejected);
        Assert.Contains((5, "name"), rejected);
        Assert.Contains((5, "sector"), rejected);
        Assert.Contains((6, "name"), rejected); // the same name twice in one file
        Assert.DoesNotContain(rejected, r => r.Row == 2);
        Assert.All(report.GetProperty("rejected").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));
        Assert.Equal(0, await app.WithDbAsync(db => db.Employers.CountAsync(e => e.Name.EndsWith(tag))));

        // Corrected, the preview writes nothing and the commit lands every row.
        var fixedCsv = string.Join('\n', csv.Split('\n').Where((_, i) => i is 0 or 1 or 5).Select(l => l.Replace($"Good Bakery {tag},Enterprise", $"Second Bakery {tag},Enterprise")));
        var (previewStatus, preview) = await UploadAsync(c, "employers", "employers.csv", Encoding.UTF8.GetBytes(fixedCsv), commit: false);
        Assert.Equal(HttpStatusCode.OK, previewStatus);
        Assert.Empty(Rejected(preview));
        Assert.Equal(0, await app.WithDbAsync(db => db.Employers.CountAsync(e => e.Name.EndsWith(tag))));
        var (commitStatus, done) = await UploadAsync(c, "employers", "employers.csv", Encoding.UTF8.GetBytes(fixedCsv), commit: true);
        Assert.Equal(HttpStatusCode.OK, commitStatus);
        Assert.True(done.GetProperty("committed").GetBoolean());
        var names = await app.WithDbAsync(db => db.Employers.Where(e => e.Name.EndsWith(tag)).Select(e => e.Name).OrderBy(n => n).ToListAsync());
        Assert.Equal([$"Good Bakery {tag}", $"Second Bakery {tag}"], names);
    }

    [Fact]
    public async Task PositionsXlsx_IsReadLikeCsv_AndBadRowsBlockTheWholeFile()
    {
        using var c = await app.ClientAsync(Roles.Coordinator, 2);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var employer = await c.PostAsJsonAsync("/api/v1/scheme/employers", new { name = $"Xlsx Employer {tag}", type = "Enterprise", localityId = 4301 });
        Assert.Equal(HttpStatusCode.Created, employer.StatusCode);
        string[][] rows =
        [
            ["employer", "title", "sector", "required_skills", "locality", "slots", "monthly_subsidy", "start_from", "project"],
            [$"Xlsx Employer {tag}", $"Welder {tag}", "manufacturing", "welding;safety", "Kyzylorda", "2", "90000", "46357", "UNDP"], // 46357 = 2026-12-01 as a spreadsheet date
            [$"Xlsx Employer {tag}", $"Cook {tag}", "hospitality", "cooking", "Kyzylorda", "many", "85000", "", ""],
            [$"Nobody {tag}", $"Driver {tag}", "transport", "driving", "Kyzylorda", "1", "-5", "", ""],
        ];
        var (status, report) = await UploadAsync(c, "positions", "positions.xlsx", Workbook(rows), commit: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var rejected = Rejected(report);
        Assert.Contains((3, "slots"), rejected);
        Assert.Contains((4, "employer"), rejected);
        Assert.Contains((4, "monthly_subsidy"), rejected);
        Assert.DoesNotContain(rejected, r => r.Row == 2);
        Assert.Equal(0, await app.WithDbAsync(db => db.Positions.CountAsync(p => p.Title.EndsWith(tag))));

        var (okStatus, ok) = await UploadAsync(c, "positions", "positions.xlsx", Workbook(rows[..2]), commit: true);
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.True(ok.GetProperty("committed").GetBoolean());
        var welder = await app.WithDbAsync(db => db.Positions.SingleAsync(p => p.Title == $"Welder {tag}"));
        Assert.Equal(("welding,safety", 2, 90000m, new DateOnly(2026, 12, 1), 4301), (welder.RequiredSkills, welder.Slots, welder.MonthlySubsidy, welder.StartFrom!.Value, welder.LocalityId!.Value));
    }

    [Fact]
    public async Task ApplicantsImport_FindsRegisteredPeopleByIin_AndNeverShowsTheIinBack()
    {
        using var c = await app.ClientAsync(Roles.Coordinator, 2);
        var iin = TestData.Iin(new DateOnly(2004, 2, 3), Sex.Female);
        await TestData.CreatePersonAsync(c, TestData.Person(sex: "female", dob: "2004-02-03", iin: iin, regionCode: "KZ-43"));
        using var stranger = await app.ClientAsync(Roles.CaseWorker, 1);
        var otherIin = TestData.Iin(new DateOnly(2003, 1, 1), Sex.Male);
        await TestData.CreatePersonAsync(stranger, TestData.Person(given: "Ерлан", sex: "male", dob: "2003-01-01", iin: otherIin));
        var cohort = "imp-" + Guid.NewGuid().ToString("N")[..8];
        var csv = $"iin;cohort;education;skills;preferred_sectors;locality;max_travel_km;constraints\n{iin};{cohort};Vocational;sewing;manufacturing,trade;Aral;25;cares for a parent\n{otherIin};{cohort};Higher;;;Aral;10;\n";
        var (status, report) = await UploadAsync(c, "applicants", "applicants.csv", Encoding.UTF8.GetBytes(csv), commit: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal([(3, "iin")], Rejected(report)); // another organisation's person is "not found", exactly like an unknown IIN
        Assert.DoesNotContain(iin, report.GetRawText());
        Assert.DoesNotContain("cares for a parent", report.GetRawText());
        Assert.Equal(0, await app.WithDbAsync(db => db.SchemeApplicants.CountAsync(a => a.Cohort == cohort)));
        var (ok, _) = await UploadAsync(c, "applicants", "applicants.csv", Encoding.UTF8.GetBytes(string.Join('\n', csv.Split('\n').Take(2))), commit: true);
        Assert.Equal(HttpStatusCode.OK, ok);
        var applicant = await app.WithDbAsync(db => db.SchemeApplicants.SingleAsync(a => a.Cohort == cohort));
        Assert.Equal(("sewing", "manufacturing,trade", "KZ-43", 25.0, "cares for a parent"), (applicant.Skills, applicant.PreferredSectors, applicant.RegionCode, applicant.MaxTravelKm!.Value, applicant.Constraints));
    }

    [Fact]
    public async Task UnreadableFiles_AreRefusedWithAReason()
    {
        using var c = await app.ClientAsync(Roles.Coordinator, 2);
        var (s1, b1) = await UploadAsync(c, "employers", "list.pdf", [1, 2, 3], commit: false);
        Assert.Equal(HttpStatusCode.BadRequest, s1);
        Assert.Contains(".csv", b1.GetProperty("title").GetString());
        var (s2, b2) = await UploadAsync(c, "employers", "list.csv", Encoding.UTF8.GetBytes("title,colour\nx,y\n"), commit: false);
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Contains("name", b2.GetProperty("title").GetString());
        var (s3, _) = await UploadAsync(c, "employers", "list.xlsx", Encoding.UTF8.GetBytes("not a workbook"), commit: false);
        Assert.Equal(HttpStatusCode.BadRequest, s3);
    }

    /// <summary>A minimal workbook with shared strings for text and numbers as numbers, as Excel writes them.</summary>
    private static readonly string[][] OneEmployer =
    [
        ["name", "type", "sector", "locality"],
        ["Limits Ltd " + Guid.NewGuid().ToString("N")[..6], "Enterprise", "trade", "Aral"],
    ];

    [Theory]
    [InlineData("AAA2", "import.CellOutsideTable")]
    [InlineData("ZZZZZ2", "import.CellReference")]
    [InlineData("ZZZZZZZ2", "import.CellReference")]
    public async Task Xlsx_CellsFarOutsideTheTable_AreRefusedByName_NotAllocated(string reference, string code)
    {
        using var c = await app.ClientAsync(Roles.Coordinator, 2);
        var (status, body) = await UploadAsync(c, "employers", "far.xlsx", Workbook(OneEmployer, (reference, "x")), commit: false);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Xlsx_ZipBomb_IsRefusedBeforeParsing()
    {
        using var c = await app.ClientAsync(Roles.Coordinator, 2);
        var bomb = Workbook(OneEmployer, ("E2", new string('A', 40_000_000)));
        Assert.True(bomb.Length < 1_000_000, $"{bomb.Length} bytes");
        var (status, body) = await UploadAsync(c, "employers", "bomb.xlsx", bomb, commit: false);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("import.TooLarge", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Preview_CutsLongCells()
    {
        using var c = await app.ClientAsync(Roles.Coordinator, 2);
        var rows = new[] { OneEmployer[0].Append("contact_person").ToArray(), OneEmployer[1].Append(new string('Ж', 5000)).ToArray() };
        var (status, body) = await UploadAsync(c, "employers", "long.xlsx", Workbook(rows), commit: false);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.All(body.GetProperty("preview")[0].EnumerateArray(), cell => Assert.True(cell.GetString()!.Length <= 61));
    }

    [Fact]
    public async Task Csv_InWindows1251_IsReadAsSuch_AndSaysSo()
    {
        using var c = await app.ClientAsync(Roles.Coordinator, 2);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var name = "Пекарня Айгуль " + Guid.NewGuid().ToString("N")[..6];
        var bytes = Encoding.GetEncoding(1251).GetBytes($"name,type,sector,locality\n{name},PrivateBusiness,hospitality,Арал\n");
        var (status, body) = await UploadAsync(c, "employers", "cp1251.csv", bytes, commit: false);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Windows-1251", body.GetProperty("encoding").GetString());
        Assert.Equal(name, body.GetProperty("preview")[0][0].GetString());
    }

    private static byte[] Workbook(string[][] rows, params (string Reference, string Value)[] extra)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            var sheetPart = wb.AddNewPart<WorksheetPart>();
            var strings = wb.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var data = new SheetData();
            var index = new Dictionary<string, int>();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var k = 0; k < rows[r].Length; k++)
                {
                    var v = rows[r][k];
                    if (v.Length == 0) continue;
                    var reference = $"{(char)('A' + k)}{r + 1}";
                    if (double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(v), DataType = CellValues.Number });
                    else
                    {
                        if (!index.TryGetValue(v, out var si)) { si = index.Count; index[v] = si; strings.SharedStringTable.Append(new SharedStringItem(new Text(v))); }
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(si.ToString(System.Globalization.CultureInfo.InvariantCulture)), DataType = CellValues.SharedString });
                    }
                }
                if (r == 1)
                    foreach (var (reference, value) in extra)
                        row.Append(new Cell { CellReference = reference, InlineString = new InlineString(new Text(value)), DataType = CellValues.InlineString });
                data.Append(row);
            }
            sheetPart.Worksheet = new Worksheet(data);
            wb.Workbook.AppendChild(new Sheets(new Sheet { Id = wb.GetIdOfPart(sheetPart), SheetId = 1, Name = "List" }));
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportTests_Sqlite(SqliteApp app) : ImportTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ImportTests_Postgres(PostgresApp app) : ImportTests(app);
