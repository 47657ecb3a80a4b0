using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qadam.Data;

namespace Qadam.IntegrationTests.Infrastructure;

/// <summary>One running Qadam per database provider, shared by the tests of that provider's collection.</summary>
public abstract class AppFixture : IAsyncLifetime
{
    public const string Password = "Demo-2026!";
    private readonly ConcurrentDictionary<string, string> tokens = new();
    public QadamFactory Factory { get; private set; } = null!;
    public abstract string Provider { get; }
    /// <summary>A separate, not yet started app on its own database (for tests that damage their database).</summary>
    public abstract AppFixture Fresh();
    public abstract AppFixture Fresh(int demoPeople);
    protected abstract Task<string> CreateDatabaseAsync();
    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    /// <summary>How many demo people the app seeds (the shared fixtures keep it small; the real demo has 300).</summary>
    public int DemoPeople { get; init; } = 40;

    public async Task InitializeAsync()
    {
        Factory = new QadamFactory(Provider, await CreateDatabaseAsync(), demoPeople: DemoPeople);
        using var warm = Factory.CreateClient(); // starts the host: migrate + seed
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await DropDatabaseAsync();
    }

    public HttpClient Anonymous() => Factory.CreateClient();

    public async Task<string> TokenAsync(string email, string password = Password)
    {
        if (tokens.TryGetValue(email, out var cached)) return cached;
        using var client = Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        tokens[email] = token;
        return token;
    }

    /// <summary>An API client signed in as the demo user for <paramref name="role"/> in demo organisation <paramref name="org"/> (1 or 2).</summary>
    public async Task<HttpClient> ClientAsync(string role, int org = 1) => await ClientForAsync($"{role}{org}@demo.qadam.kz");

    public async Task<HttpClient> ClientForAsync(string email, string password = Password)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(email, password));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<QadamDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        // Tests inspect the database as the system does (the person filter would otherwise show them nothing).
        return await work(scope.ServiceProvider.GetRequiredService<QadamDbContext>().UseScope(AccessScope.System));
    }

    public sealed record TokenResponse(string AccessToken, string RefreshToken, long ExpiresIn);
}

public sealed class SqliteApp : AppFixture
{
    private string? path;
    public override string Provider => "Sqlite";
    public override AppFixture Fresh() => new SqliteApp();
    public override AppFixture Fresh(int demoPeople) => new SqliteApp { DemoPeople = demoPeople };

    protected override Task<string> CreateDatabaseAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qadam-tests");
        Directory.CreateDirectory(dir);
        path = Path.Combine(dir, $"{Guid.NewGuid():N}.db");
        return Task.FromResult($"Data Source={path}");
    }

    public string DatabasePath => path!;

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { path!, path + "-wal", path + "-shm" }) if (File.Exists(f)) File.Delete(f);
        return Task.CompletedTask;
    }
}

public sealed class PostgresApp : AppFixture
{
    private string? database;
    public override string Provider => "Postgres";
    public override AppFixture Fresh() => new PostgresApp();
    public override AppFixture Fresh(int demoPeople) => new PostgresApp { DemoPeople = demoPeople };

    /// <summary>QADAM_TEST_PG (set by scripts/test): a server connection string without a database.</summary>
    public static string Server => Environment.GetEnvironmentVariable("QADAM_TEST_PG")
        ?? throw new InvalidOperationException("QADAM_TEST_PG is not set: run the tests through scripts/test, which starts PostgreSQL.");

    public string DatabaseName => database!;

    protected override Task<string> CreateDatabaseAsync()
    {
        database = $"qadam_test_{Guid.NewGuid():N}";
        return Task.FromResult(ConnectionString(database));
    }

    protected override Task DropDatabaseAsync() => DropAsync(database!);

    /// <summary>A connection string for a (not yet created) database on the test server; Qadam's migration creates it.</summary>
    public static string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(Server) { Database = database, IncludeErrorDetail = true }.ConnectionString;

    public static async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp> { public const string Name = "sqlite"; }

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp> { public const string Name = "postgres"; }
