using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Qadam.IntegrationTests.Infrastructure;
using Qadam.Web.Features.Demo;

namespace Qadam.IntegrationTests.Platform;

public abstract class HostTests(AppFixture app)
{
    [Fact]
    public async Task Health_LiveAndReady_AnswerHealthy()
    {
        using var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_DescribesTheApi_WithoutSelfRegistration()
    {
        using var client = app.Anonymous();
        var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var expected in new[] { "/api/v1/people", "/api/v1/people/{id}", "/api/v1/auth/login", "/api/v1/audit", "/api/v1/regions" })
            Assert.Contains(expected, paths);
        Assert.DoesNotContain(paths, p => p.Contains("register", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Regions_ListsAll17OblastsAnd3Cities_InThreeLanguages()
    {
        using var client = await app.ClientAsync(Qadam.Domain.Roles.Operator);
        var regions = JsonDocument.Parse(await client.GetStringAsync("/api/v1/regions")).RootElement.EnumerateArray().ToList();
        Assert.Equal(17, regions.Count(r => r.GetProperty("kind").GetString() == "oblast"));
        Assert.Equal(3, regions.Count(r => r.GetProperty("kind").GetString() == "city"));
        var almaty = Assert.Single(regions, r => r.GetProperty("code").GetString() == "KZ-75");
        Assert.Equal("Алматы", almaty.GetProperty("nameKk").GetString());
        Assert.Equal("Almaty", almaty.GetProperty("nameEn").GetString());
        Assert.All(regions, r => Assert.NotEmpty(r.GetProperty("localities").EnumerateArray()));
    }

    [Fact]
    public async Task Production_WithPublishedDevelopmentKeys_RefusesToStart()
    {
        await using var factory = new QadamFactory(app.Provider, app.Factory.ConnectionString, environment: "Production")
            .WithWebHostBuilder(b => b.UseSetting("Privacy:Keys:t1", Qadam.Privacy.PrivacyOptions.PublicDevelopmentKeys.First()));
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Refusing to start", e.ToString());
    }

    [Fact]
    public async Task Production_NeverSeedsDemoData()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider,
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Production });
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => seeder.SeedIfEmptyAsync());
        Assert.Contains("demo", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HostTests_Sqlite(SqliteApp app) : HostTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HostTests_Postgres(PostgresApp app) : HostTests(app);
