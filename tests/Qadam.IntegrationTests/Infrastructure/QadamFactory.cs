using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Qadam.IntegrationTests.Infrastructure;

/// <summary>The real host (migrations, demo seed, middleware) on a real database of the given provider.</summary>
public sealed class QadamFactory(string provider, string connectionString, string environment = "Testing", int demoPeople = 40)
    : WebApplicationFactory<Program>
{
    public static readonly string Key1 = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string BlindKey = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    public string Provider => provider;

    /// <summary>More settings for this host (e.g. job intervals).</summary>
    public Dictionary<string, string?> Extra { get; init; } = [];
    public string ConnectionString => connectionString;

    public Dictionary<string, string?> Settings => new()
    {
        ["Database:Provider"] = provider,
        ["Database:ConnectionString"] = connectionString,
        ["Privacy:ActiveKeyId"] = "t1",
        ["Privacy:Keys:t1"] = Key1,
        ["Privacy:BlindIndexKey"] = BlindKey,
        // Every test request comes from one address; the per-client limit has its own test with its own factory.
        ["LoginLimits:PerClientPerMinute"] = "100000",
        // Scheduled jobs would change the database under tests that compare it before and after; their tests run them
        // directly, and the clustering test turns the scheduler on.
        ["Jobs:Enabled"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (k, v) in Settings) builder.UseSetting(k, v);
        builder.UseSetting("Demo:People", demoPeople.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (k, v) in Extra) builder.UseSetting(k, v);
    }
}
