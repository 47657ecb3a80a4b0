using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Qadam.Cli;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Cli;

/// <summary>A real installation starts without demo data: the CLI creates the first organisation and administrator.</summary>
public abstract partial class AdminCommandsTests(AppFixture app)
{
    [Fact]
    public async Task Bootstrap_OrganisationAndAdmin_CanSignIn_AndChangeTheOneTimePassword()
    {
        var output = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["organisation", "add", "Shymkent Support Centre", "--kind", "SupportCentre", "--region", "KZ-79"], output, app.Factory.Settings));
        var orgId = output.ToString().Trim();
        Assert.True(Guid.TryParse(orgId, out _), orgId);

        var email = $"admin-{Guid.NewGuid():N}@shymkent.test";
        output = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["user", "add", email, "--organisation", orgId, "--role", "orgadmin"], output, app.Factory.Settings));
        var password = OneTimePassword().Match(output.ToString()).Groups[1].Value;
        Assert.Equal(20, password.Length);

        using var anon = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anon.PostAsJsonAsync("/api/v1/auth/login", new { email, password })).StatusCode);

        // Change it through the page (cookie session + antiforgery), then only the new one works.
        using var browser = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        async Task<string> Token(string path) => Antiforgery().Match(await browser.GetStringAsync(path)).Groups[1].Value;
        await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = await Token("/Account/Login") }));
        var enrol = await browser.GetStringAsync("/Account/TwoFactor");
        Assert.Contains("<svg", enrol); // the QR code for the authenticator app
        Assert.Contains("id=\"shared-key\"", enrol);
        var changed = await browser.PostAsync("/Account/Password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Current"] = password, ["New"] = "Brand-new-Passw0rd", ["Confirm"] = "Brand-new-Passw0rd", ["__RequestVerificationToken"] = await Token("/Account/Password"),
        }));
        Assert.Contains("id=\"changed\"", await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsJsonAsync("/api/v1/auth/login", new { email, password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anon.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Brand-new-Passw0rd" })).StatusCode);
    }

    [Fact]
    public async Task UserAdd_UnknownRoleOrOrganisation_IsRefused()
    {
        var output = new StringWriter();
        Assert.Equal(2, await CliApp.RunAsync(["user", "add", "x@y.test", "--organisation", Guid.NewGuid().ToString()], output, app.Factory.Settings));
        Assert.Contains("No organisation", output.ToString());
    }

    [GeneratedRegex("One-time password: (\\S+)")]
    private static partial Regex OneTimePassword();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}

[Collection(SqliteCollection.Name)]
public sealed class AdminCommandsTests_Sqlite(SqliteApp app) : AdminCommandsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AdminCommandsTests_Postgres(PostgresApp app) : AdminCommandsTests(app);
