using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qadam.IntegrationTests.Browser;

/// <summary>The operator's screen on SQLite and PostgreSQL: the mother's call, the draft surviving a reload and a closed tab.</summary>
public abstract class HotlineBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TheDraft_SurvivesAClosedTab_AndGoesOnceTheContactIsSaved()
    {
        var options = new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 820, Height = 1180 }, Locale = "en-GB" };
        var context = await fixture.Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "psychologist1@demo.qadam.kz");
        await page.GotoAsync("/Hotline");
        await page.SelectOptionAsync("#relation", "self");
        await page.CheckAsync("input[value=depression]");
        var sent = page.WaitForResponseAsync(r => r.Url.Contains("handler=Draft", StringComparison.Ordinal) && r.Request.PostData!.Contains("In distress, closed tab", StringComparison.Ordinal));
        await page.FillAsync("#summary", "In distress, closed tab");
        Assert.Equal(204, (await sent).Status);
        await context.CloseAsync(); // the tab (and its session storage) is gone

        context = await fixture.Browser.NewContextAsync(options);
        page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "psychologist1@demo.qadam.kz");
        await page.GotoAsync("/Hotline");
        await Expect(page.Locator("#summary")).ToHaveValueAsync("In distress, closed tab");
        await Expect(page.Locator("#relation")).ToHaveValueAsync("self");
        await Expect(page.Locator("input[value=depression]")).ToBeCheckedAsync();
        await page.SelectOptionAsync("#urgency", "high");
        await page.SelectOptionAsync("#outcome", "counselling");
        await page.ClickAsync("#new-contact button.primary");
        await Expect(page.Locator("#contact-saved")).ToBeVisibleAsync();
        await context.CloseAsync();

        // Saved: neither this browser nor another finds the draft again.
        context = await fixture.Browser.NewContextAsync(options);
        page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "psychologist1@demo.qadam.kz");
        await page.GotoAsync("/Hotline");
        await Expect(page.Locator("#summary")).ToHaveValueAsync("");
        await context.CloseAsync();
    }

    [Fact]
    public async Task Operator_LogsTheMothersCall_WithoutNames_AndTheDraftSurvivesAReload()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 820, Height = 1180 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "operator1@demo.qadam.kz");
        await page.GotoAsync("/Hotline");
        await page.SelectOptionAsync("#relation", "parent");
        await page.SelectOptionAsync("#personatrisk-sex", "female");
        await page.SelectOptionAsync("#personatrisk-age", "18-24");
        await page.SelectOptionAsync("#personatrisk-region", "KZ-39");
        await page.SelectOptionAsync("#personofconcern-sex", "male");
        await page.CheckAsync("input[value=radicalisation-concern]");
        await page.FillAsync("#summary", "Mother worried: the daughter's fiancé brings banned literature.");

        // The connection drops, the operator reloads: nothing typed is lost.
        await page.ReloadAsync();
        await Expect(page.Locator("#relation")).ToHaveValueAsync("parent");
        await Expect(page.Locator("#personatrisk-age")).ToHaveValueAsync("18-24");
        await Expect(page.Locator("input[value=radicalisation-concern]")).ToBeCheckedAsync();
        await Expect(page.Locator("#summary")).ToHaveValueAsync("Mother worried: the daughter's fiancé brings banned literature.");

        // Immediate danger shows the escalation protocol on the screen.
        await Expect(page.Locator(".protocol")).ToBeHiddenAsync();
        await page.SelectOptionAsync("#urgency", "immediateDanger");
        await Expect(page.Locator(".protocol")).ToBeVisibleAsync();
        await page.SelectOptionAsync("#urgency", "medium");
        await page.SelectOptionAsync("#outcome", "information");
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "the operator screen scrolls sideways at 820 px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "qadam-screens", "hotline-new.png"), FullPage = true });
        await page.ClickAsync("#new-contact button.primary");

        await page.WaitForURLAsync("**/Hotline/Contact/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Expect(page.Locator("#contact-saved")).ToBeVisibleAsync();
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Radicalisation concern");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("18-24");
        // Saved: the next new contact starts empty.
        await page.GotoAsync("/Hotline");
        await Expect(page.Locator("#summary")).ToHaveValueAsync("");
        await Expect(page.Locator("#contacts tbody")).ToContainTextAsync("Radicalisation concern");

        // The call the telephony system opened is completed from its page.
        await page.Locator("#contacts tbody tr", new() { HasText = "Open" }).First.Locator("a").ClickAsync();
        await page.WaitForURLAsync("**/Hotline/Contact/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Expect(page.Locator("#repeat")).ToBeVisibleAsync(); // the demo's repeat caller
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "the contact page scrolls sideways at 820 px");
        await page.SelectOptionAsync("#complete-contact #relation", "self");
        await page.CheckAsync("#complete-contact input[value=stress-anxiety]");
        await page.SelectOptionAsync("#complete-contact #urgency", "low");
        await page.SelectOptionAsync("#complete-contact #outcome", "counselling");
        await page.ClickAsync("#complete-contact button.primary");
        await Expect(page.Locator("#contact-saved")).ToBeVisibleAsync();
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Completed");
        await context.CloseAsync();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class HotlineBrowserTests_Sqlite(BrowserFixture fixture) : HotlineBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class HotlineBrowserTests_Postgres(PostgresBrowserFixture fixture) : HotlineBrowserTests(fixture);
