using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qadam.Auditing;
using Qadam.Cli;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Features.AuditTrail;

public abstract class AuditTrailTests(AppFixture app)
{
    [Fact]
    public async Task ReadingARecord_WritesAViewEvent_FilterableByEntityId()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var person = await TestData.CreatePersonAsync(client, TestData.Person());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/people/{person.Id()}")).StatusCode);

        using var supervisor = await app.ClientAsync(Roles.Supervisor);
        var trail = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={person.Id()}");
        var items = trail.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, e => Assert.Equal(person.Id().ToString(), e.GetProperty("entityId").GetString()));
        var viewed = Assert.Single(items, e => e.GetProperty("action").GetString() == "Person_Viewed");
        Assert.Equal("caseworker1@demo.qadam.kz", viewed.GetProperty("userName").GetString());
        Assert.Contains(items, e => e.GetProperty("action").GetString() == "Person_Created");
        var viewsOnly = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={person.Id()}&action=Person_Viewed");
        Assert.Equal(1, viewsOnly.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Trail_PagesByKeyset_EveryEventOnceNewestFirst()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var person = await TestData.CreatePersonAsync(client, TestData.Person());
        for (var i = 0; i < 6; i++) await client.GetAsync($"/api/v1/people/{person.Id()}");
        using var supervisor = await app.ClientAsync(Roles.Supervisor);
        var seen = new List<long>();
        string? before = null;
        var pages = 0;
        do
        {
            var page = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={person.Id()}&pageSize=3{(before is null ? "" : "&before=" + before)}");
            Assert.Equal(7, page.GetProperty("total").GetInt32());
            Assert.False(page.GetProperty("totalCapped").GetBoolean());
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
            before = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64().ToString();
            pages++;
        } while (before is not null);
        Assert.Equal(3, pages);
        Assert.Equal(7, seen.Distinct().Count());
        Assert.Equal(seen.OrderDescending(), seen);
    }

    [Fact]
    public async Task PersonHistory_IsNotCrowdedOutByReads()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var person = await TestData.CreatePersonAsync(client, TestData.Person());
        for (var i = 0; i < 35; i++) await client.GetAsync($"/api/v1/people/{person.Id()}");
        var history = await app.WithDbAsync(db => Qadam.Web.Features.AuditTrail.QueryAudit.HistoryOfAsync(db, [person.Id()], 30, default));
        Assert.Contains(history, e => e.Action == AuditAction.Person_Created);
        Assert.DoesNotContain(history, e => e.Action == AuditAction.Person_Viewed);
        var views = await app.WithDbAsync(db => Qadam.Web.Features.AuditTrail.QueryAudit.ViewsOfAsync(db, [person.Id()], 30, default));
        Assert.Equal(30, views.Count);
    }

    [Fact]
    public async Task Audit_OtherOrganisationsEvents_AreNotShown()
    {
        using var other = await app.ClientAsync(Roles.CaseWorker, 2);
        var person = await TestData.CreatePersonAsync(other, TestData.Person());
        using var supervisor = await app.ClientAsync(Roles.Supervisor, 1);
        var trail = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={person.Id()}");
        Assert.Equal(0, trail.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Logins_SuccessAndFailure_AreAudited_WithoutPasswords()
    {
        using var anon = app.Anonymous();
        var before = await app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => e.Sequence));
        await anon.PostAsJsonAsync("/api/v1/auth/login", new { email = "manager1@demo.qadam.kz", password = "Wrong-password-1" });
        await anon.PostAsJsonAsync("/api/v1/auth/login", new { email = "manager1@demo.qadam.kz", password = AppFixture.Password });
        var manager = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "manager1@demo.qadam.kz").Select(u => u.Id).FirstAsync());
        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Sequence > before && e.UserId == manager).ToListAsync());
        // A failure names the account by id when it exists and holds a keyed hash of the typed e-mail, never the e-mail.
        Assert.Contains(events, e => e.Action == AuditAction.Login_Failed && e.UserName == null && e.Details!.Contains("emailHash", StringComparison.Ordinal)
            && !e.Details.Contains('@'));
        Assert.Contains(events, e => e.Action == AuditAction.Login_Succeeded);
        Assert.DoesNotContain(events, e => e.Details != null && (e.Details.Contains("Wrong-password", StringComparison.Ordinal) || e.Details.Contains("Demo-2026", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Supervisor_FindsAPersonsEvents_ByNameOrIin_IncludingListsThatShowedThem_AndTheSearchIsAudited()
    {
        using var caseworker = await app.ClientAsync(Roles.CaseWorker);
        var family = TestData.Surname("Аудитова");
        var iin = TestData.Iin(new DateOnly(2001, 3, 4), Sex.Female);
        var person = (await TestData.CreatePersonAsync(caseworker, TestData.Person(family: family, iin: iin))).Id();
        await caseworker.GetAsync($"/api/v1/people/{person}");
        // A list that shows the person (search results are one event naming every record shown).
        await caseworker.GetAsync($"/api/v1/people?query={Uri.EscapeDataString(family)}");

        using var supervisor = await app.ClientAsync(Roles.Supervisor);
        foreach (var query in new[] { family, iin, family.Replace("Аудитова", "Auditova", StringComparison.Ordinal) })
        {
            var trail = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/audit?person={Uri.EscapeDataString(query)}");
            var actions = trail.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
            Assert.Contains("Person_Created", actions);
            Assert.Contains("Person_Viewed", actions);
            Assert.Equal(family + " Меруерт", trail.GetProperty("people").GetProperty(person.ToString()).GetString());
            Assert.Contains(trail.GetProperty("users").EnumerateObject(), u => u.Value.GetString() == "caseworker 1 (demo)");
        }
        var viewed = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == AuditAction.Audit_Viewed).OrderByDescending(e => e.Sequence).FirstAsync());
        Assert.Contains(person.ToString(), viewed.Details);
        // Someone outside the organisation finds nothing about this person.
        using var stranger = await app.ClientAsync(Roles.Supervisor, 2);
        Assert.Equal(0, (await stranger.GetFromJsonAsync<JsonElement>($"/api/v1/audit?person={Uri.EscapeDataString(iin)}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AList_IsOneAuditEventNamingTheIdsShown()
    {
        using var manager = await app.ClientAsync(Roles.Manager);
        var before = await app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => e.Sequence));
        var list = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/scheme/placements")).GetProperty("items");
        Assert.True(list.GetArrayLength() > 1);
        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Sequence > before && e.Action == AuditAction.Applicant_Listed).ToListAsync());
        var single = Assert.Single(events);
        Assert.Equal(list.GetArrayLength(), JsonDocument.Parse(single.Details!).RootElement.GetProperty("shown").GetArrayLength());
    }

    [Fact]
    public async Task ConcurrentBurstOfAuditedWrites_LeavesAnIntactChain()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => app.ClientAsync(i % 2 == 0 ? Roles.CaseWorker : Roles.Psychologist)));
        try
        {
            var ids = await Task.WhenAll(clients.SelectMany(c => Enumerable.Range(0, 6).Select(async _ =>
            {
                var created = await TestData.CreatePersonAsync(c, TestData.Person());
                var id = created.Id().ToString();
                Assert.Equal(HttpStatusCode.OK, (await c.GetAsync($"/api/v1/people/{id}")).StatusCode);
                // A read's event (no change to commit with it, linked by the chaining round directly on PostgreSQL) is in the
                // chain by the time the read is answered.
                Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.EntityId == id && e.Action == AuditAction.Person_Viewed)));
                return id;
            })));
            Assert.Equal(ids.Length, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => ids.Contains(e.EntityId!) && e.Action == AuditAction.Person_Viewed)));
            Assert.Equal(0, await app.WithDbAsync(db => db.PendingAuditEvents.CountAsync()));
            var (count, broken) = await app.WithDbAsync(db => Qadam.Web.Platform.Auditing.AuditLog.VerifyAsync(db));
            Assert.Null(broken);
            Assert.True(count >= 96);
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    [Fact]
    public async Task Database_RefusesToChangeOrDeleteAuditEvents()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Details\" = 'x' WHERE \"Sequence\" = 1")));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\" WHERE \"Sequence\" = 1")));
        // A pending event may be chained (deleted from the pending table), never altered.
        var insert = app.Provider == "Postgres"
            ? "INSERT INTO \"PendingAuditEvents\" (\"OccurredAt\", \"Action\") VALUES (now(), 1000)"
            : "INSERT INTO \"PendingAuditEvents\" (\"OccurredAt\", \"Action\") VALUES (0, 1000)";
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(insert));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"PendingAuditEvents\" SET \"UserName\" = 'x'")));
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"PendingAuditEvents\" WHERE \"Action\" = 1000 AND \"UserId\" IS NULL"));
    }

    [Fact]
    public async Task CliAuditVerify_IntactChain_Exits0_TamperedChain_Exits1AtTheFirstBrokenLink()
    {
        var fresh = app.Fresh();
        await fresh.InitializeAsync();
        try
        {
            using (var client = await fresh.ClientAsync(Roles.CaseWorker))
                await TestData.CreatePersonAsync(client, TestData.Person());
            var output = new StringWriter();
            Assert.Equal(0, await CliApp.RunAsync(["audit", "verify"], output, fresh.Factory.Settings));
            Assert.StartsWith("OK:", output.ToString());

            // Someone with database access edits event 7 behind the application's back.
            await fresh.WithDbAsync(async db =>
            {
                if (fresh.Provider == "Postgres")
                    await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEvents\" DISABLE TRIGGER audit_events_no_change");
                else
                    await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEvents_NoUpdate\"");
                return await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"UserName\" = 'nobody' WHERE \"Sequence\" = 7");
            });
            output = new StringWriter();
            Assert.Equal(1, await CliApp.RunAsync(["audit", "verify"], output, fresh.Factory.Settings));
            Assert.StartsWith("BROKEN at event 7:", output.ToString());
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditTrailTests_Sqlite(SqliteApp app) : AuditTrailTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuditTrailTests_Postgres(PostgresApp app) : AuditTrailTests(app);
