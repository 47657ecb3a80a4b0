using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qadam.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class StudyBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task MeOfficer_UploadsData_LocksPlan_RunsAndReadsTheResult()
    {
        var lalonde = Qadam.IntegrationTests.Infrastructure.SharedData.File("evaluation", "lalonde.csv");

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "meofficer1@demo.qadam.kz");
        await page.ClickAsync("nav a[href='/Evaluation']");
        await page.ClickAsync("a[href='/Evaluation/Create']");
        await page.FillAsync("#title", "NSW earnings");
        await page.FillAsync("#question", "Did the programme raise 1978 earnings?");
        await page.SetInputFilesAsync("#dataset", lalonde);
        await page.FillAsync("#treatment", "treat");
        await page.FillAsync("#outcome", "re78");
        await page.FillAsync("#covariates", "age,educ,race,married,nodegree,re74,re75");
        await page.SelectOptionAsync("#method", "nn-classic"); // a caliper needs the classic rule (MatchIt 4.5.1 would ignore it)
        await page.FillAsync("#caliper", "0.1");
        await page.ClickAsync("form button.primary");
        await page.WaitForURLAsync("**/Evaluation/Study/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Expect(page.Locator("#run")).ToHaveCountAsync(0); // cannot run before the plan is locked
        await page.ClickAsync("#lock");
        await Expect(page.Locator("#locked")).ToBeVisibleAsync();
        await page.ClickAsync("#run");
        await Expect(page.Locator("#estimate")).ToHaveTextAsync("1,835.41", new() { Timeout = 20_000 });
        await Expect(page.Locator("#summary details[open]")).ToContainTextAsync("111 participants");
        await Expect(page.Locator("#flow")).ToContainTextAsync("74");
        await Expect(page.Locator("svg[aria-label^='Love plot']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "qadam-screens", "study-result.png"), FullPage = true });
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        Assert.EndsWith(".csv", download.SuggestedFilename);
    }
}
