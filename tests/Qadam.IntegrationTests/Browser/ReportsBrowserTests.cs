using System.Xml.Linq;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qadam.IntegrationTests.Browser;

/// <summary>
/// Issue #12 in the browser, on SQLite and PostgreSQL: a programme manager's home page is the dashboard of their projects
/// (progress against targets as a chart with its table); the project's report shows each indicator's chart beside its
/// table, with no sideways scrolling on a tablet; the IATI file downloads; a liaison's home shows the national figures, suppressed.
/// </summary>
public abstract class ReportsBrowserTests(BrowserFixture fixture)
{
    private static string Shot(string name) => Path.Combine(Path.GetTempPath(), "qadam-screens", name + ".png");

    [Fact]
    public async Task Manager_SeesProgressAgainstTargets_AsAChartWithItsTable_AndDownloadsTheIatiFile()
    {
        var page = await fixture.NewTabletPageAsync();
        await BrowserFixture.SignInAsync(page, "manager1@demo.qadam.kz");
        await page.GotoAsync("/");
        var dashboard = page.Locator("section.dashboard").First;
        await Expect(dashboard).ToContainTextAsync("Молодёжь Алматы");
        // The chart has a text alternative, and the same numbers are in a table beside it.
        var chart = dashboard.Locator("svg.chart[role=img]").First;
        await Expect(chart).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("share of its target"));
        Assert.True(await dashboard.Locator("table.progress-table tbody tr").CountAsync() >= 10);
        await Expect(dashboard.Locator("table.progress-table")).ToContainTextAsync("Молодёжь, направленная на стажировку");
        await Expect(dashboard.Locator(".status").First).ToBeVisibleAsync();
        Assert.True(await chart.Locator("rect").CountAsync() > 0);
        await BrowserFixture.NoSidewaysScrollAsync(page, "the manager's dashboard");
        await page.ScreenshotAsync(new() { Path = Shot("reports-dashboard"), FullPage = true });

        // The project list (with the new-project form) and the logframe editor fit the tablet too.
        await page.GotoAsync("/Reports");
        await Expect(page.Locator("#projects")).ToContainTextAsync("Government of Japan");
        await BrowserFixture.NoSidewaysScrollAsync(page, "the project list");
        await page.Locator("#projects a").First.ClickAsync();
        await page.Locator("#edit-logframe").ClickAsync();
        await Expect(page.Locator("#indicators")).ToBeVisibleAsync();
        await BrowserFixture.NoSidewaysScrollAsync(page, "the logframe editor");
        await page.GotoAsync("/");
        await dashboard.Locator("h2 a").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Молодёжь Алматы");
        var placed = page.Locator("article.indicator[data-code='1.2.a']");
        await Expect(placed.Locator("svg.chart").First).ToBeVisibleAsync();
        await Expect(placed.Locator("table.values")).ToContainTextAsync("2026 Q1");
        await Expect(page.Locator("#disclosure")).ToContainTextAsync("Exact figures");
        await Expect(page.Locator("#periods")).ToContainTextAsync("frozen v1");
        await BrowserFixture.NoSidewaysScrollAsync(page, "the project report");
        await page.ScreenshotAsync(new() { Path = Shot("reports-project"), FullPage = true });
        await placed.ScreenshotAsync(new() { Path = Shot("reports-indicator") });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-iati"));
        Assert.EndsWith("-iati.xml", download.SuggestedFilename);
        var path = await download.PathAsync();
        var doc = XDocument.Load(path!);
        Assert.Equal("2.03", doc.Root!.Attribute("version")!.Value);
        Assert.Equal("KZ-BIN-140440012345-PVE-ALM-2026", doc.Root.Element("iati-activity")!.Element("iati-identifier")!.Value);
        Assert.NotEmpty(doc.Descendants("result"));

        // The manager closes the last ended quarter; it is then frozen with its hash.
        var close = page.Locator("#periods button.primary");
        if (await close.CountAsync() > 0)
        {
            await close.First.ClickAsync();
            await Expect(page.Locator("#done")).ToContainTextAsync("frozen", new() { Timeout = 20_000 });
            await Expect(page.Locator("#frozen-note code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));
        }
    }

    [Fact]
    public async Task Liaison_SeesNationalFigures_Suppressed_InRussian()
    {
        var page = await fixture.NewTabletPageAsync("ru-RU");
        await BrowserFixture.SignInAsync(page, "liaison2@demo.qadam.kz");
        await page.GotoAsync("/");
        await Expect(page.Locator("h2").Filter(new() { HasText = "Национальные и региональные цифры" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var national = page.Locator("section.national");
        await Expect(national).ToHaveCountAsync(2); // both demo projects share their figures
        await Expect(national.First.Locator("table")).ToContainTextAsync("Казахстан (все регионы)");
        await Expect(page.Locator("main")).ToContainTextAsync("<5");
        await BrowserFixture.NoSidewaysScrollAsync(page, "the liaison's national figures");
        await page.ScreenshotAsync(new() { Path = Shot("reports-national"), FullPage = true });
    }
}

[Collection(BrowserCollection.Name)]
public sealed class ReportsBrowserTests_Sqlite(BrowserFixture fixture) : ReportsBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class ReportsBrowserTests_Postgres(PostgresBrowserFixture fixture) : ReportsBrowserTests(fixture);
