using Microsoft.Playwright;
using Qadam.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Qadam.IntegrationTests.Browser;

/// <summary>
/// The story of issue #9 in the browser, with users of three organisations: Almaty's operator logs the mother's call
/// without the daughter's name, registers the mother with her consent, opens a case and refers it to the Kostanai
/// centre; Kostanai's case worker accepts, opens the centre's case, assigns a psychologist, records a service and a
/// follow-up and closes it; a user of Kyzylorda finds neither the contact, the case nor the person.
/// </summary>
public abstract class ReferralStoryBrowserTests(BrowserFixture fixture)
{
    private static string Shot(string name) => Path.Combine(Path.GetTempPath(), "qadam-screens", name + ".png");

    private static async Task NoSidewaysScrollAsync(IPage page, string what) =>
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), $"{what} scrolls sideways at 820 px");

    [Fact]
    public async Task TheMothersCall_IsReferred_Accepted_Worked_AndClosed_WhileAThirdOrganisationSeesNothing()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 820, Height = 1180 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        var family = TestData.Surname("Сейтказиева");

        // Almaty's operator logs the call: no names, only descriptions.
        await BrowserFixture.SignInAsync(page, "operator1@demo.qadam.kz");
        await page.GotoAsync("/Hotline");
        await page.SelectOptionAsync("#relation", "parent");
        await page.SelectOptionAsync("#caller-sex", "female");
        await page.SelectOptionAsync("#caller-age", "30+");
        await page.SelectOptionAsync("#personatrisk-sex", "female");
        await page.SelectOptionAsync("#personatrisk-age", "18-24");
        await page.SelectOptionAsync("#personatrisk-region", "KZ-39");
        await page.SelectOptionAsync("#personofconcern-sex", "male");
        await page.CheckAsync("input[value=radicalisation-concern]");
        await page.SelectOptionAsync("#urgency", "medium");
        await page.SelectOptionAsync("#outcome", "referral");
        await page.FillAsync("#summary", "Mother: her daughter's fiancé brings her banned extremist literature. Consents to a referral to Kostanai.");
        await page.ClickAsync("#new-contact button.primary");
        await page.WaitForURLAsync("**/Hotline/Contact/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var contactUrl = new Uri(page.Url).AbsolutePath;

        // With her consent, the operator registers the mother and opens a case from the call.
        await page.ClickAsync("#register-caller");
        await page.WaitForURLAsync("**/People/Create**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.FillAsync("#Input_FamilyName", family);
        await page.FillAsync("#Input_GivenName", "Гульмира");
        await page.CheckAsync("input[name='Input.Sex'][value=female]");
        await page.FillAsync("#Input_DateOfBirth", "1976-05-14");
        await page.ClickAsync("form button.primary");
        await page.WaitForURLAsync("**/People/Details/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var personUrl = new Uri(page.Url).AbsolutePath;
        await page.SelectOptionAsync("#purpose", "services");
        await page.ClickAsync("form[action*=Consent] button");
        await Expect(page.Locator("ul.consents")).ToContainTextAsync("services", new() { IgnoreCase = true });
        await page.ClickAsync("#open-case button");
        await page.WaitForURLAsync("**/Cases/Case/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var intakeUrl = new Uri(page.Url).AbsolutePath;
        await Expect(page.Locator("h1")).ToContainTextAsync("Гульмира");

        // Referring without consent to sharing with Kostanai is refused, naming the consent.
        var kostanai = await page.Locator("#to-org option", new() { HasText = "Kostanai" }).GetAttributeAsync("value");
        await Expect(page.Locator("#to-org option", new() { HasText = "Kostanai" })).ToContainTextAsync("Family support"); // what the directory says it offers
        await page.SelectOptionAsync("#to-org", kostanai!);
        await page.FillAsync("#referral-reason", "Daughter (23) influenced by her fiancé; the family asks for a consultation.");
        await page.ClickAsync("#refer button.primary");
        await Expect(page.Locator("#consent-missing")).ToContainTextAsync("sharing with Kostanai Family Support Centre");
        await page.GotoAsync(personUrl);
        await page.SelectOptionAsync("#purpose", "sharingWithOrganisation");
        await page.SelectOptionAsync("#target", new SelectOptionValue { Label = "Kostanai Family Support Centre" });
        await page.ClickAsync("form[action*=Consent] button");
        await Expect(page.Locator("ul.consents")).ToContainTextAsync("Kostanai");
        await page.GotoAsync(intakeUrl);
        await page.SelectOptionAsync("#to-org", kostanai!);
        await page.FillAsync("#referral-reason", "Daughter (23) influenced by her fiancé; the family asks for a consultation.");
        await page.ClickAsync("#refer button.primary");
        await Expect(page.Locator("#case-referrals")).ToContainTextAsync("Waiting for an answer");
        await NoSidewaysScrollAsync(page, "the case page");
        await page.ScreenshotAsync(new() { Path = Shot("case-referred"), FullPage = true });
        await page.ClickAsync("button:has-text('Sign out')");

        // Kostanai's case worker sees the referral waiting, accepts it and opens the centre's own case.
        await BrowserFixture.SignInAsync(page, "caseworker3@demo.qadam.kz");
        await Expect(page.Locator("#queue-referrals-waiting .count")).Not.ToHaveTextAsync("0");
        Assert.Equal(404, (await page.GotoAsync(intakeUrl))!.Status); // the referred case: not before acceptance
        await page.GotoAsync("/Cases/Referrals");
        var row = page.Locator("#incoming tbody tr", new() { HasText = "Daughter (23)" });
        await Expect(row).ToContainTextAsync("Almaty Youth Support Centre");
        await NoSidewaysScrollAsync(page, "the referrals page");
        await row.Locator("button.accept").ClickAsync();
        row = page.Locator("#incoming tbody tr", new() { HasText = "Daughter (23)" });
        await Expect(row).ToContainTextAsync("Гульмира");
        await row.Locator("button.open-case").ClickAsync();
        await page.WaitForURLAsync("**/Cases/Case/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var centreUrl = new Uri(page.Url).AbsolutePath;
        await Expect(page.Locator("#workers")).ToContainTextAsync("caseworker 3");
        await page.SelectOptionAsync("#worker", new SelectOptionValue { Label = "psychologist 3 (demo)" });
        await page.ClickAsync("#assign button");
        await Expect(page.Locator("#workers")).ToContainTextAsync("psychologist 3");
        await page.FillAsync("#goal", "Restore trust between mother and daughter");
        await page.ClickAsync("#new-goal button");
        await Expect(page.Locator("#goals")).ToContainTextAsync("Restore trust");
        await page.SelectOptionAsync("#stype", "familySupport");
        await page.FillAsync("#snotes", "First meeting with the mother.");
        await page.ClickAsync("#new-service button");
        await Expect(page.Locator("#services")).ToContainTextAsync("Family support");
        await page.FillAsync("#ttitle", "Call the mother: how did the week go");
        await page.FillAsync("#tdue", DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd"));
        await page.ClickAsync("#new-task button");
        await Expect(page.Locator("#tasks")).ToContainTextAsync("Call the mother");
        await page.Locator("#tasks tbody tr", new() { HasText = "Call the mother" }).Locator("button").ClickAsync();
        await Expect(page.Locator("#tasks")).ToContainTextAsync("done");
        // Months later: closed with a reason; the history shows every change.
        await page.SelectOptionAsync("#to", "closed");
        await page.ClickAsync("#status-form button");
        await Expect(page.Locator("#StatusInput-closureReason-error")).ToBeVisibleAsync();
        await page.SelectOptionAsync("#to", "closed");
        await page.SelectOptionAsync("#reason", "goalsMet");
        await page.ClickAsync("#status-form button");
        await Expect(page.Locator("#case-status")).ToHaveTextAsync("Closed");
        await Expect(page.Locator("#case-history")).ToContainTextAsync("Goals met");
        await Expect(page.Locator("#case-history")).ToContainTextAsync("psychologist 3");
        await NoSidewaysScrollAsync(page, "the centre's case page");
        await page.ScreenshotAsync(new() { Path = Shot("case-closed"), FullPage = true });
        // The referred case is readable, not writable, for the centre.
        await page.GotoAsync(intakeUrl);
        await Expect(page.Locator("#referred-read-only")).ToBeVisibleAsync();
        await Expect(page.Locator("#new-goal")).ToHaveCountAsync(0);
        await page.ClickAsync("button:has-text('Sign out')");

        // A user of a third organisation finds neither the contact, the cases nor the person.
        await BrowserFixture.SignInAsync(page, "supervisor2@demo.qadam.kz");
        foreach (var url in new[] { contactUrl, intakeUrl, centreUrl, personUrl })
        {
            var response = await page.GotoAsync(url);
            Assert.Equal(404, response!.Status);
        }
        await page.GotoAsync("/People?q=" + Uri.EscapeDataString(family));
        await Expect(page.Locator("main")).Not.ToContainTextAsync(family);

        // The other new pages, as Kyzylorda's supervisor sees them, fit the tablet too.
        await page.GotoAsync("/Cases?all=true");
        await Expect(page.Locator("#cases tbody tr").First).ToBeVisibleAsync();
        await NoSidewaysScrollAsync(page, "the case list");
        await page.GotoAsync("/Cases/Directory");
        await Expect(page.Locator("#directory")).ToContainTextAsync("Kostanai");
        await NoSidewaysScrollAsync(page, "the service directory");
        await page.GotoAsync("/Hotline/Figures");
        await Expect(page.Locator("#by-region")).ToContainTextAsync("Kyzylorda"); // region names, not codes
        await NoSidewaysScrollAsync(page, "the hotline figures");
        await page.ScreenshotAsync(new() { Path = Shot("hotline-figures"), FullPage = true });
        await context.CloseAsync();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class ReferralStoryBrowserTests_Sqlite(BrowserFixture fixture) : ReferralStoryBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class ReferralStoryBrowserTests_Postgres(PostgresBrowserFixture fixture) : ReferralStoryBrowserTests(fixture);
