using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Features.Account;

public abstract class AuthTests(AppFixture app)
{
    private const string StrongPassword = "Str0ng-Passw0rd!";

    private async Task<string> NewUserAsync(string role, int org = 1)
    {
        using var admin = await app.ClientAsync(Roles.OrgAdmin, org);
        var email = $"{role}-{Guid.NewGuid():N}@test.qadam.kz";
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "Test user", password = StrongPassword, roles = new[] { role } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return email;
    }

    [Fact]
    public async Task Login_ReturnsBearerToken_AndRefreshIssuesANewOne()
    {
        using var anon = app.Anonymous();
        var login = await anon.PostAsJsonAsync("/api/v1/auth/login", new { email = "caseworker1@demo.qadam.kz", password = AppFixture.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = await login.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
        var refreshed = await anon.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var access = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var req = new HttpRequestMessage(HttpMethod.Get, "/api/v1/regions");
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        Assert.Equal(HttpStatusCode.OK, (await anon.SendAsync(req)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "garbage" })).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/auth/register")]
    [InlineData("/api/v1/auth/forgotPassword")]
    [InlineData("/api/v1/auth/resetPassword")]
    [InlineData("/api/v1/auth/confirmEmail")]
    public async Task SelfServiceIdentityEndpoints_DoNotExist(string path)
    {
        using var anon = app.Anonymous();
        var response = await anon.PostAsJsonAsync(path, new { email = "x@y.z", password = StrongPassword });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RepeatedFailures_ThrottleThatClient_NotTheColleagueWhoSignedInBefore()
    {
        var email = await NewUserAsync(Roles.CaseWorker);
        // The colleague's browser signed in before, so it carries the account's device cookie.
        using var colleague = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await WebLoginAsync(colleague, email, StrongPassword)).StatusCode);
        await colleague.PostAsync("/Account/Logout", null);

        using var attacker = app.Anonymous();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Wrong-" + i })).StatusCode);
        var throttled = await attacker.PostAsJsonAsync("/api/v1/auth/login", new { email, password = StrongPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // An unknown address throttled the same way whether or not the account exists.
        var ghost = $"nobody-{Guid.NewGuid():N}@test.qadam.kz";
        for (var i = 0; i < 5; i++) await attacker.PostAsJsonAsync("/api/v1/auth/login", new { email = ghost, password = "Wrong-" + i });
        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.PostAsJsonAsync("/api/v1/auth/login", new { email = ghost, password = "x" })).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await WebLoginAsync(colleague, email, StrongPassword)).StatusCode);
        var failures = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == AuditAction.Login_Failed).OrderByDescending(e => e.Sequence).Take(20).ToListAsync());
        Assert.NotEmpty(failures);
        Assert.All(failures, e => Assert.DoesNotContain("@", (e.UserName ?? "") + e.Details));
    }

    [Fact]
    public async Task FailedLogin_AnswersTheSame_ForUnknownDisabledAndWrongPassword()
    {
        var disabled = await NewUserAsync(Roles.CaseWorker);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == disabled).Select(u => u.Id).FirstAsync());
        using (var admin = await app.ClientAsync(Roles.OrgAdmin))
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { isActive = false })).StatusCode);
        var wrong = await NewUserAsync(Roles.Psychologist);
        var bodies = new List<string>();
        foreach (var (email, password) in new[] { ($"ghost-{Guid.NewGuid():N}@test.qadam.kz", StrongPassword), (disabled, StrongPassword), (wrong, "Wrong-password-1") })
        {
            using var client = app.Anonymous();
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            bodies.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!);
        }
        Assert.Single(bodies.Distinct());
    }

    private static async Task<HttpResponseMessage> WebLoginAsync(HttpClient browser, string email, string password)
    {
        var page = await browser.GetStringAsync("/Account/Login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
    }

    [Fact]
    public async Task MandatoryTwoFactor_RefusesUnenrolledUsers_AndAcceptsAValidCode()
    {
        var enrolled = await NewUserAsync(Roles.Psychologist);
        var unenrolled = await NewUserAsync(Roles.Psychologist);
        using var anon = app.Anonymous();
        using var admin = await app.ClientAsync(Roles.OrgAdmin);
        var token = await app.TokenAsync(enrolled, StrongPassword);
        using var user = app.Anonymous();
        user.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var key = (await (await user.PostAsJsonAsync("/api/v1/auth/manage/2fa", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        var badEnable = await user.PostAsJsonAsync("/api/v1/auth/manage/2fa", new { enable = true, twoFactorCode = "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, badEnable.StatusCode);
        var enable = await user.PostAsJsonAsync("/api/v1/auth/manage/2fa", new { enable = true, twoFactorCode = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        var state = await enable.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(state.GetProperty("isTwoFactorEnabled").GetBoolean());
        Assert.Equal(10, state.GetProperty("recoveryCodes").GetArrayLength());
        // Enabling two-factor renews the security stamp: every token issued before, this one included, stops working.
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/v1/regions")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/organisation/two-factor-policy", new { roles = new[] { Roles.Psychologist } })).StatusCode);
        try
        {
            var refused = await anon.PostAsJsonAsync("/api/v1/auth/login", new { email = unenrolled, password = StrongPassword });
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("auth.two_factor_enrolment_required", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

            var noCode = await anon.PostAsJsonAsync("/api/v1/auth/login", new { email = enrolled, password = StrongPassword });
            Assert.Equal(HttpStatusCode.Unauthorized, noCode.StatusCode);
            var withCode = await anon.PostAsJsonAsync("/api/v1/auth/login", new { email = enrolled, password = StrongPassword, twoFactorCode = Totp.Code(key) });
            Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
            user.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                (await withCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
            var disable = await user.PostAsJsonAsync("/api/v1/auth/manage/2fa", new { enable = false });
            Assert.Equal(HttpStatusCode.BadRequest, disable.StatusCode); // mandatory for the role: cannot be turned off
        }
        finally
        {
            await admin.PutAsJsonAsync("/api/v1/organisation/two-factor-policy", new { roles = Array.Empty<string>() });
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuthTests_Sqlite(SqliteApp app) : AuthTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuthTests_Postgres(PostgresApp app) : AuthTests(app);
