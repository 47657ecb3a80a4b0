using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qadam.IntegrationTests.Browser;

/// <summary>A coordinator runs a match for one region in the browser, adjusts it and approves it; the employer then sees
/// its new apprentices by first name. Runs on SQLite and on PostgreSQL.</summary>
public abstract class SchemeBrowserTests(BrowserFixture fixture)
{
    private static string Shot(string name) => Path.Combine(Path.GetTempPath(), "qadam-screens", name + ".png");

    [Fact]
    public async Task Coordinator_RunsAMatchForOneRegion_AdjustsIt_AndApproves()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "coordinator1@demo.qadam.kz");
        await page.ClickAsync("header nav a[href='/Scheme']");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Apprenticeship scheme");
        await Expect(page.Locator("#figures")).ToContainTextAsync("At completion");

        await page.GotoAsync("/Scheme/Runs");
        await page.ClickAsync("#new-run button.primary"); // empty: errors name the fields
        await Expect(page.Locator("#Input-title-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#Input-regionCode-error")).ToBeVisibleAsync();
        await page.FillAsync("#title", "Almaty, autumn cohort");
        await page.SelectOptionAsync("#region", "KZ-75");
        await page.SelectOptionAsync("#cohort", "Осень-2026");
        await page.FillAsync("#starts", "2026-12-01");
        await page.ClickAsync("#new-run button.primary");
        await page.WaitForURLAsync("**/Scheme/Run/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        // The background job finishes; the page refreshes itself until the proposal is there.
        var approve = page.Locator("#approve");
        await Expect(approve).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var placed = int.Parse(await page.Locator("#assigned").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(placed > 0);
        // Rows are in the order applicants applied (they stay put while the coordinator adjusts); the placed ones explain the distance.
        await Expect(page.Locator("#proposal tbody tr:has(button[value=forbid])").First.Locator("td.why")).ToContainTextAsync("km");
        await page.ScreenshotAsync(new() { Path = Shot("match-run-proposal"), FullPage = true });

        // Forbid the first proposed pair: the run is solved again without it.
        var first = page.Locator("#proposal tbody tr:has(button[value=forbid])").First;
        var applicant = await first.GetAttributeAsync("data-applicant");
        var before = await first.Locator("td").Nth(1).InnerTextAsync();
        await first.Locator("button[value=forbid]").ClickAsync();
        await Expect(approve).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var row = page.Locator($"#proposal tbody tr[data-applicant='{applicant}']");
        await Expect(row.Locator("td").Nth(1)).Not.ToHaveTextAsync(before);
        await Expect(row.Locator("button[value=clear]")).ToBeVisibleAsync();

        var toApprove = int.Parse(await page.Locator("#assigned").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await approve.ClickAsync();
        await Expect(page.Locator("#approved")).ToContainTextAsync($"{toApprove} placements created");
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("Approved");

        await page.GotoAsync("/Scheme/Placements?status=Active");
        await Expect(page.Locator("#placements tbody tr")).ToHaveCountAsync(toApprove);
        // Which employers got apprentices depends on the optimal match after the forbidden pair; the bakery's account must
        // get the notice exactly when the bakery got someone.
        var atBakery = await page.Locator("#placements tbody tr", new() { HasText = "Нан үйі" }).CountAsync();
        await page.ScreenshotAsync(new() { Path = Shot("placements"), FullPage = true });

        // The cohort's soft-skills training, as a general group activity: a session, two participants and a head-count.
        await page.GotoAsync("/Activities");
        await page.FillAsync("#atitle", "Leadership and emotional intelligence");
        await page.SelectOptionAsync("#akind", "Training");
        await page.FillAsync("#astarts", "2026-12-01");
        await page.FillAsync("#aends", "2027-02-28");
        await page.ClickAsync("#new-activity button.primary");
        await page.WaitForURLAsync("**/Activities/Activity/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.FillAsync("#sdate", "2026-12-05");
        await page.FillAsync("#stopic", "Communication under stress");
        await page.ClickAsync("#new-session button");
        await Expect(page.Locator("#sessions tbody tr")).ToHaveCountAsync(1);
        var boxes = page.Locator("#attendance input[name=personIds]");
        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();
        await page.FillAsync("input[name=count_female_From18To24]", "3");
        await page.ClickAsync("#attendance button.primary");
        await Expect(page.Locator("#sessions tbody tr").First).ToContainTextAsync("Communication under stress");
        await Expect(page.Locator("#sessions tbody tr td").Nth(2)).ToHaveTextAsync("2");
        await Expect(page.Locator("#sessions tbody tr td").Nth(3)).ToHaveTextAsync("3");

        // The bakery's account sees its apprentices by first name, and the notice of their arrival.
        await page.ClickAsync("button:has-text('Sign out')");
        await BrowserFixture.SignInAsync(page, "employer1@demo.qadam.kz");
        await page.GotoAsync("/Scheme/Apprentices");
        await Expect(page.Locator("h1")).ToHaveTextAsync("My apprentices");
        if (atBakery > 0) await Expect(page.Locator("#notices")).ToContainTextAsync("2026-12-01");
        else await Expect(page.Locator("#notices")).ToHaveCountAsync(0);
        await page.GotoAsync("/Scheme/Placements");
        Assert.Contains("/Account/Denied", page.Url);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class SchemeBrowserTests_Sqlite(BrowserFixture fixture) : SchemeBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class SchemeBrowserTests_Postgres(PostgresBrowserFixture fixture) : SchemeBrowserTests(fixture);
