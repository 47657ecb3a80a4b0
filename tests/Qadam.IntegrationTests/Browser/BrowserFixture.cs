using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Browser;

/// <summary>Qadam on a real Kestrel socket (SQLite) and Debian's Chromium driven by Playwright.</summary>
public class BrowserFixture : IAsyncLifetime
{
    private string? dbPath;
    private IPlaywright? playwright;
    public QadamFactory Factory { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static string ChromiumPath => Environment.GetEnvironmentVariable("QADAM_CHROMIUM") ?? "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        // The demo at its real size (300 people), as a newcomer sees it: every cohort of the demo scheme is populated.
        Factory = new QadamFactory(Provider, await CreateDatabaseAsync(), demoPeople: 300);
        Factory.UseKestrel(0);
        Factory.StartServer();
        BaseUrl = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"Chromium not found at {ChromiumPath}: run the tests through scripts/test, which installs it.");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, BaseURL = BaseUrl, ViewportSize = new() { Width = 1024, Height = 768 } });
        return await context.NewPageAsync();
    }

    /// <summary>A page in a fresh context the size of an 820 px tablet (portrait).</summary>
    public async Task<IPage> NewTabletPageAsync(string locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new() { Width = 820, Height = 1180 }, Locale = locale });
        return await context.NewPageAsync();
    }

    public static async Task NoSidewaysScrollAsync(IPage page, string what) =>
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), $"{what} scrolls sideways at {page.ViewportSize?.Width} px");

    public static async Task SignInAsync(IPage page, string email)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("#email", email);
            await page.FillAsync("#password", AppFixture.Password);
            await page.ClickAsync("main form button[type=submit]");
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 30_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                // Seen rarely on a loaded 2-core machine: the page stays on the sign-in form with nothing reported. Say what
                // the page shows, then sign in again from a fresh form (the count of attempts is in the log).
                if (!page.Url.Contains("/Account/Login", StringComparison.Ordinal)) return;
                Console.WriteLine($"sign-in as {email} (attempt {attempt}) still on {page.Url} after 30 s; the page says: {await page.Locator("main").InnerTextAsync()}");
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        await Factory.DisposeAsync();
        await DropDatabaseAsync();
    }

    protected virtual string Provider => "Sqlite";

    protected virtual Task<string> CreateDatabaseAsync()
    {
        dbPath = Path.Combine(Path.GetTempPath(), "qadam-tests", $"browser-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(dbPath)!);
        return Task.FromResult($"Data Source={dbPath}");
    }

    protected virtual Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { dbPath!, dbPath + "-wal", dbPath + "-shm" }) if (File.Exists(f)) File.Delete(f);
        return Task.CompletedTask;
    }
}

/// <summary>The same browser set-up on a throwaway PostgreSQL database, for flows that must work on both.</summary>
public sealed class PostgresBrowserFixture : BrowserFixture
{
    private string? database;
    protected override string Provider => "Postgres";

    protected override Task<string> CreateDatabaseAsync()
    {
        database = $"qadam_browser_{Guid.NewGuid():N}";
        return Task.FromResult(PostgresApp.ConnectionString(database));
    }

    protected override Task DropDatabaseAsync() => PostgresApp.DropAsync(database!);
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture> { public const string Name = "browser"; }

[CollectionDefinition(Name)]
public sealed class PostgresBrowserCollection : ICollectionFixture<PostgresBrowserFixture> { public const string Name = "browser-postgres"; }
