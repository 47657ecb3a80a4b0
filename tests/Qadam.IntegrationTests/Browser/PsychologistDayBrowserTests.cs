using Microsoft.Playwright;
using Qadam.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Qadam.IntegrationTests.Browser;

/// <summary>
/// A psychologist's day in the browser (issue #10): a new client registered with consent, a consultation with a sealed note
/// and a PHQ-9 whose item 9 is 1, a group session with the client named, the client's own WHO-5 on the handed-over
/// tablet; the supervisor sees the safety alert on the home page at once and acknowledges it with the action taken.
/// </summary>
public abstract class PsychologistDayBrowserTests(BrowserFixture fixture)
{
    private static Task NoSidewaysScrollAsync(IPage page, string what) => BrowserFixture.NoSidewaysScrollAsync(page, what);

    [Fact]
    public async Task Consultation_WithPhq9Item9_AlertsTheSupervisor_AndTheDayIsRecorded()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 820, Height = 1180 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        var family = TestData.Surname("Жанибекова");
        const string note = "Says she sometimes thinks everyone would be better off without her; no plan. Safety plan made.";

        await BrowserFixture.SignInAsync(page, "psychologist1@demo.qadam.kz");
        await page.GotoAsync("/Psychosocial");
        await Expect(page.Locator("#caseload tbody tr").First).ToBeVisibleAsync(); // the demo caseload
        await NoSidewaysScrollAsync(page, "the caseload");

        // A new client, with consent to services.
        await page.GotoAsync("/People/Create");
        await page.FillAsync("#Input_FamilyName", family);
        await page.FillAsync("#Input_GivenName", "Аяулым");
        await page.CheckAsync("input[name='Input.Sex'][value=female]");
        await page.FillAsync("#Input_DateOfBirth", "2004-02-11");
        await page.ClickAsync("form button.primary");
        await page.WaitForURLAsync("**/People/Details/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.SelectOptionAsync("#purpose", "services");
        await page.ClickAsync("form[action*=Consent] button");
        await Expect(page.Locator("ul.consents")).ToContainTextAsync("services", new() { IgnoreCase = true });
        await page.ClickAsync("#psychosocial");
        await page.WaitForURLAsync("**/Psychosocial/Client/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var clientUrl = new Uri(page.Url).AbsolutePath;

        // The consultation: issues, an intervention, the sealed note, and PHQ-9 with item 9 answered 1.
        await page.CheckAsync("#new-consultation input[name=issues][value=negative-emotions]");
        await page.CheckAsync("#new-consultation input[name=issues][value=worry-about-future]");
        await page.CheckAsync("#new-consultation input[name=interventions][value=safety-planning]");
        await page.FillAsync("#cnote", note);
        await page.ClickAsync("#consult-phq9 summary");
        int[] answers = [2, 2, 1, 1, 0, 2, 1, 0, 1];
        for (var k = 0; k < answers.Length; k++) await page.CheckAsync($"#c-phq9_{k + 1}_{answers[k]}");
        await NoSidewaysScrollAsync(page, "the consultation form");
        await page.ClickAsync("#new-consultation button.primary");
        // The page posts to itself and comes back to the same address: wait for what the saved consultation shows.
        await Expect(page.Locator("#score-list")).ToContainTextAsync("10", new() { Timeout = 20_000 }); // 2+2+1+1+0+2+1+0+1
        await Expect(page.Locator("#score-list")).ToContainTextAsync("moderate");
        await Expect(page.Locator("#safety-alerts")).ToContainTextAsync("PHQ-9 item 9");
        await Expect(page.Locator("ul.consultations")).Not.ToContainTextAsync("better off without her"); // the note is not on the list
        await page.ClickAsync("a[id^=read-note-]");
        await Expect(page.Locator("#note")).ToContainTextAsync(note);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "qadam-screens", "psychosocial-client.png"), FullPage = true });

        // A session of the weekly support group, the client named by search, three more counted anonymously.
        await page.GotoAsync("/Activities");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await page.FillAsync("#atitle", "Weekly group " + family);
        await page.SelectOptionAsync("#akind", "SupportGroup");
        await page.FillAsync("#astarts", today.AddDays(-7).ToString("yyyy-MM-dd"));
        await page.FillAsync("#avenue", "Room 2");
        await page.SelectOptionAsync("#afacilitators", new SelectOptionValue { Label = "psychologist 1 (demo)" });
        await page.ClickAsync("#new-activity button.primary");
        await page.WaitForURLAsync("**/Activities/Activity/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.FillAsync("#sdate", today.ToString("yyyy-MM-dd"));
        await page.FillAsync("#stopic", "Trust and boundaries");
        await page.ClickAsync("#new-session button");
        await Expect(page.Locator("#sessions tbody")).ToContainTextAsync("Trust and boundaries", new() { Timeout = 20_000 });
        await page.FillAsync("#q", family);
        await page.PressAsync("#q", "Enter");
        await Expect(page.Locator("#participants")).ToContainTextAsync(family, new() { Timeout = 20_000 });
        await page.FillAsync("input[name=count_female_From18To24]", "3");
        await page.ClickAsync("#attendance button.primary");
        await Expect(page.Locator("#registered-total")).ToHaveTextAsync("1", new() { Timeout = 20_000 });
        await Expect(page.Locator("#anonymous-total")).ToHaveTextAsync("3");
        await NoSidewaysScrollAsync(page, "the activity page");

        // The client fills in WHO-5 on the tablet: no navigation, no name, no score shown back.
        await page.GotoAsync(clientUrl);
        await page.ClickAsync("#fill-who5");
        await page.WaitForURLAsync("**/Psychosocial/Fill/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(0, await page.Locator("header nav").CountAsync());
        await Expect(page.Locator("main")).Not.ToContainTextAsync(family);
        for (var k = 1; k <= 5; k++) await page.CheckAsync($"#who5_{k}_3");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "qadam-screens", "psychosocial-tablet.png"), FullPage = true });
        await NoSidewaysScrollAsync(page, "the tablet page");
        await page.ClickAsync("#self-fill button.primary");
        await Expect(page.Locator("#thanks")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "qadam-screens", "psychosocial-tablet-done.png") });
        await Expect(page.Locator("main")).Not.ToContainTextAsync("60");
        await page.GotoAsync(clientUrl);
        await Expect(page.Locator("#score-list")).ToContainTextAsync("filled in by the client");

        // The supervisor sees the alert on the home page at once, and acknowledges it with the action taken.
        await BrowserFixture.SignInAsync(page, "supervisor1@demo.qadam.kz");
        await page.GotoAsync("/");
        var alert = page.Locator("#safety-alerts li", new() { HasText = family });
        await Expect(alert).ToContainTextAsync("PHQ-9 item 9");
        await alert.Locator("input[name='Ack.ActionTaken']").FillAsync("Called the client with the psychologist; safety plan confirmed; next session in two days.");
        await alert.Locator("button").ClickAsync();
        await page.WaitForURLAsync("**/Psychosocial", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Expect(page.Locator("#safety-alerts li", new() { HasText = family })).ToHaveCountAsync(0);
        await Expect(page.Locator("#team")).ToContainTextAsync("psychologist 1");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "qadam-screens", "psychosocial-team.png"), FullPage = true });
        await NoSidewaysScrollAsync(page, "the team view");
        // The supervisor reads the note too (sealed to the author and the clinical supervisors).
        await page.GotoAsync(clientUrl);
        await page.ClickAsync("a[id^=read-note-]");
        await Expect(page.Locator("#note")).ToContainTextAsync(note);
        await page.GotoAsync("/Psychosocial/Figures");
        await Expect(page.Locator("#outcomes")).ToContainTextAsync("PHQ-9");
        await NoSidewaysScrollAsync(page, "the support figures");
        await context.CloseAsync();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class PsychologistDayBrowserTests_Sqlite(BrowserFixture fixture) : PsychologistDayBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class PsychologistDayBrowserTests_Postgres(PostgresBrowserFixture fixture) : PsychologistDayBrowserTests(fixture);
