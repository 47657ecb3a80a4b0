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
        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Sequence > before && e.UserName == "manager1@demo.qadam.kz").ToListAsync());
        Assert.Contains(events, e => e.Action == AuditAction.Login_Failed);
        Assert.Contains(events, e => e.Action == AuditAction.Login_Succeeded);
        Assert.DoesNotContain(events, e => e.Details != null && (e.Details.Contains("Wrong-password", StringComparison.Ordinal) || e.Details.Contains("Demo-2026", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Database_RefusesToChangeOrDeleteAuditEvents()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Details\" = 'x' WHERE \"Sequence\" = 1")));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\" WHERE \"Sequence\" = 1")));
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
