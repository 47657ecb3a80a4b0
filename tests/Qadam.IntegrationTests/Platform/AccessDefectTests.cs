using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;
using static Qadam.Domain.Roles;

namespace Qadam.IntegrationTests.Platform;

/// <summary>
/// Each defect the probe of issue #8 found, tried again with the same requests: every one must now be refused,
/// and nothing written when it is.
/// </summary>
public abstract class AccessDefectTests(AppFixture app)
{
    private async Task<Guid> OrganisationAsync(HttpClient c, int n)
    {
        var name = n == 1 ? "Almaty Youth Support Centre" : "Kyzylorda Youth Initiatives NGO";
        var orgs = await c.GetFromJsonAsync<JsonElement>("/api/v1/organisations");
        return orgs.EnumerateArray().First(o => o.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> BreakGlassAsync(HttpClient c, Guid person) =>
        c.PostAsJsonAsync("/api/v1/break-glass", new { personId = person, reason = "Caller in acute danger, need history" });

    private Task<int> ConsentCountAsync(Guid person) => app.WithDbAsync(db => db.Consents.CountAsync(c => c.PersonId == person));

    [Fact]
    public async Task BreakGlass_IsReadOnly_AndNeverBecomesSharing()
    {
        using var owner = await app.ClientAsync(CaseWorker);
        var family = TestData.Surname();
        var person = (await TestData.CreatePersonAsync(owner, TestData.Person(family: family))).Id();
        var org2 = await OrganisationAsync(owner, 2);

        using var psychologist2 = await app.ClientAsync(Psychologist, 2);
        Assert.Equal(HttpStatusCode.OK, (await BreakGlassAsync(psychologist2, person)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await psychologist2.GetAsync($"/api/v1/people/{person}")).StatusCode);
        var before = await ConsentCountAsync(person);
        var share = await psychologist2.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose = "sharingWithOrganisation", targetOrganisationId = org2 });
        Assert.Equal(HttpStatusCode.Forbidden, share.StatusCode);
        Assert.Equal(before, await ConsentCountAsync(person));

        // The grant is personal: colleagues of organisation 2 neither read nor find the record.
        foreach (var role in new[] { Coordinator, Manager, Supervisor })
        {
            using var colleague = await app.ClientAsync(role, 2);
            Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/api/v1/people/{person}")).StatusCode);
            var found = await colleague.GetFromJsonAsync<JsonElement>($"/api/v1/people?query={Uri.EscapeDataString(family)}");
            Assert.Equal(0, found.GetProperty("total").GetInt32());
        }

        using var caseworker2 = await app.ClientAsync(CaseWorker, 2);
        Assert.Equal(HttpStatusCode.OK, (await BreakGlassAsync(caseworker2, person)).StatusCode);
        var version = await app.WithDbAsync(db => db.People.Where(p => p.Id == person).Select(p => p.Version).FirstAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker2.PutAsJsonAsync($"/api/v1/people/{person}", TestData.Person(family: family))).StatusCode);
        var consent = await app.WithDbAsync(db => db.Consents.Where(c => c.PersonId == person).Select(c => (Guid?)c.Id).FirstOrDefaultAsync());
        if (consent is null)
        {
            Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose = "services" })).StatusCode);
            consent = await app.WithDbAsync(db => db.Consents.Where(c => c.PersonId == person).Select(c => (Guid?)c.Id).FirstAsync());
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker2.PostAsJsonAsync($"/api/v1/people/{person}/consents/{consent}/withdraw", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker2.PostAsJsonAsync($"/api/v1/people/{person}/merge", new { mergedId = Guid.NewGuid(), reason = "x" })).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.People.AnyAsync(p => p.Id == person && p.Version == version)));
        Assert.False(await app.WithDbAsync(db => db.Consents.AnyAsync(c => c.Id == consent && c.WithdrawnAt != null)));
    }

    [Fact]
    public async Task SharingOrganisation_ReadsButDoesNotRecordConsent()
    {
        using var owner = await app.ClientAsync(CaseWorker);
        var person = (await TestData.CreatePersonAsync(owner, TestData.Person())).Id();
        var org2 = await OrganisationAsync(owner, 2);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose = "sharingWithOrganisation", targetOrganisationId = org2 })).StatusCode);
        using var caseworker2 = await app.ClientAsync(CaseWorker, 2);
        Assert.Equal(HttpStatusCode.OK, (await caseworker2.GetAsync($"/api/v1/people/{person}")).StatusCode);
        var before = await ConsentCountAsync(person);
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker2.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose = "evaluation" })).StatusCode);
        Assert.Equal(before, await ConsentCountAsync(person));
    }

    [Theory]
    [InlineData(Operator, "Merge")]
    [InlineData(Manager, "Consent")]
    [InlineData(Coordinator, "Merge")]
    public async Task PersonPageHandlers_RefuseWhatTheApiRefuses_AndWriteNothing(string role, string handler)
    {
        // The record is in the role's scope: operators and coordinators registered it; managers see the organisation's.
        using var api = await app.ClientAsync(role == Manager ? CaseWorker : role);
        var person = (await TestData.CreatePersonAsync(api, TestData.Person())).Id();
        var other = (await TestData.CreatePersonAsync(api, TestData.Person())).Id();
        using var web = await WebSession.SignInAsync(app, $"{role}1@demo.qadam.kz");
        var page = $"/People/Details/{person}";
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync(page)).StatusCode);
        var response = await web.PostFormAsync(page, $"{page}?handler={handler}", handler == "Merge"
            ? new() { ["MergedId"] = other.ToString(), ["MergeReason"] = "Same person twice" }
            : new() { ["ConsentInput.Purpose"] = "anonymousStatistics" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(0, await ConsentCountAsync(person));
        Assert.False(await app.WithDbAsync(db => db.People.AnyAsync(p => (p.Id == person || p.Id == other) && p.MergedIntoId != null)));
    }

    [Fact]
    public async Task PlacementPage_RefusesAManagersCheckIn_AndWritesNothing()
    {
        var placement = await app.WithDbAsync(db => (from p in db.Placements
                                                    join e in db.Employers on p.EmployerId equals e.Id
                                                    join o in db.Organisations on e.OrganisationId equals o.Id
                                                    where o.Name == "Almaty Youth Support Centre"
                                                    select p.Id).FirstAsync());
        var before = await app.WithDbAsync(db => db.PlacementCheckIns.CountAsync(c => c.PlacementId == placement));
        using var web = await WebSession.SignInAsync(app, "manager1@demo.qadam.kz");
        var page = $"/Scheme/Placement/{placement}";
        var response = await web.PostFormAsync(page, $"{page}?handler=CheckIn", new()
            { ["CheckIn.Kind"] = "attendance", ["CheckIn.Date"] = "2026-11-02", ["CheckIn.DaysPresent"] = "10", ["CheckIn.DaysExpected"] = "20" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.PlacementCheckIns.CountAsync(c => c.PlacementId == placement)));
    }

    [Fact]
    public async Task NarrowerDefaults_CoordinatorAndPsychologistDoNotOpenColleaguesRecords_ManagerSeesNoIdentifiers()
    {
        using var caseworker = await app.ClientAsync(CaseWorker);
        var person = (await TestData.CreatePersonAsync(caseworker, TestData.Person(iin: TestData.Iin(new DateOnly(2001, 3, 4), Sex.Female), phone: TestData.Phone()))).Id();
        foreach (var role in new[] { Coordinator, Psychologist, Operator })
        {
            using var c = await app.ClientAsync(role);
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/api/v1/people/{person}")).StatusCode);
        }
        using var manager = await app.ClientAsync(Manager);
        var seen = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/people/{person}");
        foreach (var field in new[] { "iin", "phone", "notes", "address" })
            Assert.Equal(JsonValueKind.Null, seen.GetProperty(field).ValueKind);
        var full = await caseworker.GetFromJsonAsync<JsonElement>($"/api/v1/people/{person}");
        Assert.Equal(JsonValueKind.String, full.GetProperty("iin").ValueKind);
    }

    [Fact]
    public async Task NarrowerScope_StillCatchesDuplicatesInTheOrganisation_WithoutNamingThem()
    {
        using var caseworker = await app.ClientAsync(CaseWorker);
        var iin = TestData.Iin(new DateOnly(2001, 3, 4), Sex.Female);
        await TestData.CreatePersonAsync(caseworker, TestData.Person(iin: iin));
        using var coordinator = await app.ClientAsync(Coordinator);
        var again = await coordinator.PostAsJsonAsync("/api/v1/people", TestData.Person(iin: iin));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var candidate = Assert.Single((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicates").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, candidate.GetProperty("person").ValueKind);
        Assert.False(candidate.GetProperty("inScope").GetBoolean());
        Assert.Contains("sameIin", candidate.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        // Another organisation learns nothing.
        using var stranger = await app.ClientAsync(CaseWorker, 2);
        Assert.Equal(HttpStatusCode.Created, (await stranger.PostAsJsonAsync("/api/v1/people", TestData.Person(iin: iin))).StatusCode);
    }

    [Fact]
    public async Task WithdrawingSharing_TakesThePersonOutOfTheSchemeListsAtOnce()
    {
        using var owner = await app.ClientAsync(CaseWorker);
        var iin = TestData.Iin(new DateOnly(2002, 7, 8), Sex.Female);
        var person = (await TestData.CreatePersonAsync(owner, TestData.Person(iin: iin, dob: "2002-07-08", regionCode: "KZ-43"))).Id();
        var org2 = await OrganisationAsync(owner, 2);
        var share = await (await owner.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose = "sharingWithOrganisation", targetOrganisationId = org2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var locality = await app.WithDbAsync(db => db.Localities.Where(l => l.RegionCode == "KZ-43").Select(l => l.Id).FirstAsync());
        using var coordinator2 = await app.ClientAsync(Coordinator, 2);
        var cohort = "share-" + Guid.NewGuid().ToString("N")[..6];
        var enrol = await coordinator2.PostAsJsonAsync("/api/v1/scheme/applicants",
            new { personId = person, cohort, education = "Secondary", skills = "sales", preferredSectors = "trade", localityId = locality, maxTravelKm = 20 });
        Assert.Equal(HttpStatusCode.Created, enrol.StatusCode);
        async Task<int> ListedAsync() => (await coordinator2.GetFromJsonAsync<JsonElement>($"/api/v1/scheme/applicants?cohort={cohort}")).GetProperty("items").GetArrayLength();
        Assert.Equal(1, await ListedAsync());
        Assert.Equal(HttpStatusCode.OK, (await coordinator2.GetAsync($"/api/v1/people/{person}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"/api/v1/people/{person}/consents/{share.Id()}/withdraw", new { })).StatusCode);
        Assert.Equal(0, await ListedAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator2.GetAsync($"/api/v1/people/{person}")).StatusCode);
    }

    [Fact]
    public async Task Tokens_DieWithTheAccount_WhenDisabled_OrThePasswordChanges()
    {
        using var admin = await app.ClientAsync(OrgAdmin);
        async Task<(string Email, Guid Id)> NewAsync()
        {
            var email = $"cw-{Guid.NewGuid():N}@test.qadam.kz";
            var r = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "Temp", password = "Str0ng-Passw0rd!", roles = new[] { CaseWorker } });
            return (email, (await r.Content.ReadFromJsonAsync<JsonElement>()).Id());
        }
        var (email, id) = await NewAsync();
        using var user = await app.ClientForAsync(email, "Str0ng-Passw0rd!");
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/people")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { isActive = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/v1/people")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.PostAsJsonAsync("/api/v1/people?allowDuplicates=true", TestData.Person())).StatusCode);

        var (email2, _) = await NewAsync();
        using var token = await app.ClientForAsync(email2, "Str0ng-Passw0rd!");
        using var web = await WebSession.SignInAsync(app, email2, "Str0ng-Passw0rd!");
        var changed = await web.PostFormAsync("/Account/Password", "/Account/Password",
            new() { ["Current"] = "Str0ng-Passw0rd!", ["New"] = "An0ther-Passw0rd!", ["Confirm"] = "An0ther-Passw0rd!" });
        Assert.True(changed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{(int)changed.StatusCode}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/v1/people")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/People")).StatusCode); // the session that changed it goes on
    }

    [Fact]
    public async Task Login_EnrolmentRequired_IsSaidOnlyToWhoKnowsThePassword()
    {
        using var admin = await app.ClientAsync(OrgAdmin);
        var email = $"ps-{Guid.NewGuid():N}@test.qadam.kz";
        await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "Temp", password = "Str0ng-Passw0rd!", roles = new[] { Psychologist } });
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/organisation/two-factor-policy", new { roles = new[] { Psychologist } })).StatusCode);
        try
        {
            using var anon = app.Anonymous();
            var wrong = await anon.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Wrong-passw0rd!" });
            Assert.Equal("auth.failed", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            var right = await anon.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Str0ng-Passw0rd!" });
            Assert.Equal("auth.two_factor_enrolment_required", (await right.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        finally
        {
            await admin.PutAsJsonAsync("/api/v1/organisation/two-factor-policy", new { roles = Array.Empty<string>() });
        }
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders_AndPersonalDataIsNeverCached()
    {
        using var anon = app.Anonymous();
        using var login = await anon.GetAsync("/Account/Login");
        var csp = string.Join(";", login.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", login.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", login.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=()", login.Headers.GetValues("Permissions-Policy").Single());
        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());
        using var caseworker = await app.ClientAsync(CaseWorker);
        var person = (await TestData.CreatePersonAsync(caseworker, TestData.Person())).Id();
        using var read = await caseworker.GetAsync($"/api/v1/people/{person}");
        Assert.True(read.Headers.CacheControl?.NoStore, "a person's record must not be stored by any cache");
        using var web = await WebSession.SignInAsync(app, "caseworker1@demo.qadam.kz");
        using var page = await web.Client.GetAsync($"/People/Details/{person}");
        Assert.True(page.Headers.CacheControl?.NoStore);
        Assert.DoesNotContain("<script>", await page.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Айгерім😀")]
    [InlineData("𝐀лия")]
    [InlineData("𠀋")]
    public async Task NamesOutsideTheBasicPlane_AreStoredAndSearched_NotA500(string given)
    {
        using var c = await app.ClientAsync(CaseWorker);
        var created = await c.PostAsJsonAsync("/api/v1/people?allowDuplicates=true", TestData.Person(given: given));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(given, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("givenName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync($"/api/v1/people?query={Uri.EscapeDataString(given)}")).StatusCode);
    }

    [Theory]
    [InlineData("Ali\u202Eya")]
    [InlineData("Ali\u200Bya")]
    [InlineData("Ali\u2066ya")]
    public async Task HiddenCharactersInNames_AreRefusedNamingTheField(string given)
    {
        using var c = await app.ClientAsync(CaseWorker);
        var response = await c.PostAsJsonAsync("/api/v1/people?allowDuplicates=true", TestData.Person(given: given));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("givenName", out _));
    }

    [Fact]
    public async Task WrongContentType_Answers415()
    {
        using var c = await app.ClientAsync(CaseWorker);
        using var response = await c.PostAsync("/api/v1/people", new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("/\\evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    public async Task CultureSwitch_RedirectsOnlyLocally(string returnUrl)
    {
        using var anon = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await anon.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "kk", ["returnUrl"] = returnUrl }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task OutOfScopePersonPage_IsALocalisedPage_NotJson()
    {
        using var stranger = await app.ClientAsync(CaseWorker, 2);
        var person = (await TestData.CreatePersonAsync(stranger, TestData.Person())).Id();
        using var web = await WebSession.SignInAsync(app, "caseworker1@demo.qadam.kz");
        web.Client.DefaultRequestHeaders.AcceptLanguage.Clear();
        web.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("kk");
        using var response = await web.Client.GetAsync($"/People/Details/{person}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("Табылмады", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Stamps_AreKeptByTheInterceptor()
    {
        using var c = await app.ClientAsync(CaseWorker);
        var created = await TestData.CreatePersonAsync(c, TestData.Person());
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        var updated = await (await c.PutAsJsonAsync($"/api/v1/people/{created.Id()}", TestData.Person())).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, updated.GetProperty("version").GetInt32());
        Assert.True(updated.GetProperty("updatedAt").GetDateTimeOffset() >= created.GetProperty("updatedAt").GetDateTimeOffset());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AccessDefectTests_Sqlite(SqliteApp app) : AccessDefectTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AccessDefectTests_Postgres(PostgresApp app) : AccessDefectTests(app);
