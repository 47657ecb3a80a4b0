using System.Net;
using System.Net.Http.Json;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;
using static Qadam.Domain.Roles;

namespace Qadam.IntegrationTests.Platform;

/// <summary>
/// Every endpoint × every role × a record in scope and out of scope. Expectations are written out here,
/// independently of the production permission table, so a wrong entry there fails here.
/// 403: the role may not do this at all. 404: the role may, but the record is not in its scope.
/// </summary>
public abstract class PermissionMatrixTests(AppFixture app)
{
    private static readonly string[] Readers = [Operator, CaseWorker, Psychologist, Supervisor, Coordinator, Manager];
    private static readonly string[] Creators = [Operator, CaseWorker, Psychologist, Coordinator];
    private static readonly string[] Editors = [CaseWorker, Psychologist, Supervisor, Coordinator];
    private static readonly string[] Mergers = [CaseWorker, Supervisor];
    private static readonly string[] Emergency = [CaseWorker, Psychologist, Supervisor];
    private static readonly string[] Auditors = [Supervisor, Manager, OrgAdmin];
    private static readonly string[] Admins = [OrgAdmin];
    private static readonly string[] Everyone = [.. All];
    private static readonly string[] Evaluators = [MeOfficer];
    private static readonly string[] ActivityReaders = [CaseWorker, Psychologist, Supervisor, Coordinator, Manager];
    private static readonly string[] ActivityManagers = [CaseWorker, Psychologist, Supervisor, Coordinator];
    private static readonly string[] SchemeReaders = [Coordinator, Manager];
    private static readonly string[] SchemeManagers = [Coordinator];
    private static readonly string[] FigureReaders = [Coordinator, Manager, MeOfficer, Liaison];
    private static readonly string[] Employers = [Roles.Employer];
    private static readonly string[] CheckInRecorders = [Coordinator, Roles.Employer];

    /// <param name="InScope">Expected status for a permitted role on a record in scope (or for a collection endpoint).</param>
    /// <param name="OutOfScope">Expected status for a permitted role on another organisation's record; null for collection endpoints.</param>
    private sealed record Row(string Name, string[] Allowed, HttpStatusCode InScope, HttpStatusCode? OutOfScope,
        Func<Guid, HttpRequestMessage> Request);

    private static readonly Row[] Rows =
    [
        new("search", Readers, HttpStatusCode.OK, null, _ => Get("/api/v1/people?query=Меруерт")),
        new("create", Creators, HttpStatusCode.Created, null, _ => Post("/api/v1/people?allowDuplicates=true", TestData.Person())),
        new("duplicate-check", Creators, HttpStatusCode.OK, null, _ => Post("/api/v1/people/duplicate-check", TestData.Person())),
        new("follow-up", Readers, HttpStatusCode.OK, null, _ => Get("/api/v1/people/follow-up")),
        new("read", Readers, HttpStatusCode.OK, HttpStatusCode.NotFound, id => Get($"/api/v1/people/{id}")),
        new("update", Editors, HttpStatusCode.OK, HttpStatusCode.NotFound, id => Put($"/api/v1/people/{id}", TestData.Person())),
        new("consents", Readers, HttpStatusCode.OK, HttpStatusCode.NotFound, id => Get($"/api/v1/people/{id}/consents")),
        new("give-consent", Editors, HttpStatusCode.Created, HttpStatusCode.NotFound, id => Post($"/api/v1/people/{id}/consents", new { purpose = "anonymousStatistics" })),
        new("withdraw-unknown-consent", Editors, HttpStatusCode.NotFound, HttpStatusCode.NotFound, id => Post($"/api/v1/people/{id}/consents/{Guid.NewGuid()}/withdraw", new { })),
        new("merge-without-body", Mergers, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, id => Post($"/api/v1/people/{id}/merge", new { })),
        new("break-glass-without-reason", Emergency, HttpStatusCode.BadRequest, null, _ => Post("/api/v1/break-glass", new { })),
        new("audit", Auditors, HttpStatusCode.OK, null, _ => Get("/api/v1/audit")),
        new("users", Admins, HttpStatusCode.OK, null, _ => Get("/api/v1/users")),
        new("two-factor-policy", Admins, HttpStatusCode.OK, null, _ => Get("/api/v1/organisation/two-factor-policy")),
        new("evaluation-studies", Evaluators, HttpStatusCode.OK, null, _ => Get("/api/v1/evaluation/studies")),
        new("activities", ActivityReaders, HttpStatusCode.OK, null, _ => Get("/api/v1/activities")),
        new("create-activity-without-body", ActivityManagers, HttpStatusCode.BadRequest, null, _ => Post("/api/v1/activities", new { })),
        new("scheme-employers", SchemeReaders, HttpStatusCode.OK, null, _ => Get("/api/v1/scheme/employers")),
        new("scheme-employer-unknown", SchemeReaders, HttpStatusCode.NotFound, HttpStatusCode.NotFound, id => Get($"/api/v1/scheme/employers/{id}")),
        new("scheme-create-employer-without-body", SchemeManagers, HttpStatusCode.BadRequest, null, _ => Post("/api/v1/scheme/employers", new { })),
        new("scheme-applicants", SchemeManagers, HttpStatusCode.OK, null, _ => Get("/api/v1/scheme/applicants?region=KZ-99")),
        new("scheme-runs", SchemeManagers, HttpStatusCode.OK, null, _ => Get("/api/v1/scheme/runs")),
        new("scheme-placements", SchemeReaders, HttpStatusCode.OK, null, _ => Get("/api/v1/scheme/placements?status=terminated")),
        new("scheme-ledger", SchemeReaders, HttpStatusCode.OK, null, _ => Get("/api/v1/scheme/ledger")),
        new("scheme-figures", FigureReaders, HttpStatusCode.OK, null, _ => Get("/api/v1/scheme/figures")),
        new("scheme-apprentices", Employers, HttpStatusCode.OK, null, _ => Get("/api/v1/scheme/apprentices")),
        new("scheme-check-in-unknown-placement", CheckInRecorders, HttpStatusCode.NotFound, HttpStatusCode.NotFound, id => Post($"/api/v1/scheme/placements/{id}/check-ins", new { })),
        new("regions", Everyone, HttpStatusCode.OK, null, _ => Get("/api/v1/regions")),
        new("organisations", Everyone, HttpStatusCode.OK, null, _ => Get("/api/v1/organisations")),
    ];

    public static TheoryData<string> AllRoles => new(All);

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Endpoints_ForRole_AnswerAsTheMatrixSays(string role)
    {
        // In scope: a record of the role's organisation (operators, psychologists, coordinators: one they registered themselves).
        using var owner = await app.ClientAsync(role is Operator or Psychologist or Coordinator ? role : CaseWorker);
        var inScope = (await TestData.CreatePersonAsync(owner, TestData.Person())).Id();
        using var stranger = await app.ClientAsync(CaseWorker, 2);
        var outOfScope = (await TestData.CreatePersonAsync(stranger, TestData.Person())).Id();

        using var client = await app.ClientAsync(role);
        var failures = new List<string>();
        foreach (var row in Rows)
        {
            var allowed = row.Allowed.Contains(role);
            await Check(row, inScope, allowed ? row.InScope : HttpStatusCode.Forbidden, "in scope");
            if (row.OutOfScope is { } outExpected)
                await Check(row, outOfScope, allowed ? outExpected : HttpStatusCode.Forbidden, "out of scope");
        }
        Assert.True(failures.Count == 0, $"{role}:\n" + string.Join("\n", failures));

        async Task Check(Row row, Guid id, HttpStatusCode expected, string scope)
        {
            using var response = await client.SendAsync(row.Request(id));
            if (response.StatusCode != expected) failures.Add($"  {row.Name} ({scope}): expected {(int)expected}, got {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Endpoints_WithoutToken_Answer401()
    {
        using var client = app.Anonymous();
        foreach (var row in Rows)
        {
            using var response = await client.SendAsync(row.Request(Guid.NewGuid()));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{row.Name}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Operator_CannotOpenAColleaguesRecord_OnlyTheirOwn()
    {
        using var caseworker = await app.ClientAsync(CaseWorker);
        var colleagues = (await TestData.CreatePersonAsync(caseworker, TestData.Person())).Id();
        using var op = await app.ClientAsync(Operator);
        var own = (await TestData.CreatePersonAsync(op, TestData.Person())).Id();
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/api/v1/people/{colleagues}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync($"/api/v1/people/{own}")).StatusCode);
    }

    [Fact]
    public async Task ApiEndpoints_RejectTheWebSessionCookie()
    {
        // The API takes bearer tokens only: a browser session (cookie) cannot be replayed against it.
        var factory = app.Factory.WithWebHostBuilder(_ => { });
        using var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var page = await browser.GetStringAsync("/Account/Login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var login = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "caseworker1@demo.qadam.kz", ["Password"] = AppFixture.Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/People")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/people")).StatusCode);
    }

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);
    private static HttpRequestMessage Post(string url, object body) => new(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
    private static HttpRequestMessage Put(string url, object body) => new(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
}

[Collection(SqliteCollection.Name)]
public sealed class PermissionMatrixTests_Sqlite(SqliteApp app) : PermissionMatrixTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PermissionMatrixTests_Postgres(PostgresApp app) : PermissionMatrixTests(app);
