using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qadam.IntegrationTests.Browser;

/// <summary>
/// Issue #11 in the browser, on SQLite and PostgreSQL: on an 820 px tablet a coordinator runs the demo's oversubscribed
/// winter cohort by lottery (eligibility, locked plan, draw) and approves the winners' match without scrolling sideways;
/// an M&amp;E officer reading in Kazakh evaluates the spring cohort's lottery and the results page has no English words.
/// </summary>
public abstract partial class LotteryBrowserTests(BrowserFixture fixture)
{
    private static string Shot(string name) => Path.Combine(Path.GetTempPath(), "qadam-screens", name + ".png");

    [Fact]
    public async Task Coordinator_RunsALotteryCohort_AndApprovesTheWinnersMatch_OnATablet()
    {
        var page = await fixture.NewTabletPageAsync();
        await BrowserFixture.SignInAsync(page, "coordinator1@demo.qadam.kz");
        await page.GotoAsync("/Scheme/Lotteries");
        await Expect(page.Locator("#lotteries")).ToContainTextAsync("Весна-2026"); // the demo's drawn spring cohort
        await BrowserFixture.NoSidewaysScrollAsync(page, "the lotteries page");

        await page.SelectOptionAsync("#region", "KZ-19");
        await page.SelectOptionAsync("#cohort", "Зима-2027");
        await page.FillAsync("#starts", "2027-01-11");
        await page.ClickAsync("#preview");
        await Expect(page.Locator("#lottery-preview")).ToContainTextAsync("5 places within their reach", new() { Timeout = 20_000 });
        var eligible = int.Parse(Regex.Match(await page.Locator("#lottery-preview").InnerTextAsync(), @"(\d+) eligible applicants").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(eligible, 6, 16); // the demo's winter cohort, all within reach of a place
        await Expect(page.Locator("#preview-strata tbody tr")).ToHaveCountAsync(2); // Almaty Region × women / men
        await BrowserFixture.NoSidewaysScrollAsync(page, "the lottery preview");
        await page.ClickAsync("#lock");
        await Expect(page.Locator("#plan-hash")).ToHaveTextAsync(new Regex("^[0-9a-f]{64}$"), new() { Timeout = 20_000 });
        await Expect(page.Locator("#seed")).ToHaveCountAsync(0); // hidden until the draw
        await BrowserFixture.NoSidewaysScrollAsync(page, "the locked lottery");

        await page.ClickAsync("#draw");
        await Expect(page.Locator("#reproduced")).ToContainTextAsync("Checked", new() { Timeout = 20_000 });
        await Expect(page.Locator("#entrants tbody tr[data-drawn=true]")).ToHaveCountAsync(5);
        await Expect(page.Locator("#entrants tbody tr[data-drawn=false]")).ToHaveCountAsync(eligible - 5);
        await Expect(page.Locator("#entrants")).ToContainTextAsync("waiting list, number 1");
        await Expect(page.Locator("#draw")).ToHaveCountAsync(0); // once only
        await page.ScreenshotAsync(new() { Path = Shot("lottery-drawn-820"), FullPage = true });
        await BrowserFixture.NoSidewaysScrollAsync(page, "the drawn lottery");

        await page.ClickAsync("#match-winners");
        await Expect(page.Locator("#region")).ToHaveValueAsync("KZ-19");
        await Expect(page.Locator("#cohort")).ToHaveValueAsync("Зима-2027");
        await BrowserFixture.NoSidewaysScrollAsync(page, "the matching form");
        await page.ClickAsync("#new-run button.primary");
        var approve = page.Locator("#approve");
        await Expect(approve).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("#proposal tbody tr")).ToHaveCountAsync(5); // the winners only
        await Expect(page.Locator("#cost-explained")).ToContainTextAsync("1 point per km");
        await page.ScreenshotAsync(new() { Path = Shot("lottery-run-820"), FullPage = true });
        await BrowserFixture.NoSidewaysScrollAsync(page, "the proposal");
        var placed = await page.Locator("#assigned").InnerTextAsync();
        await approve.ClickAsync();
        await Expect(page.Locator("#approved")).ToContainTextAsync($"{placed} placements created", new() { Timeout = 20_000 });
        await BrowserFixture.NoSidewaysScrollAsync(page, "the approved run");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EverySchemePage_FitsATablet_WithoutSidewaysScrolling()
    {
        var page = await fixture.NewTabletPageAsync("ru-RU");
        await page.GotoAsync("/Account/Login");
        await page.SelectOptionAsync("#culture-select", "ru"); // the longer words
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await BrowserFixture.SignInAsync(page, "coordinator1@demo.qadam.kz");
        foreach (var url in new[] { "/Scheme", "/Scheme/Employers", "/Scheme/Applicants", "/Scheme/Placements", "/Scheme/Runs", "/Scheme/Lotteries", "/Scheme/Import" })
        {
            await page.GotoAsync(url);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            await BrowserFixture.NoSidewaysScrollAsync(page, url);
        }
        foreach (var (list, link) in new[] { ("/Scheme/Employers", "#employers a"), ("/Scheme/Placements", "#placements a"), ("/Scheme/Lotteries", "#lotteries a") })
        {
            await page.GotoAsync(list);
            await page.Locator(link).First.ClickAsync();
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            await BrowserFixture.NoSidewaysScrollAsync(page, page.Url);
        }
        await page.ClickAsync("button:has-text('Выйти')");
        await BrowserFixture.SignInAsync(page, "employer1@demo.qadam.kz");
        await page.GotoAsync("/Scheme/Apprentices");
        await BrowserFixture.NoSidewaysScrollAsync(page, "/Scheme/Apprentices");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MeOfficer_InKazakh_EvaluatesTheSpringLottery_AndTheResultsPageHasNoEnglish()
    {
        var page = await fixture.NewTabletPageAsync("kk-KZ");
        await page.GotoAsync("/Account/Login");
        await page.SelectOptionAsync("#culture-select", "kk");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "kk");
        await BrowserFixture.SignInAsync(page, "meofficer1@demo.qadam.kz");
        await page.GotoAsync("/Evaluation/Create");
        await Expect(page.Locator("#lottery-compares")).ToBeVisibleAsync();
        await page.FillAsync("#title", "Көктемгі лектің жеребесі");
        await page.FillAsync("#question", "Тағылымдамаға орын ұсыну аяқталғанда толық жұмыспен қамтуды арттыра ма?");
        await page.SelectOptionAsync("#source", "apprenticeship");
        await page.FillAsync("#outcome", "fullTimeAtCompletion");
        await page.FillAsync("#covariates", "age,female");
        await page.SelectOptionAsync("#method", "lottery");
        await page.ClickAsync("form button.primary");
        await page.WaitForURLAsync("**/Evaluation/Study/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.ClickAsync("#lock");
        await Expect(page.Locator("#locked")).ToBeVisibleAsync();
        await page.ClickAsync("#run");
        await Expect(page.Locator("#randomisation-p")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("#flow")).ToContainTextAsync("Жеребе түскендер");
        await page.ScreenshotAsync(new() { Path = Shot("lottery-study-kk"), FullPage = true });
        await BrowserFixture.NoSidewaysScrollAsync(page, "the results page");

        // The page's own words, without the plan hash (hexadecimal) and the summaries offered in the other languages.
        var text = await page.EvaluateAsync<string>("""
            (() => { const m = document.querySelector('main').cloneNode(true);
                     m.querySelectorAll('code, [lang]:not([lang=kk])').forEach(e => e.remove());
                     m.querySelectorAll('svg').forEach(e => { const t = document.createElement('span'); t.textContent = ' ' + (e.getAttribute('aria-label') || '') + ' ' + e.textContent + ' '; e.replaceWith(t); });
                     return m.innerText; })()
            """);
        var kazakh = Resources("SharedResource.kk.resx");
        var english = LatinWord().Matches(text).Select(m => m.Value).Distinct().Where(w => !kazakh.Contains(w)).ToList();
        Assert.True(english.Count == 0, "English on the Kazakh results page: " + string.Join(", ", english));
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The Latin-script words the Kazakh resources may use: abbreviations (ITT, SE, CR1, CSV…) and proper names (Abadie &amp; Imbens,
    /// Wald) — only those the Kazakh resources themselves contain. Anything else in Latin script is English left untranslated.
    /// </summary>
    private static HashSet<string> Resources(string file)
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Qadam.slnx"))) dir = Path.GetDirectoryName(dir)!;
        var values = XDocument.Load(Path.Combine(dir, "src/Qadam.Web/Resources", file)).Root!.Elements("data").Select(d => (string)d.Element("value")!);
        string[] names = ["Abadie", "Imbens", "Qadam", "MatchIt"];
        return values.SelectMany(v => LatinWord().Matches(v).Select(m => m.Value))
            .Where(w => w.All(c => char.IsUpper(c) || char.IsDigit(c)) || names.Contains(w)).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\b[A-Za-z]{2,}\b")]
    private static partial Regex LatinWord();
}

[Collection(BrowserCollection.Name)]
public sealed class LotteryBrowserTests_Sqlite(BrowserFixture fixture) : LotteryBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class LotteryBrowserTests_Postgres(PostgresBrowserFixture fixture) : LotteryBrowserTests(fixture);
