using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;
using Qadam.Web.Features.Reports;

namespace Qadam.IntegrationTests.Features.Reports;

/// <summary>Projects and reports through the API on the demo data (issue #12): IATI validity, suppression in exports, frozen periods.</summary>
public abstract class ReportsTests(AppFixture app)
{
    private static async Task<JsonElement> JsonAsync(HttpClient c, string url)
    {
        using var r = await c.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<Guid> ProjectAsync(HttpClient c, string iatiStartsWith)
    {
        var list = await JsonAsync(c, "/api/v1/projects");
        return list.EnumerateArray().First(p => p.GetProperty("iatiIdentifier").GetString()!.StartsWith(iatiStartsWith, StringComparison.Ordinal)).GetProperty("id").GetGuid();
    }

    private static HashSet<string> Codes(string codelist) =>
        XDocument.Load(SharedData.File("iati", Path.Combine("codelists", codelist + ".xml"))).Descendants("code").Select(c => c.Value).ToHashSet();

    [Fact]
    public async Task TheIatiFileOfEachDemoProject_ValidatesAgainstTheOfficialSchema_WithCodelistValues()
    {
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        schemas.Add(null, SharedData.File("iati", "schemas/iati-activities-schema.xsd"));
        schemas.Compile();
        foreach (var (role, org, prefix) in new[] { ("manager", 1, "KZ-BIN-140440012345"), ("manager", 2, "KZ-BIN-150540067890"), ("liaison", 2, "KZ-BIN-140440012345") })
        {
            using var c = await app.ClientAsync(role, org);
            var id = await ProjectAsync(c, prefix);
            using var r = await c.GetAsync($"/api/v1/projects/{id}/iati.xml");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("application/xml", r.Content.Headers.ContentType?.MediaType);
            var bytes = await r.Content.ReadAsByteArrayAsync();
            var errors = new List<string>();
            var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
            settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
            using (var reader = XmlReader.Create(new MemoryStream(bytes), settings)) while (reader.Read()) { }
            Assert.True(errors.Count == 0, $"{role}{org}: " + string.Join("\n", errors));

            // The schema does not check codelist values: each is checked against the official codelists.
            var doc = XDocument.Load(new MemoryStream(bytes));
            var activity = doc.Root!.Element("iati-activity")!;
            Assert.Equal("2.03", doc.Root.Attribute("version")!.Value);
            Assert.Contains(activity.Attribute("default-currency")!.Value, Codes("Currency"));
            Assert.All(activity.Descendants().Where(e => e.Name.LocalName is "reporting-org" or "participating-org").Select(e => e.Attribute("type")!.Value), t => Assert.Contains(t, Codes("OrganisationType")));
            Assert.All(activity.Elements("participating-org").Select(e => e.Attribute("role")!.Value), v => Assert.Contains(v, Codes("OrganisationRole")));
            Assert.Contains(activity.Element("activity-status")!.Attribute("code")!.Value, Codes("ActivityStatus"));
            Assert.All(activity.Elements("activity-date").Select(e => e.Attribute("type")!.Value), v => Assert.Contains(v, Codes("ActivityDateType")));
            Assert.Contains(activity.Element("recipient-country")!.Attribute("code")!.Value, Codes("Country"));
            Assert.Contains(activity.Element("sector")!.Attribute("code")!.Value, Codes("Sector"));
            Assert.Contains(activity.Element("sector")!.Attribute("vocabulary")!.Value, Codes("SectorVocabulary"));
            Assert.All(activity.Elements("budget"), b => { Assert.Contains(b.Attribute("type")!.Value, Codes("BudgetType")); Assert.Contains(b.Attribute("status")!.Value, Codes("BudgetStatus")); });
            var results = activity.Elements("result").ToList();
            Assert.NotEmpty(results);
            Assert.All(results.Select(x => x.Attribute("type")!.Value), v => Assert.Contains(v, Codes("ResultType")));
            var indicators = results.SelectMany(x => x.Elements("indicator")).ToList();
            Assert.All(indicators.Select(i => i.Attribute("measure")!.Value), v => Assert.Contains(v, Codes("IndicatorMeasure")));
            // Results with baselines, periods, targets, actuals and disaggregation dimensions.
            Assert.Contains(indicators, i => i.Element("baseline") is not null);
            Assert.Contains(indicators.SelectMany(i => i.Elements("period")), p => p.Element("target") is not null && p.Element("actual") is not null);
            Assert.Contains(activity.Descendants("dimension"), d => d.Attribute("name")!.Value == "sex" && d.Attribute("value")!.Value == "female");
            // Published form: no count of 1–4 anywhere, with or without a dimension.
            foreach (var actual in indicators.Where(i => i.Attribute("measure")!.Value == "1").SelectMany(i => i.Descendants("actual")))
                if (actual.Attribute("value") is { } v) Assert.False(double.Parse(v.Value, CultureInfo.InvariantCulture) is > 0 and < 5, $"{role}{org}: IATI actual {v.Value}");
        }
    }

    [Fact]
    public async Task ExportsMadeOutsideTheOwningOrganisation_HoldNoCountFrom1To4_AndAreAudited()
    {
        using var liaison = await app.ClientAsync("liaison", 2);
        var id = await ProjectAsync(liaison, "KZ-BIN-140440012345"); // organisation 1's project, shared with government
        var report = await JsonAsync(liaison, $"/api/v1/projects/{id}");
        Assert.True(report.GetProperty("suppressed").GetBoolean());
        // The owner's exact view does have small counts: the test would otherwise prove nothing.
        using var owner = await app.ClientAsync("manager", 1);
        var exact = await JsonAsync(owner, $"/api/v1/projects/{id}");
        Assert.False(exact.GetProperty("suppressed").GetBoolean());
        Assert.Contains(exact.GetProperty("results").EnumerateArray().SelectMany(r => r.GetProperty("indicators").EnumerateArray())
            .Where(i => i.GetProperty("measure").GetString() == "unit")
            .SelectMany(i => i.GetProperty("disaggregations").EnumerateArray().SelectMany(d => d.GetProperty("categories").EnumerateArray()))
            .SelectMany(c => c.GetProperty("periods").EnumerateArray().Append(c.GetProperty("cumulative"))), c => c.GetProperty("count").ValueKind == JsonValueKind.Number && c.GetProperty("count").GetInt64() is > 0 and < 5);

        var before = await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditAction.Report_Exported && e.EntityId == id.ToString()));
        foreach (var (url, columns) in new[] { ($"/api/v1/projects/{id}/report.csv", new[] { "actual", "numerator", "denominator" }), ($"/api/v1/projects/{id}/report.csv?table=disaggregation&hxl=true", new[] { "value", "denominator" }) })
        {
            using var r = await liaison.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var bytes = await r.Content.ReadAsByteArrayAsync();
            Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
            var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var header = lines[0].Split(',');
            var data = lines.Skip(1).Where(l => !l.StartsWith('#')).ToList();
            if (url.Contains("hxl")) Assert.StartsWith("#activity+code", lines[1]);
            Assert.Contains(data, l => l.Contains("<5", StringComparison.Ordinal));
            var measure = Array.IndexOf(header, "measure");
            foreach (var line in data)
            {
                var cells = Csv(line);
                if (measure >= 0 && cells[measure] == "percentage") continue;
                foreach (var column in columns)
                    if (double.TryParse(cells[Array.IndexOf(header, column)], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                        Assert.False(v is > 0 and < 5, $"{url}: {column} = {v} in {line}");
            }
        }
        using var x = await liaison.GetAsync($"/api/v1/projects/{id}/report.xlsx");
        Assert.Equal(HttpStatusCode.OK, x.StatusCode);
        using (var doc = SpreadsheetDocument.Open(new MemoryStream(await x.Content.ReadAsByteArrayAsync()), false))
        {
            var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
            Assert.Equal(["Indicators", "Disaggregation"], sheets);
            foreach (var part in doc.WorkbookPart.WorksheetParts)
            {
                var rows = part.Worksheet.Descendants<Row>().ToList();
                var header = rows[0].Elements<Cell>().Select(c => c.InnerText).ToList();
                var numeric = new[] { "actual", "numerator", "denominator", "value" }.Select(h => header.IndexOf(h)).Where(i => i >= 0).ToList();
                var measure = header.IndexOf("measure");
                Assert.Contains(rows.Skip(1), row => row.Elements<Cell>().Any(c => c.DataType?.Value == CellValues.Number)); // numbers as numbers
                foreach (var row in rows.Skip(1))
                {
                    var cells = row.Elements<Cell>().ToList();
                    if (measure >= 0 && cells[measure].InnerText == "percentage") continue;
                    foreach (var k in numeric)
                        if (cells[k].DataType?.Value == CellValues.Number)
                            Assert.False(double.Parse(cells[k].InnerText, CultureInfo.InvariantCulture) is > 0 and < 5);
                }
            }
        }
        var after = await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditAction.Report_Exported && e.EntityId == id.ToString()));
        Assert.Equal(before + 3, after);
    }

    private static List<string> Csv(string line)
    {
        var cells = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted) { if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; } else if (ch == '"') quoted = false; else sb.Append(ch); }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { cells.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(ch);
        }
        cells.Add(sb.ToString());
        return cells;
    }

    [Fact]
    public async Task AFrozenPeriod_IsUnchangedAfterItsRecordsChange_AndACorrectionIsANewVersionWithItsReason()
    {
        var (projectId, periodId, user, org) = await app.WithDbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.Email == "manager1@demo.qadam.kz").Select(u => u.Id).SingleAsync();
            var org = new Organisation { Name = "Frozen test NGO " + Guid.NewGuid().ToString("N")[..6], Kind = OrganisationKind.Ngo, CreatedAt = DateTimeOffset.UtcNow };
            db.Organisations.Add(org);
            var project = new Project { OrganisationId = org.Id, Title = "Frozen", IatiIdentifier = "KZ-FROZEN-" + Guid.NewGuid().ToString("N")[..8], StartsOn = new(2026, 1, 1), EndsOn = new(2026, 12, 31), CreatedByUserId = user };
            foreach (var p in ProjectReports.Periods(project.Id, project.StartsOn, project.EndsOn, PeriodKind.Quarter)) project.Periods.Add(p);
            var result = new LogframeResult { ProjectId = project.Id, Level = ResultLevel.Output, Code = "1", Title = "Served" };
            result.Indicators.Add(new Indicator { ResultId = result.Id, ProjectId = project.Id, Code = "1.a", Title = "Served", Source = IndicatorSource.Computed, Definition = "people.service", Measure = IndicatorMeasure.Unit });
            project.Results.Add(result);
            db.Projects.Add(project);
            for (var k = 0; k < 7; k++) await ServeAsync(db, org.Id, user, new DateOnly(2026, 2, 1 + k));
            await db.SaveChangesAsync();
            return (project.Id, project.Periods.OrderBy(p => p.StartsOn).First().Id, user, org.Id);
        });

        string Figures(ProjectReportDto r) => JsonSerializer.Serialize(r.Results);
        var (frozenBefore, hash) = await app.WithDbAsync(async db =>
        {
            var builder = new ReportBuilder(db, TimeProvider.System);
            var project = (await builder.LoadAsync(projectId, CancellationToken.None))!;
            var period = project.Periods.First(p => p.Id == periodId);
            var snapshot = await builder.FreezeAsync(project, period, user, null, CancellationToken.None);
            db.PeriodSnapshots.Add(snapshot);
            (await db.ReportPeriods.FirstAsync(p => p.Id == periodId)).Close(user, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            Assert.Equal(ReportBuilder.HashOf(snapshot.DefinitionsJson, snapshot.FiguresJson), snapshot.Hash);
            var loaded = (await builder.LoadAsync(projectId, CancellationToken.None))!;
            return (Figures(await builder.BuildAsync(loaded, loaded.Periods.First(p => p.Id == periodId), true, false, CancellationToken.None)), snapshot.Hash);
        });
        Assert.Contains("\"Actual\":7", frozenBefore);

        // The records change: two more people served in that quarter (entered late), and one of the first seven's service deleted.
        await app.WithDbAsync(async db =>
        {
            await ServeAsync(db, org, user, new DateOnly(2026, 3, 1));
            await ServeAsync(db, org, user, new DateOnly(2026, 3, 2));
            db.CaseServices.Remove(await db.CaseServices.Where(s => s.ProviderOrganisationId == org).OrderBy(s => s.DeliveredOn).FirstAsync());
            await db.SaveChangesAsync();
            return 0;
        });
        var (frozenAfter, live, corrected, versions) = await app.WithDbAsync(async db =>
        {
            var builder = new ReportBuilder(db, TimeProvider.System);
            var project = (await builder.LoadAsync(projectId, CancellationToken.None))!;
            var period = project.Periods.First(p => p.Id == periodId);
            var frozen = Figures(await builder.BuildAsync(project, period, true, false, CancellationToken.None));
            var live = await builder.BuildAsync(project, null, false, false, CancellationToken.None);
            var correction = await builder.FreezeAsync(project, period, user, "Two services entered late; one recorded in error", CancellationToken.None);
            db.PeriodSnapshots.Add(correction);
            await db.SaveChangesAsync();
            var after = Figures(await builder.BuildAsync((await builder.LoadAsync(projectId, CancellationToken.None))!, period, false, false, CancellationToken.None));
            var versions = await db.PeriodSnapshots.Where(s => s.PeriodId == periodId).OrderBy(s => s.Version).Select(s => new { s.Version, s.Reason, s.Hash }).ToListAsync();
            return (frozen, live, after, versions.Select(v => (v.Version, v.Reason, v.Hash)).ToList());
        });
        Assert.Equal(frozenBefore, frozenAfter);                                        // the report sent to the donor, exactly
        Assert.Equal(7, live.Indicators.Single().Periods[0].Actual);                     // the live report keeps the frozen quarter too
        Assert.Contains("\"Actual\":8", corrected);                                      // 7 − 1 + 2
        Assert.Equal([(1, null, hash)], versions.Take(1));
        Assert.Equal((2, "Two services entered late; one recorded in error"), (versions[1].Version, versions[1].Reason));
        Assert.NotEqual(hash, versions[1].Hash);
    }

    private static async Task ServeAsync(Qadam.Data.QadamDbContext db, Guid org, Guid user, DateOnly on)
    {
        var now = DateTimeOffset.UtcNow;
        var person = db.People.Add(new Person { OrganisationId = org, GivenName = "Тест", FamilyName = "Заморозка", Sex = Sex.Female, DateOfBirth = new(2003, 1, 1), CreatedAt = now, UpdatedAt = now }).Entity;
        var c = db.Cases.Add(new Case { OrganisationId = org, PersonId = person.Id, OpenedByUserId = user, CreatedAt = now, UpdatedAt = now }).Entity;
        db.CaseServices.Add(new CaseService { CaseId = c.Id, Type = CaseServiceType.Counselling, DeliveredOn = on, ProviderOrganisationId = org, RecordedByUserId = user, CreatedAt = now });
        await Task.CompletedTask;
    }

    [Fact]
    public async Task ALiaisonSeesSharedProjectsOnly_AndAManagerCannotChangeAnotherOrganisationsProject()
    {
        using var liaison = await app.ClientAsync("liaison", 2);
        var list = await JsonAsync(liaison, "/api/v1/projects");
        Assert.All(list.EnumerateArray(), p => Assert.True(p.GetProperty("sharedWithGovernment").GetBoolean() || p.GetProperty("organisation").GetString() == "Kyzylorda Youth Initiatives NGO"));
        using var manager2 = await app.ClientAsync("manager", 2);
        var p1 = await ProjectAsync(await app.ClientAsync("manager", 1), "KZ-BIN-140440012345");
        Assert.Equal(HttpStatusCode.NotFound, (await manager2.GetAsync($"/api/v1/projects/{p1}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager2.PostAsJsonAsync($"/api/v1/projects/{p1}/results", new { level = "goal", code = "9", title = "x" })).StatusCode);
        // The PDF report of the manager's own project, in Kazakh.
        var p2 = await ProjectAsync(manager2, "KZ-BIN-150540067890");
        using var pdfRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/projects/{p2}/report.pdf");
        pdfRequest.Headers.AcceptLanguage.ParseAdd("kk");
        using var pdf = await manager2.SendAsync(pdfRequest);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var pdfBytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdfBytes[..4]));
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "qadam-screens"));
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "qadam-screens", $"report-kk-{app.Provider}.pdf"), pdfBytes); // for a look
        // Validation names the field.
        using var manager1 = await app.ClientAsync("manager", 1);
        using var bad = await manager1.PostAsJsonAsync("/api/v1/projects", new { title = "X", iatiIdentifier = "has space", startsOn = "2026-01-01", endsOn = "2025-01-01", currency = "ZZZ", donors = new[] { new { name = "D", type = "99" } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "iatiIdentifier", "endsOn", "currency", "donors[0].type" }) Assert.True(errors.TryGetProperty(field, out _), field);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReportsTests_Sqlite(SqliteApp app) : ReportsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ReportsTests_Postgres(PostgresApp app) : ReportsTests(app);
