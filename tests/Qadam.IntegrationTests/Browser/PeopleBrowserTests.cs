using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qadam.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class PeopleBrowserTests(BrowserFixture fixture)
{
    private static string Shot(string name) => Path.Combine(Path.GetTempPath(), "qadam-screens", name + ".png");

    [Fact]
    public async Task CaseWorker_RegistersCyrillicName_FindsItByLatinSpelling_AndTheViewIsAudited()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "caseworker1@demo.qadam.kz");
        await Expect(page.Locator("h1")).ToHaveTextAsync("What needs my attention");

        // Register a person written in Cyrillic, with a validation error first (inline, next to the field).
        await page.GotoAsync("/People/Create");
        await page.FillAsync("#Input_FamilyName", "Сәрсенбаева");
        await page.FillAsync("#Input_GivenName", "Меруерт");
        await page.CheckAsync("input[name='Input.Sex'][value=female]");
        await page.FillAsync("#Input_DateOfBirth", "2002-06-15");
        await page.FillAsync("#Input_Phone", "not a phone");
        await page.ClickAsync("form button.primary");
        await Expect(page.Locator("#Input-Phone-error")).ToContainTextAsync("phone number");
        await Expect(page.Locator("#Input_Phone")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.FillAsync("#Input_Phone", "8 702 555 66 77");
        await page.ClickAsync("form button.primary");
        await page.WaitForURLAsync("**/People/Details/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var personUrl = page.Url;
        await Expect(page.Locator("h1")).ToContainTextAsync("Сәрсенбаева Меруерт");
        await page.ScreenshotAsync(new() { Path = Shot("person-details"), FullPage = true });

        // Find her by a Latin spelling.
        await page.GotoAsync("/People");
        await page.FillAsync("#q", "Meruyert Sarsenbayeva");
        await page.ClickAsync("form.search button");
        var result = page.Locator("table.list tbody tr");
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result.First).ToContainTextAsync("Сәрсенбаева Меруерт");
        await page.ScreenshotAsync(new() { Path = Shot("people-search") });

        // Open her page: the view is in the trail shown on the page…
        await result.First.Locator("a").ClickAsync();
        await page.WaitForURLAsync(personUrl, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Expect(page.Locator("#who-viewed tbody")).ToContainTextAsync("caseworker1@demo.qadam.kz");
        await Expect(page.Locator("#who-viewed tbody")).ToContainTextAsync("Viewed the record");

        // …and in the audit trail viewer of her organisation's supervisor.
        var id = personUrl[(personUrl.LastIndexOf('/') + 1)..];
        await page.ClickAsync("button:has-text('Sign out')");
        await BrowserFixture.SignInAsync(page, "supervisor1@demo.qadam.kz");
        await page.GotoAsync($"/AuditTrail?entityId={id}&action=Person_Viewed");
        await Expect(page.Locator("#audit-table tbody")).ToContainTextAsync("caseworker 1 (demo)");
        // The supervisor finds her events by a spelling of her name, and sees names, not ids.
        await page.GotoAsync("/AuditTrail");
        await page.FillAsync("#person", "Meruyert Sarsenbayeva");
        await page.ClickAsync("form.filters button");
        await Expect(page.Locator("#audit-table tbody")).ToContainTextAsync("Сәрсенбаева Меруерт");
        await Expect(page.Locator("#audit-table tbody")).ToContainTextAsync("Viewed the record");
        // On an 820 px tablet the trail, with its details in words, fits without horizontal scrolling.
        await page.SetViewportSizeAsync(820, 1100);
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "the audit trail scrolls sideways at 820 px");
        await page.ScreenshotAsync(new() { Path = Shot("audit-trail"), FullPage = true });
    }

    [Fact]
    public async Task LanguageSwitch_ToKazakh_TranslatesLabels_AndIsRemembered()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.SelectOptionAsync("#culture-select", "kk");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Жүйеге кіру");
        await Expect(page.Locator("label[for=password]")).ToHaveTextAsync("Құпиясөз");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "kk");

        await BrowserFixture.SignInAsync(page, "caseworker1@demo.qadam.kz");
        await Expect(page.Locator("nav")).ToContainTextAsync("Адамдар");
        await page.GotoAsync("/People/Create");
        await Expect(page.Locator("label[for=Input_FamilyName]")).ToContainTextAsync("Тегі");
        await Expect(page.Locator("label[for=Input_Iin]")).ToHaveTextAsync("ЖСН");
        await page.ScreenshotAsync(new() { Path = Shot("create-kk"), FullPage = true });

        await page.SelectOptionAsync("#culture-select", "ru");
        await Expect(page.Locator("label[for=Input_Iin]")).ToHaveTextAsync("ИИН");
    }

    [Fact]
    public async Task TabletViewport_PeopleListIsUsable_WithoutHorizontalScrolling()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 768, Height = 1024 }, Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "caseworker2@demo.qadam.kz");
        await page.GotoAsync("/People");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Люди");
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);
        await page.ScreenshotAsync(new() { Path = Shot("people-tablet-ru") });
    }
}
