using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Features.People;

public abstract class BreakGlassTests(AppFixture app)
{
    [Fact]
    public async Task BreakGlass_WithReason_OpensRecordForAnHour_AuditsAndAlertsOwner()
    {
        using var owner = await app.ClientAsync(Roles.CaseWorker, 1);
        var iin = TestData.Iin(new DateOnly(2004, 4, 4), Sex.Male);
        var person = await TestData.CreatePersonAsync(owner, TestData.Person(given: "Дәурен", sex: "male", dob: "2004-04-04", iin: iin));
        using var other = await app.ClientAsync(Roles.Supervisor, 2);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/people/{person.Id()}")).StatusCode);

        var tooShort = await other.PostAsJsonAsync("/api/v1/break-glass", new { iin, reason = "urgent" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        var granted = await other.PostAsJsonAsync("/api/v1/break-glass", new { iin, reason = "Caller reports imminent risk of harm; need contacts" });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var grant = await granted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(person.Id(), grant.GetProperty("personId").GetGuid());
        var expires = grant.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));

        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/v1/people/{person.Id()}")).StatusCode);
        var actions = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.EntityId == person.Id().ToString()).Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditAction.BreakGlass_Granted, actions);
        Assert.Contains(AuditAction.BreakGlass_Used, actions);
        var ownerOrg = await app.WithDbAsync(db => db.People.Where(p => p.Id == person.Id()).Select(p => p.OrganisationId).SingleAsync());
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.OrganisationId == ownerOrg && n.SubjectId == person.Id() && n.Kind == "breakGlass")));

        // The owner's supervisor sees the emergency access in their audit trail.
        using var ownerSupervisor = await app.ClientAsync(Roles.Supervisor, 1);
        var trail = await ownerSupervisor.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={person.Id()}");
        Assert.Contains(trail.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "BreakGlass_Used");
    }

    [Fact]
    public async Task BreakGlass_FindsThePersonBySearch_OnlyUntilItExpires()
    {
        // The scope probes break-glass keys apart from the others (their expiry is not in the key's index): a search by name
        // (the token subquery checks the key before the person's row) and by IIN must honour it.
        using var owner = await app.ClientAsync(Roles.CaseWorker, 1);
        var iin = TestData.Iin(new DateOnly(2003, 3, 3), Sex.Female);
        var family = TestData.Surname("Жанибекова");
        var person = await TestData.CreatePersonAsync(owner, TestData.Person(given: "Әлия", family: family, dob: "2003-03-03", iin: iin));
        using var other = await app.ClientAsync(Roles.Supervisor, 2);
        // By the whole name (three words: two tokens), by the surname alone (two words: one token) and by IIN (a compiled query).
        async Task<int> FoundAsync(string query) =>
            (await other.GetFromJsonAsync<JsonElement>($"/api/v1/people?query={Uri.EscapeDataString(query)}")).GetProperty("total").GetInt32();

        Assert.Equal(0, await FoundAsync($"Әлия {family}"));
        Assert.Equal(0, await FoundAsync(family));
        Assert.Equal(0, await FoundAsync(iin));
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsJsonAsync("/api/v1/break-glass", new { iin, reason = "Caller reports imminent risk of harm; need contacts" })).StatusCode);
        Assert.Equal(1, await FoundAsync($"Әлия {family}"));
        Assert.Equal(1, await FoundAsync(family));
        Assert.Equal(1, await FoundAsync(iin));

        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        await app.WithDbAsync(db => db.PersonKeys.Where(k => k.PersonId == person.Id() && k.Kind == PersonKeyKind.BreakGlass).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, past)));
        Assert.Equal(0, await FoundAsync($"Әлия {family}"));
        Assert.Equal(0, await FoundAsync(family));
        Assert.Equal(0, await FoundAsync(iin));
        var owners = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/people?query={Uri.EscapeDataString(iin)}");
        Assert.Equal(1, owners.GetProperty("total").GetInt32()); // the record itself is untouched: its owner still finds it
    }

    [Fact]
    public async Task BreakGlass_ReasonIsNotStoredInPlainText()
    {
        using var owner = await app.ClientAsync(Roles.CaseWorker, 1);
        var person = await TestData.CreatePersonAsync(owner, TestData.Person());
        using var other = await app.ClientAsync(Roles.CaseWorker, 2);
        var marker = "Reason-" + Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsJsonAsync("/api/v1/break-glass", new { personId = person.Id(), reason = marker })).StatusCode);
        var raw = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Reason\" AS \"Value\" FROM \"BreakGlassGrants\"").ToListAsync());
        Assert.DoesNotContain(raw, r => r.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(await app.WithDbAsync(db => db.AuditEvents.Select(e => e.Details).ToListAsync()), d => d != null && d.Contains(marker, StringComparison.Ordinal));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BreakGlassTests_Sqlite(SqliteApp app) : BreakGlassTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BreakGlassTests_Postgres(PostgresApp app) : BreakGlassTests(app);
