using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Qadam.Data;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Platform;

/// <summary>What only Production does: mandatory two-factor for case content, HSTS and HTTPS redirection.</summary>
public sealed class ProductionTests : IAsyncLifetime
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "qadam-tests", $"prod-{Guid.NewGuid():N}.db");
    private QadamFactory factory = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        factory = new QadamFactory("Sqlite", $"Data Source={path}", environment: "Production");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>().UseScope(AccessScope.System);
        var org = new Organisation { Name = "Production centre", Kind = OrganisationKind.SupportCentre, RegionCode = "KZ-75", CreatedAt = DateTimeOffset.UtcNow };
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var (email, role) in new[] { ("cw@prod.qadam.kz", Roles.CaseWorker), ("emp@prod.qadam.kz", Roles.Employer) })
        {
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role, OrganisationId = org.Id };
            Assert.True((await users.CreateAsync(user, "Str0ng-Passw0rd!")).Succeeded);
            await users.AddToRoleAsync(user, role);
        }
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) if (File.Exists(f)) File.Delete(f);
    }

    [Fact]
    public async Task RolesThatReadCaseContent_MustEnrolASecondFactor_OthersNeedNot()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var caseworker = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "cw@prod.qadam.kz", password = "Str0ng-Passw0rd!" });
        Assert.Equal(HttpStatusCode.Unauthorized, caseworker.StatusCode);
        Assert.Equal("auth.two_factor_enrolment_required", (await caseworker.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var employer = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "emp@prod.qadam.kz", password = "Str0ng-Passw0rd!" });
        Assert.Equal(HttpStatusCode.OK, employer.StatusCode);
    }

    [Fact]
    public async Task Https_IsEnforced_WithHsts_AndPlainHttpIsRedirected()
    {
        await using var withPort = factory.WithWebHostBuilder(b => b.UseSetting("https_port", "443"));
        // HSTS is never sent for localhost (ASP.NET Core's default exclusion), so the host is a real-looking name.
        using var secure = withPort.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://qadam.example"), AllowAutoRedirect = false });
        using var page = await secure.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("max-age=", string.Join(";", page.Headers.GetValues("Strict-Transport-Security")));
        using var plain = withPort.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://qadam.example"), AllowAutoRedirect = false });
        using var redirected = await plain.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal("https", redirected.Headers.Location?.Scheme);
    }
}
