using System.Net;
using System.Net.Http.Json;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Platform;

/// <summary>Behaviour under attack and outage, each on a host of its own (these tests change settings or break the database).</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task Login_IsRateLimitedPerClient_With429AndRetryAfter()
    {
        var fresh = new SqliteApp();
        await fresh.InitializeAsync();
        try
        {
            await using var limited = fresh.Factory.WithWebHostBuilder(b => b.UseSetting("LoginLimits:PerClientPerMinute", "5"));
            using var client = limited.CreateClient();
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 8; i++)
                statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/login", new { email = $"x{i}@test.qadam.kz", password = "Wrong-passw0rd!" })).StatusCode);
            Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
            Assert.All(statuses.Skip(5), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
            using var page = await client.GetAsync("/Account/Login");
            Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
            Assert.True(page.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [Fact]
    public async Task PostgresOutage_Answers503WithRetryAfter_ForTheApiAndPages()
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(PostgresApp.Server);
        await using var forwarder = new TcpForwarder(server.Host!, server.Port);
        var database = $"qadam_test_{Guid.NewGuid():N}";
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(PostgresApp.ConnectionString(database)) { Host = "127.0.0.1", Port = forwarder.Port, Timeout = 3 }.ConnectionString;
        var factory = new QadamFactory("Postgres", connection);
        try
        {
            using var warm = factory.CreateClient();
            using var anon = factory.CreateClient();
            var login = await anon.PostAsJsonAsync("/api/v1/auth/login", new { email = "caseworker1@demo.qadam.kz", password = AppFixture.Password });
            var token = (await login.Content.ReadFromJsonAsync<AppFixture.TokenResponse>())!.AccessToken;
            using var api = factory.CreateClient();
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/people")).StatusCode);

            await forwarder.StopAsync();
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var response = await api.GetAsync("/api/v1/people");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
        finally
        {
            await factory.DisposeAsync();
            await PostgresApp.DropAsync(database);
        }
    }

    [Fact]
    public async Task SqliteOutage_Answers503WithRetryAfter_ForTheApiAndPages()
    {
        var fresh = new SqliteApp();
        await fresh.InitializeAsync();
        try
        {
            using var api = await fresh.ClientAsync(Roles.CaseWorker);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/regions")).StatusCode);
            using var web = await WebSession.SignInAsync(fresh, "caseworker1@demo.qadam.kz");
            // The disk the database lives on goes away (the file's folder is removed, so it cannot be reopened).
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var folder = Path.Combine(Path.GetDirectoryName(fresh.DatabasePath)!, "gone-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            foreach (var f in Directory.GetFiles(Path.GetDirectoryName(fresh.DatabasePath)!, Path.GetFileName(fresh.DatabasePath) + "*"))
                File.Move(f, Path.Combine(folder, Path.GetFileName(f)));
            Directory.CreateDirectory(fresh.DatabasePath); // a folder where the file was: SQLite cannot open it
            // A background service may have opened a connection between the first clearing and the move (it still reads the
            // moved file): clear again, so every connection from now on has to open the path, which is gone.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                using var response = await api.GetAsync("/api/v1/people");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                using var page = await web.Client.GetAsync("/People");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
                Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
                Assert.Contains("Temporarily unavailable", await page.Content.ReadAsStringAsync());
            }
            finally
            {
                Directory.Delete(fresh.DatabasePath);
                foreach (var f in Directory.GetFiles(folder)) File.Move(f, Path.Combine(Path.GetDirectoryName(fresh.DatabasePath)!, Path.GetFileName(f)));
                Directory.Delete(folder);
            }
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }
}
