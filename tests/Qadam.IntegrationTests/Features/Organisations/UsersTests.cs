using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Features.Organisations;

public abstract class UsersTests(AppFixture app)
{
    [Fact]
    public async Task OrgAdmin_CreatesAccountInOwnOrganisation_WhichCanSignIn_UntilDeactivated()
    {
        using var admin = await app.ClientAsync(Roles.OrgAdmin);
        var email = $"new-{Guid.NewGuid():N}@test.qadam.kz";
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "Новый сотрудник", password = "Another-Passw0rd!", roles = new[] { Roles.Operator } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await created.Content.ReadFromJsonAsync<JsonElement>();
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users");
        Assert.Contains(list.EnumerateArray(), u => u.GetProperty("email").GetString() == email);

        using var anon = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anon.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Another-Passw0rd!" })).StatusCode);
        var deactivate = await admin.PutAsJsonAsync($"/api/v1/users/{user.Id()}", new { isActive = false });
        Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Another-Passw0rd!" })).StatusCode);
    }

    [Fact]
    public async Task OrgAdmin_BadAccountInput_Answers400NamingFields()
    {
        using var admin = await app.ClientAsync(Roles.OrgAdmin);
        var weak = await admin.PostAsJsonAsync("/api/v1/users", new { email = $"w-{Guid.NewGuid():N}@test.qadam.kz", displayName = "W", password = "short", roles = new[] { Roles.Operator } });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));
        var bad = await admin.PostAsJsonAsync("/api/v1/users", new { email = "not-an-email", displayName = "", password = "Another-Passw0rd!", roles = new[] { "superuser" } });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "email", "displayName", "roles" }) Assert.True(errors.TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task OrgAdmin_CannotTouchAnotherOrganisationsAccounts()
    {
        var otherUser = await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == "caseworker2@demo.qadam.kz").Id));
        using var admin = await app.ClientAsync(Roles.OrgAdmin, 1);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/v1/users/{otherUser}", new { isActive = false })).StatusCode);
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users");
        Assert.DoesNotContain(list.EnumerateArray(), u => u.GetProperty("email").GetString()!.EndsWith("2@demo.qadam.kz", StringComparison.Ordinal));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UsersTests_Sqlite(SqliteApp app) : UsersTests(app);

[Collection(PostgresCollection.Name)]
public sealed class UsersTests_Postgres(PostgresApp app) : UsersTests(app);
