using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.IntegrationTests.Infrastructure;
using static Qadam.Domain.Roles;

namespace Qadam.IntegrationTests.Features.Cases;

/// <summary>
/// A newcomer signing in as each case-work role finds real work in the demo; hotline figures are whole for a supervisor
/// and suppressed for a manager; reads of contacts are audited.
/// </summary>
public abstract class DemoCaseWorkTests(AppFixture app)
{
    [Fact]
    public async Task EachCaseWorkRole_FindsWorkInTheDemo()
    {
        using var cw1 = await app.ClientAsync(CaseWorker);
        var mine = (await cw1.GetFromJsonAsync<JsonElement>("/api/v1/cases?mine=true")).EnumerateArray().ToList();
        Assert.True(mine.Count >= 4, $"{mine.Count} cases");
        Assert.Contains(mine, c => c.GetProperty("overdueTasks").GetInt32() > 0);
        Assert.Contains(mine, c => c.GetProperty("status").GetString() == "closed");
        using var psy1 = await app.ClientAsync(Psychologist);
        Assert.NotEmpty((await psy1.GetFromJsonAsync<JsonElement>("/api/v1/cases?mine=true")).EnumerateArray());

        // The mother's call, worked by the Kostanai centre.
        using var cw3 = await app.ClientAsync(CaseWorker, 3);
        var centre = Assert.Single((await cw3.GetFromJsonAsync<JsonElement>("/api/v1/cases")).EnumerateArray(),
            c => c.GetProperty("owned").GetBoolean() && c.GetProperty("personName").GetString() == "Гульмира Сейтказиева");
        var detail = await cw3.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{centre.Id()}");
        Assert.True(detail.GetProperty("services").GetArrayLength() >= 3);
        Assert.Equal(2, detail.GetProperty("workers").GetArrayLength());

        // Kyzylorda has a referral from Almaty waiting past its deadline.
        using var sup2 = await app.ClientAsync(Supervisor, 2);
        var waiting = (await sup2.GetFromJsonAsync<JsonElement>("/api/v1/referrals?direction=incoming")).EnumerateArray().ToList();
        Assert.Contains(waiting, r => r.GetProperty("overdue").GetBoolean());
        Assert.Contains("Kostanai Family Support Centre", await cw1.GetStringAsync("/api/v1/services?regionCode=KZ-39"));
    }

    [Fact]
    public async Task HotlineFigures_AreWholeForTheSupervisor_AndSuppressedAcrossOrganisations()
    {
        using var supervisor = await app.ClientAsync(Supervisor);
        var own = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/hotline/figures");
        Assert.Equal("organisation", own.GetProperty("scope").GetString());
        Assert.False(own.GetProperty("smallCellsSuppressed").GetBoolean());
        Assert.True(own.GetProperty("contacts").GetInt32() >= 14);
        var channel = own.GetProperty("tables").EnumerateArray().First(t => t.GetProperty("dimension").GetString() == "channel");
        Assert.Equal(own.GetProperty("contacts").GetInt32(), channel.GetProperty("denominator").GetInt32());
        Assert.Equal(channel.GetProperty("denominator").GetInt32(), channel.GetProperty("cells").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()));

        using var manager = await app.ClientAsync(Manager);
        var all = await manager.GetFromJsonAsync<JsonElement>("/api/v1/hotline/figures");
        Assert.Equal("all", all.GetProperty("scope").GetString());
        var cells = all.GetProperty("tables").EnumerateArray().SelectMany(t => t.GetProperty("cells").EnumerateArray()).ToList();
        Assert.Contains(cells, c => c.GetProperty("suppressed").GetBoolean()); // the demo has small cells
        Assert.All(cells.Where(c => !c.GetProperty("suppressed").GetBoolean()), c => Assert.True(c.GetProperty("count").GetInt32() is 0 or >= 5));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await (await app.ClientAsync(Operator)).GetAsync("/api/v1/hotline/figures")).StatusCode);
    }

    [Fact]
    public async Task ReadingAContact_IsAudited()
    {
        using var op = await app.ClientAsync(Operator);
        var id = (await op.GetFromJsonAsync<JsonElement>("/api/v1/contacts")).EnumerateArray().First().Id();
        await op.GetAsync($"/api/v1/contacts/{id}");
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.Contact_Viewed && e.EntityId == id.ToString())));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.Contact_Listed && e.Details!.Contains(id.ToString()))));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DemoCaseWorkTests_Sqlite(SqliteApp app) : DemoCaseWorkTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DemoCaseWorkTests_Postgres(PostgresApp app) : DemoCaseWorkTests(app);
