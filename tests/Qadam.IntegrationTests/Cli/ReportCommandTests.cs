using System.Net;
using System.Text;
using System.Text.Json;
using Qadam.Cli;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Cli;

/// <summary>`qadam report` writes the same files as the web app (issue #12).</summary>
public abstract class ReportCommandTests(AppFixture app)
{
    private const string AlmatyProject = "KZ-BIN-140440012345-PVE-ALM-2026";

    [Fact]
    public async Task ReportIati_OfAFrozenPeriod_IsTheWebAppsFile_ByteForByte_AndCsvMatchesToo()
    {
        using var manager = await app.ClientAsync("manager", 1);
        var list = JsonDocument.Parse(await manager.GetStringAsync("/api/v1/projects")).RootElement;
        var project = list.EnumerateArray().First(p => p.GetProperty("iatiIdentifier").GetString() == AlmatyProject).GetProperty("id").GetGuid();
        var report = JsonDocument.Parse(await manager.GetStringAsync($"/api/v1/projects/{project}")).RootElement;
        var q1 = report.GetProperty("periods").EnumerateArray().First(p => p.GetProperty("label").GetString() == "2026 Q1");
        Assert.True(q1.GetProperty("closed").GetBoolean());
        var period = q1.GetProperty("id").GetGuid();

        var output = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["report", "iati", AlmatyProject, "--period", "2026 Q1"], output, app.Factory.Settings));
        using var web = await manager.GetAsync($"/api/v1/projects/{project}/iati.xml?period={period}");
        Assert.Equal(HttpStatusCode.OK, web.StatusCode);
        Assert.Equal(await web.Content.ReadAsStringAsync(), output.ToString());
        Assert.StartsWith("<?xml", output.ToString());

        var file = Path.Combine(Path.GetTempPath(), $"qadam-report-{Guid.NewGuid():N}.csv");
        try
        {
            Assert.Equal(0, await CliApp.RunAsync(["report", "csv", project.ToString(), "--period", "2026 Q1", "--hxl", "--output", file], new StringWriter(), app.Factory.Settings));
            using var csv = await manager.GetAsync($"/api/v1/projects/{project}/report.csv?period={period}&hxl=true");
            Assert.Equal(await csv.Content.ReadAsByteArrayAsync(), await File.ReadAllBytesAsync(file));
        }
        finally { File.Delete(file); }

        var error = new StringWriter();
        Assert.Equal(1, await CliApp.RunAsync(["report", "iati", AlmatyProject, "--period", "1999 Q9"], new StringWriter(), app.Factory.Settings, error));
        Assert.Contains("2026 Q1", error.ToString());
        Assert.Equal(2, await CliApp.RunAsync(["report", "xlsx", AlmatyProject], new StringWriter(), app.Factory.Settings, new StringWriter()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReportCommandTests_Sqlite(SqliteApp app) : ReportCommandTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ReportCommandTests_Postgres(PostgresApp app) : ReportCommandTests(app);
