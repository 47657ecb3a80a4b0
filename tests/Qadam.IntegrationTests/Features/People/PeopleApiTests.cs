using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Features.People;

public abstract class PeopleApiTests(AppFixture app)
{
    [Fact]
    public async Task Create_ValidPerson_Answers201WithRecordAndLocation()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var family = TestData.Surname();
        var iin = TestData.Iin(new DateOnly(2001, 3, 4), Sex.Female);
        var response = await client.PostAsJsonAsync("/api/v1/people", TestData.Person(family: family, iin: iin, phone: "8 701 555 12 34"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.Id();
        Assert.Equal($"/api/v1/people/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Меруерт", body.GetProperty("givenName").GetString());
        Assert.Equal(family, body.GetProperty("familyName").GetString());
        Assert.Equal("female", body.GetProperty("sex").GetString());
        Assert.Equal("2001-03-04", body.GetProperty("dateOfBirth").GetString());
        Assert.Equal(iin, body.GetProperty("iin").GetString());
        Assert.Equal("+77015551234", body.GetProperty("phone").GetString());
        Assert.Equal("KZ-75", body.GetProperty("regionCode").GetString());
        var me = await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == "caseworker1@demo.qadam.kz").OrganisationId));
        Assert.Equal(me, body.GetProperty("organisationId").GetGuid());

        var fetched = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}");
        Assert.Equal(family, fetched.GetProperty("familyName").GetString());
    }

    [Fact]
    public async Task Create_IinWithoutBirthDate_TakesBirthDateFromIin()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var iin = TestData.Iin(new DateOnly(1999, 12, 31), Sex.Male);
        var body = await TestData.CreatePersonAsync(client, new { givenName = "Ерлан", familyName = TestData.Surname("Сапаров"), sex = "male", iin });
        Assert.Equal("1999-12-31", body.GetProperty("dateOfBirth").GetString());
    }

    [Fact]
    public async Task Search_PagesByKeyset_EveryMatchOnceAndTheListUncounted()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var family = TestData.Surname("Беттер");
        var made = new HashSet<Guid>();
        for (var i = 0; i < 17; i++)
            made.Add((await TestData.CreatePersonAsync(client, TestData.Person(family: family))).Id());
        var seen = new List<Guid>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people?query={Uri.EscapeDataString(family)}&pageSize=5" + (after is null ? "" : "&after=" + after));
            Assert.Equal(17, page.GetProperty("total").GetInt32());
            Assert.False(page.GetProperty("totalCapped").GetBoolean());
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(x => x.Id()));
            after = page.GetProperty("next").GetString();
            pages++;
        } while (after is not null && pages < 10);
        Assert.Equal(4, pages);
        Assert.Equal(17, seen.Count);
        Assert.True(made.SetEquals(seen));
        // The plain list is newest first and not counted; a malformed cursor is the first page.
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/people?pageSize=3&after=not-a-cursor");
        Assert.Equal(JsonValueKind.Null, list.GetProperty("total").ValueKind);
        Assert.Contains(list.GetProperty("items").EnumerateArray().Select(x => x.Id()), made.Contains);
        Assert.NotNull(list.GetProperty("next").GetString());
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { """{"familyName":"X","sex":"female"}""", "givenName" },
        { """{"givenName":"A","sex":"female"}""", "familyName" },
        { """{"givenName":"A","familyName":"B"}""", "sex" },
        { """{"givenName":"A","familyName":"B","sex":"other"}""", "sex" },
        { """{"givenName":"A","familyName":"B","sex":"female","dateOfBirth":"04.03.2001"}""", "dateOfBirth" },
        { """{"givenName":"A","familyName":"B","sex":"female","dateOfBirth":"2999-01-01"}""", "dateOfBirth" },
        { """{"givenName":"A","familyName":"B","sex":"female","iin":"12345"}""", "iin" },
        { """{"givenName":"A","familyName":"B","sex":"female","iin":"900101350012"}""", "iin" },
        { """{"givenName":"A","familyName":"B","sex":"female","iin":"900101350013"}""", "iin" },
        { """{"givenName":"A","familyName":"B","sex":"male","dateOfBirth":"1990-01-02","iin":"900101350013"}""", "iin" },
        { """{"givenName":"A","familyName":"B","sex":"female","phone":"call me"}""", "phone" },
        { """{"givenName":"A","familyName":"B","sex":"female","regionCode":"KZ-99"}""", "regionCode" },
        { """{"givenName":"A","familyName":"B","sex":"female","organisationId":"00000000-0000-0000-0000-000000000001"}""", "organisationId" },
        { """{"givenName":"A\u0000","familyName":"B","sex":"female"}""", "givenName" },
        { """{"givenName":5,"familyName":"B","sex":"female"}""", "givenName" },
        { """{"givenName":"A","familyName":"B","sex":"female","dateOfBirth":"2001-01-01",""", "body" },
        { "[]", "body" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Create_BadInput_Answers400NamingTheField_AndWritesNothing(string json, string field)
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var before = await app.WithDbAsync(db => Task.FromResult(db.People.Count()));
        var response = await client.PostAsync("/api/v1/people", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for '{field}' in {problem}");
        Assert.True(messages.GetArrayLength() > 0);
        Assert.Equal(before, await app.WithDbAsync(db => Task.FromResult(db.People.Count())));
    }

    [Fact]
    public async Task Create_OversizedBody_Answers413()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var json = JsonSerializer.Serialize(new { givenName = "A", familyName = "B", sex = "female", notes = new string('x', 1_100_000) });
        var response = await client.PostAsync("/api/v1/people", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Search_LatinSpelling_FindsCyrillicRecord()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var family = TestData.Surname("Сапарова");
        var created = await TestData.CreatePersonAsync(client, TestData.Person(given: "Меруерт", family: family));
        var latinFamily = family.Replace("Сапарова", "Saparova", StringComparison.Ordinal);
        foreach (var query in new[] { $"Meruyert {latinFamily}", $"Meruert {latinFamily}", $"меруерт {family}" })
        {
            var result = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people?query={Uri.EscapeDataString(query)}");
            var ids = result.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
            Assert.Contains(created.Id(), ids);
            Assert.Single(ids);
        }
    }

    [Fact]
    public async Task Search_ByIinAndByPhoneInAnotherFormat_FindsRecord()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var iin = TestData.Iin(new DateOnly(2002, 5, 6), Sex.Female);
        var phone = TestData.Phone();
        var created = await TestData.CreatePersonAsync(client, TestData.Person(dob: "2002-05-06", iin: iin, phone: phone));
        var byIin = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people?query={iin}");
        Assert.Equal(created.Id(), Assert.Single(byIin.GetProperty("items").EnumerateArray()).Id());
        var local = "8 (" + phone[2..5] + ") " + phone[5..];
        var byPhone = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people?query={Uri.EscapeDataString(local)}");
        Assert.Equal(created.Id(), Assert.Single(byPhone.GetProperty("items").EnumerateArray()).Id());
    }

    [Fact]
    public async Task Search_OtherOrganisationsRecords_AreNotFound()
    {
        using var other = await app.ClientAsync(Roles.CaseWorker, 2);
        var iin = TestData.Iin(new DateOnly(2003, 1, 2), Sex.Male);
        await TestData.CreatePersonAsync(other, TestData.Person(given: "Асхат", sex: "male", dob: "2003-01-02", iin: iin));
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var result = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people?query={iin}");
        Assert.Equal(0, result.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_ByName_FindsEachCallersOwnNamesake()
    {
        // The same name in two organisations: each case worker finds their own record and not the other's, whoever searched
        // first. The name's matches are narrowed by the caller's keys before any row is read; a query that kept its first
        // caller's scope (as a compiled query keeps what it reads from its first context) would leave the second with no one.
        var family = TestData.Surname("Серікова");
        using var first = await app.ClientAsync(Roles.CaseWorker, 1);
        using var second = await app.ClientAsync(Roles.CaseWorker, 2);
        var mine = await TestData.CreatePersonAsync(first, TestData.Person(given: "Гүлнар", family: family));
        var theirs = await TestData.CreatePersonAsync(second, TestData.Person(given: "Гүлнар", family: family));
        foreach (var (client, own) in new[] { (first, mine.Id()), (second, theirs.Id()), (first, mine.Id()) })
        {
            // The surname alone: its two words ("Серікова-…") make one pair token, the commonest shape of a name search.
            var result = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people?query={Uri.EscapeDataString(family)}");
            Assert.Equal(1, result.GetProperty("total").GetInt32());
            Assert.Equal(own, result.GetProperty("items")[0].GetProperty("id").GetGuid());
        }
    }

    [Fact]
    public async Task Create_LikelyDuplicates_Answers409WithReasons_UntilConfirmed()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var family = TestData.Surname("Жумабаева");
        var iin = TestData.Iin(new DateOnly(2000, 2, 29), Sex.Female);
        var phone = TestData.Phone();
        var first = await TestData.CreatePersonAsync(client, TestData.Person(given: "Айгерім", family: family, dob: "2000-02-29", iin: iin, phone: phone), allowDuplicates: false);

        // Same IIN; same name (another script) and birth date; same phone: each is reported with its reason.
        var latin = family.Replace("Жумабаева", "Zhumabayeva", StringComparison.Ordinal);
        var cases = new (object Body, string Reason)[]
        {
            (TestData.Person(given: "Другое", family: TestData.Surname(), dob: "2000-02-29", iin: iin), "sameIin"),
            (TestData.Person(given: "Aigerim", family: latin, dob: "2000-02-29"), "sameNameAndBirthDate"),
            (TestData.Person(given: "Другое", family: TestData.Surname(), dob: "1998-01-01", phone: phone), "samePhone"),
        };
        foreach (var (body, reason) in cases)
        {
            var check = await client.PostAsJsonAsync("/api/v1/people/duplicate-check", body);
            var candidates = await check.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(candidates.EnumerateArray(), c => c.GetProperty("person").Id() == first.Id());

            var response = await client.PostAsJsonAsync("/api/v1/people", body);
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            var duplicate = Assert.Single(problem.GetProperty("duplicates").EnumerateArray(), d => d.GetProperty("person").Id() == first.Id());
            Assert.Contains(reason, duplicate.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        }
        var confirmed = await client.PostAsJsonAsync("/api/v1/people?allowDuplicates=true", cases[1].Body);
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
    }

    [Fact]
    public async Task Update_ChangesRecord_AndRejectsStaleVersion()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var created = await TestData.CreatePersonAsync(client, TestData.Person());
        var id = created.Id();
        var edit = new { givenName = "Меруерт", familyName = "Новая", sex = "female", dateOfBirth = "2001-03-04", regionCode = "KZ-43", version = 1 };
        var response = await client.PutAsJsonAsync($"/api/v1/people/{id}", edit);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Новая", body.GetProperty("familyName").GetString());
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        var stale = await client.PutAsJsonAsync($"/api/v1/people/{id}", edit);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var search = await client.GetFromJsonAsync<JsonElement>("/api/v1/people?query=" + Uri.EscapeDataString("Меруерт Новая"));
        Assert.Contains(search.GetProperty("items").EnumerateArray(), i => i.Id() == id);
    }

    [Fact]
    public async Task Merge_KeepsBothRecordsAndHistories()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var survivor = await TestData.CreatePersonAsync(client, TestData.Person());
        var duplicate = await TestData.CreatePersonAsync(client, TestData.Person());
        var consent = await client.PostAsJsonAsync($"/api/v1/people/{duplicate.Id()}/consents", new { purpose = "followUpContact" });
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);

        var noReason = await client.PostAsJsonAsync($"/api/v1/people/{survivor.Id()}/merge", new { mergedId = duplicate.Id() });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var merged = await client.PostAsJsonAsync($"/api/v1/people/{survivor.Id()}/merge", new { mergedId = duplicate.Id(), reason = "Same person registered twice" });
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);

        var old = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{duplicate.Id()}");
        Assert.Equal(survivor.Id(), old.GetProperty("mergedIntoId").GetGuid());
        var consents = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{survivor.Id()}/consents");
        Assert.Contains(consents.EnumerateArray(), c => c.GetProperty("personId").GetGuid() == duplicate.Id());
        var again = await client.PostAsJsonAsync($"/api/v1/people/{survivor.Id()}/merge", new { mergedId = duplicate.Id(), reason = "again" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var edit = await client.PutAsJsonAsync($"/api/v1/people/{duplicate.Id()}", TestData.Person());
        Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);

        var events = await app.WithDbAsync(db => Task.FromResult(db.AuditEvents.Where(e => e.Action == Qadam.Auditing.AuditAction.Person_Merged)
            .Select(e => e.EntityId).ToList()));
        Assert.Contains(survivor.Id().ToString(), events);
        Assert.Contains(duplicate.Id().ToString(), events);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PeopleApiTests_Sqlite(SqliteApp app) : PeopleApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PeopleApiTests_Postgres(PostgresApp app) : PeopleApiTests(app);
