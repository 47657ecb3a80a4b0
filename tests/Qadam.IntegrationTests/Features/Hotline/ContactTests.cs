using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;
using static Qadam.Domain.Roles;

namespace Qadam.IntegrationTests.Features.Hotline;

/// <summary>Hotline contacts through the API: validation naming every field, the mother's call, telephony skeletons, repeat callers, scope.</summary>
public abstract class ContactTests(AppFixture app)
{
    private static object MothersCall(string? phone = null, string? callId = null, string urgency = "medium") => new
    {
        channel = "phone", line = "114", callId, callerPhone = phone, callerRelation = "parent",
        caller = new { sex = "female", ageBand = "30+", regionCode = "KZ-39" },
        personAtRisk = new { sex = "female", ageBand = "18-24", regionCode = "KZ-39" },
        personOfConcern = new { sex = "male", ageBand = "25-29" },
        categories = new[] { "radicalisation-concern", "family-relationships" }, urgency, outcome = "information",
        summary = "Mother worried: the daughter's fiancé brings banned literature.",
    };

    [Fact]
    public async Task Create_BadInput_NamesEveryField_AndWritesNothing()
    {
        using var op = await app.ClientAsync(Operator);
        var before = await app.WithDbAsync(db => db.Contacts.CountAsync());
        var empty = await op.PostAsJsonAsync("/api/v1/contacts", new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var missing = (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "channel", "callerRelation", "categories", "urgency", "outcome" }) Assert.True(missing.TryGetProperty(field, out _), field);

        var bad = await op.PostAsJsonAsync("/api/v1/contacts", new
        {
            channel = "fax", callerRelation = "neighbour", categories = new[] { "radicalisation-concern", "nope" }, urgency = "soon", outcome = "x",
            callerPhone = "call me", startedAt = "yesterday", caller = new { sex = "other", ageBand = "17-20" }, personAtRisk = new { regionCode = "KZ-00" },
        });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "channel", "callerRelation", "categories[1]", "urgency", "outcome", "callerPhone", "startedAt", "caller.sex", "caller.ageBand", "personAtRisk.regionCode" })
            Assert.True(errors.TryGetProperty(field, out _), field);
        Assert.False(errors.TryGetProperty("categories[0]", out _));
        Assert.Equal(before, await app.WithDbAsync(db => db.Contacts.CountAsync()));
    }

    [Fact]
    public async Task TheMothersCall_IsRecordedWithoutNames_AndTheSummaryIsSealed()
    {
        using var op = await app.ClientAsync(Operator);
        var created = await op.PostAsJsonAsync("/api/v1/contacts", MothersCall());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var contact = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("completed", contact.GetProperty("status").GetString());
        Assert.Equal("18-24", contact.GetProperty("personAtRisk").GetProperty("ageBand").GetString());
        Assert.False(contact.GetProperty("personAtRisk").GetProperty("linkedToPerson").GetBoolean());
        var read = await op.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{contact.Id()}");
        Assert.Equal("Mother worried: the daughter's fiancé brings banned literature.", read.GetProperty("summary").GetString());
        var stored = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Summary\" AS \"Value\" FROM \"Contacts\" WHERE \"Summary\" IS NOT NULL").ToListAsync());
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, s => s.Contains("fiancé", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TelephonySkeleton_IsIdempotentOnTheCallId_AndTheNumberIsNeverStored()
    {
        using var op = await app.ClientAsync(Operator);
        var callId = "call-" + Guid.NewGuid().ToString("N");
        var digits = "70" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        object skeleton = new { channel = "phone", line = "114", callId, callerPhone = "+7" + digits, startedAt = "2026-12-01T09:15:00Z" };
        var first = await op.PostAsJsonAsync("/api/v1/contacts", skeleton);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await op.PostAsJsonAsync("/api/v1/contacts", skeleton);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.Id(), (await again.Content.ReadFromJsonAsync<JsonElement>()).Id());
        Assert.Equal("open", a.GetProperty("status").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.Contacts.CountAsync(c => c.CallId == callId)));
        var rows = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT COALESCE(\"CallerHash\", '') || '|' || COALESCE(\"Line\", '') || '|' || COALESCE(\"CallId\", '') AS \"Value\" FROM \"Contacts\"").ToListAsync());
        Assert.DoesNotContain(rows, r => r.Contains(digits[2..], StringComparison.Ordinal));
        Assert.Contains(rows, r => r.EndsWith("|" + callId, StringComparison.Ordinal)); // positive control: the row is there
    }

    [Fact]
    public async Task TheTelephonyAccount_OpensSkeletonsOnly_AndNeverReadsWhatTheOperatorWrote()
    {
        using var telephony = await app.ClientAsync(Roles.Telephony);
        var callId = "call-" + Guid.NewGuid().ToString("N");
        var content = await telephony.PostAsJsonAsync("/api/v1/contacts", new { channel = "phone", callId, urgency = "high", summary = "x", categories = new[] { "depression" } });
        Assert.Equal(HttpStatusCode.BadRequest, content.StatusCode);
        var errors = (await content.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "urgency", "summary", "categories" }) Assert.True(errors.TryGetProperty(field, out _), field);
        Assert.True((await (await telephony.PostAsJsonAsync("/api/v1/contacts", new { channel = "phone" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("callId", out _));

        object skeleton = new { channel = "phone", line = "114", callId, callerPhone = TestData.Phone(), startedAt = "2026-12-01T10:00:00Z" };
        var opened = await telephony.PostAsJsonAsync("/api/v1/contacts", skeleton);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).Id();
        Assert.Equal(HttpStatusCode.Forbidden, (await telephony.GetAsync($"/api/v1/contacts/{id}")).StatusCode);

        // Every operator of the organisation sees the unclaimed call; the one who completes it takes it.
        using var op = await app.ClientAsync(Operator);
        Assert.Contains(id.ToString(), await op.GetStringAsync("/api/v1/contacts"));
        Assert.Equal(HttpStatusCode.OK, (await op.PutAsJsonAsync($"/api/v1/contacts/{id}", MothersCall())).StatusCode);
        using var psychologist = await app.ClientAsync(Psychologist);
        Assert.Equal(HttpStatusCode.NotFound, (await psychologist.GetAsync($"/api/v1/contacts/{id}")).StatusCode); // taken: no longer everyone's
        var retry = await telephony.PostAsJsonAsync("/api/v1/contacts", skeleton);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var body = await retry.Content.ReadAsStringAsync();
        Assert.Contains("completed", body);
        Assert.DoesNotContain("fiancé", body);
        Assert.DoesNotContain("summary", body);
    }

    [Fact]
    public async Task TheOperatorCompletesTheSkeleton_Once()
    {
        using var op = await app.ClientAsync(Operator);
        var callId = "call-" + Guid.NewGuid().ToString("N");
        var skeleton = await (await op.PostAsJsonAsync("/api/v1/contacts", new { channel = "phone", line = "114", callId })).Content.ReadFromJsonAsync<JsonElement>();
        var incomplete = await op.PutAsJsonAsync($"/api/v1/contacts/{skeleton.Id()}", new { channel = "phone" });
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.True((await incomplete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("urgency", out _));
        var done = await op.PutAsJsonAsync($"/api/v1/contacts/{skeleton.Id()}", MothersCall());
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var completed = await done.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal(callId, completed.GetProperty("callId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await op.PutAsJsonAsync($"/api/v1/contacts/{skeleton.Id()}", MothersCall())).StatusCode);
        using var other = await app.ClientAsync(Operator, 2);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/contacts/{skeleton.Id()}", MothersCall())).StatusCode);
    }

    [Fact]
    public async Task RepeatCaller_IsRecognisedByAKeyedHash_CountAndCategoriesOnly()
    {
        using var op = await app.ClientAsync(Operator);
        var phone = "+7701" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await op.PostAsJsonAsync("/api/v1/contacts", MothersCall(phone));
        var second = await (await op.PostAsJsonAsync("/api/v1/contacts", MothersCall(phone.Replace("+7", "8", StringComparison.Ordinal)))).Content.ReadFromJsonAsync<JsonElement>();
        var read = await op.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{second.Id()}");
        var repeat = read.GetProperty("repeat");
        Assert.Equal(1, repeat.GetProperty("earlierContacts").GetInt32());
        Assert.Contains("radicalisation-concern", repeat.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain(phone[4..], read.GetRawText());
    }

    [Fact]
    public async Task Contacts_AreSeenByWhoHandledThem_AndTheirSupervisors_NotByOtherOrganisations()
    {
        using var op = await app.ClientAsync(Operator);
        var id = (await (await op.PostAsJsonAsync("/api/v1/contacts", MothersCall())).Content.ReadFromJsonAsync<JsonElement>()).Id();
        using var supervisor = await app.ClientAsync(Supervisor);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/v1/contacts/{id}")).StatusCode);
        using var caseworker = await app.ClientAsync(CaseWorker);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/api/v1/contacts/{id}")).StatusCode);
        using var stranger = await app.ClientAsync(Supervisor, 2);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/contacts/{id}")).StatusCode);
        Assert.DoesNotContain(id.ToString(), await stranger.GetStringAsync("/api/v1/contacts"));
        using var manager = await app.ClientAsync(Manager);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/v1/contacts/{id}")).StatusCode);
    }

    [Fact]
    public async Task Demo_TheOperatorFindsTwoWeeksOfCalls_AnOpenOne_AndARepeatCaller()
    {
        using var op = await app.ClientAsync(Operator, 2);
        var rows = (await op.GetFromJsonAsync<JsonElement>("/api/v1/contacts")).EnumerateArray().ToList();
        Assert.True(rows.Count >= 10, $"{rows.Count} demo contacts");
        var open = Assert.Single(rows, r => r.GetProperty("status").GetString() == "open");
        var detail = await op.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{open.Id()}");
        Assert.True(detail.GetProperty("repeat").GetProperty("earlierContacts").GetInt32() >= 3);
        // The case worker and the psychologist took a call too, so their hotline page is not empty.
        foreach (var role in new[] { CaseWorker, Psychologist })
        {
            using var colleague = await app.ClientAsync(role, 2);
            Assert.NotEmpty((await colleague.GetFromJsonAsync<JsonElement>("/api/v1/contacts")).EnumerateArray());
        }
    }

    [Fact]
    public async Task ASupervisorFlagsACaller_TheFlagFollowsTheNumberUntilItLapses()
    {
        using var op = await app.ClientAsync(Operator);
        var phone = "+7705" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var first = (await (await op.PostAsJsonAsync("/api/v1/contacts", MothersCall(phone))).Content.ReadFromJsonAsync<JsonElement>()).Id();
        using var supervisor = await app.ClientAsync(Supervisor);
        var bad = await supervisor.PostAsJsonAsync($"/api/v1/contacts/{first}/caller-flag", new { reason = "", until = "2020-01-01" });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("reason", out _) && errors.TryGetProperty("until", out _));
        var until = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Created, (await supervisor.PostAsJsonAsync($"/api/v1/contacts/{first}/caller-flag", new { reason = "Abusive to operators", until })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync($"/api/v1/contacts/{first}/caller-flag", new { reason = "x", until })).StatusCode);
        // The next call from the same number carries the warning.
        var next = (await (await op.PostAsJsonAsync("/api/v1/contacts", MothersCall(phone))).Content.ReadFromJsonAsync<JsonElement>()).Id();
        var flag = (await op.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{next}")).GetProperty("callerFlag");
        Assert.Equal("Abusive to operators", flag.GetProperty("reason").GetString());
        Assert.Equal(until, flag.GetProperty("until").GetString());
        var stored = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Reason\" AS \"Value\" FROM \"CallerFlags\"").ToListAsync());
        Assert.DoesNotContain(stored, r => r.Contains("Abusive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImmediateDanger_AlertsTheSupervisors()
    {
        using var op = await app.ClientAsync(Operator);
        var id = (await (await op.PostAsJsonAsync("/api/v1/contacts", MothersCall(urgency: "immediateDanger"))).Content.ReadFromJsonAsync<JsonElement>()).Id();
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == "immediateDanger" && n.SubjectId == id)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContactTests_Sqlite(SqliteApp app) : ContactTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ContactTests_Postgres(PostgresApp app) : ContactTests(app);
