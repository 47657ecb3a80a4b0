using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Qadam.IntegrationTests.Browser;

/// <summary>
/// The mother's call logged with the keyboard only, counting every key: the figure the issue asks for (the notes quote
/// it). Each key goes to the field it is meant for — the saved contact is checked — so the count cannot drift silently.
/// No time is asserted; the scripted time is printed for the record.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OperatorKeystrokesTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task TheMothersCall_TakesAboutThirtyKeystrokes_PlusTheSummary()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 820, Height = 1180 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "operator1@demo.qadam.kz");
        await page.GotoAsync("/Hotline");
        await Expect(page.Locator("#channel")).ToBeFocusedAsync(); // the form opens on the first field
        const string summary = "Mother: daughter's fiance brings banned literature; referred to Kostanai.";
        var keys = 0;
        async Task Press(params string[] sequence)
        {
            foreach (var k in sequence) { await page.Keyboard.PressAsync(k); keys++; }
        }
        var clock = Stopwatch.StartNew();
        await Press("Tab", "p");                 // caller relation: parent
        await Press("Tab", "Tab", "f");          // (line) caller: female
        await Press("Tab", "3");                 // age 30+
        await Press("Tab", "Tab", "f");          // (region) person at risk: female
        await Press("Tab", "1", "8");            // 18-24
        await Press("Tab", "k", "o", "s");       // Kostanai region
        await Press("Tab", "m");                 // person of concern: male
        await Press("Tab", "Tab", "Tab", " ");   // (age, region) first category: radicalisation concern
        await Press("Alt+u", "m");               // urgency: medium
        await Press("Tab", "r");                 // outcome: referral
        await Press("Tab");
        var fields = keys;
        await page.Keyboard.TypeAsync(summary);
        keys += summary.Length;
        await Press("Alt+s");
        await page.WaitForURLAsync("**/Hotline/Contact/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        clock.Stop();

        var facts = page.Locator("dl.facts");
        foreach (var text in new[] { "Parent", "Female · 30+", "Female · 18-24 · KZ-39", "Male", "Radicalisation concern", "Medium", "Referral", summary })
            await Expect(facts).ToContainTextAsync(text);
        output.WriteLine($"mother's call: {fields} keystrokes for the fields, {summary.Length} for a {summary.Length}-character summary, 1 to save; {keys} in all; scripted {clock.ElapsedMilliseconds} ms");
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "qadam-screens", "keystrokes.txt"), $"fields={fields} summary={summary.Length} total={keys} scriptedMs={clock.ElapsedMilliseconds}\n");
        Assert.True(fields <= 30, $"{fields} keystrokes for the fields");
        await context.CloseAsync();
    }
}
