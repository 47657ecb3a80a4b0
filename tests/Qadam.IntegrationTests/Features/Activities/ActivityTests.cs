using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Features.Activities;

public abstract class ActivityTests(AppFixture app)
{
    private static async Task<Guid> CreateActivityAsync(HttpClient client, string kind = "SupportGroup")
    {
        var response = await client.PostAsJsonAsync("/api/v1/activities", new
        {
            kind, title = "Weekly support group for families", regionCode = "KZ-75", locality = "Алматы", startsOn = "2026-09-01", endsOn = "2026-12-31",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Id();
    }

    [Fact]
    public async Task SupportGroup_SessionsAndAttendance_AreRecordedAndAudited()
    {
        using var client = await app.ClientAsync(Roles.Psychologist);
        var activity = await CreateActivityAsync(client);
        var session = await client.PostAsJsonAsync($"/api/v1/activities/{activity}/sessions", new { date = "2026-09-08", topic = "Stress and communication" });
        Assert.Equal(HttpStatusCode.Created, session.StatusCode);
        var sessionId = (await session.Content.ReadFromJsonAsync<JsonElement>()).Id();
        var a = await TestData.CreatePersonAsync(client, TestData.Person());
        var b = await TestData.CreatePersonAsync(client, TestData.Person(given: "Айгерім"));

        var put = await client.PutAsJsonAsync($"/api/v1/activities/{activity}/sessions/{sessionId}/attendance", new
        {
            personIds = new[] { a.Id(), b.Id() },
            headcounts = new[] { new { sex = "female", ageBand = "From18To24", count = 5 }, new { sex = "male", ageBand = "From15To17", count = 2 } },
        });
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{activity}");
        var s = Assert.Single(detail.GetProperty("sessions").EnumerateArray());
        Assert.Equal(2, s.GetProperty("registered").GetInt32());
        Assert.Equal(7, s.GetProperty("anonymous").GetInt32());

        var attendance = await client.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{activity}/sessions/{sessionId}/attendance");
        Assert.Equal(2, attendance.GetProperty("people").GetArrayLength());
        Assert.Equal(2, attendance.GetProperty("headcounts").GetArrayLength());
        // The view is one list event naming everyone shown; the person's events include it.
        var actions = await app.WithDbAsync(db => db.AuditEvents.Where(Qadam.Web.Features.AuditTrail.QueryAudit.About([a.Id()])).Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditAction.Attendance_Recorded, actions);
        Assert.Contains(AuditAction.Attendance_Viewed, actions);
    }

    [Fact]
    public async Task Attendance_OfSomeoneOutOfScope_IsRefusedWithoutRevealingThem()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker, 1);
        var activity = await CreateActivityAsync(client, "Training");
        var sessionId = (await (await client.PostAsJsonAsync($"/api/v1/activities/{activity}/sessions", new { date = "2026-10-01", topic = "Soft skills" }))
            .Content.ReadFromJsonAsync<JsonElement>()).Id();
        using var other = await app.ClientAsync(Roles.CaseWorker, 2);
        var stranger = await TestData.CreatePersonAsync(other, TestData.Person());
        var put = await client.PutAsJsonAsync($"/api/v1/activities/{activity}/sessions/{sessionId}/attendance", new { personIds = new[] { stranger.Id(), Guid.NewGuid() } });
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var errors = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        // The existing stranger and a random id get the same answer.
        Assert.Equal(errors.GetProperty("personIds[0]").ToString(), errors.GetProperty("personIds[1]").ToString());
        Assert.Equal(0, await app.WithDbAsync(db => db.SessionAttendances.CountAsync(x => x.SessionId == sessionId)));
    }

    [Fact]
    public async Task BadInput_IsNamed_AndOtherOrganisationsActivitiesAre404()
    {
        using var client = await app.ClientAsync(Roles.Coordinator);
        var bad = await client.PostAsJsonAsync("/api/v1/activities", new { kind = "Party", title = "", startsOn = "01.09.2026", endsOn = "2026-01-01" });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "kind", "title", "startsOn" }) Assert.True(errors.TryGetProperty(field, out _), field);
        var activity = await CreateActivityAsync(client, "Training");
        var outside = await client.PostAsJsonAsync($"/api/v1/activities/{activity}/sessions", new { date = "2027-02-01", topic = "Late" });
        Assert.True((await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("date", out _));
        var sessionId = (await (await client.PostAsJsonAsync($"/api/v1/activities/{activity}/sessions", new { date = "2026-09-02", topic = "Leadership" }))
            .Content.ReadFromJsonAsync<JsonElement>()).Id();
        var counts = await client.PutAsJsonAsync($"/api/v1/activities/{activity}/sessions/{sessionId}/attendance", new
        {
            headcounts = new object[] { new { sex = "x", ageBand = "Old", count = -1 } },
        });
        var countErrors = (await counts.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "headcounts[0].sex", "headcounts[0].ageBand", "headcounts[0].count" }) Assert.True(countErrors.TryGetProperty(field, out _), field);

        using var other = await app.ClientAsync(Roles.Coordinator, 2);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/activities/{activity}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/activities/{activity}/sessions", new { date = "2026-09-03", topic = "x" })).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ActivityTests_Sqlite(SqliteApp app) : ActivityTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ActivityTests_Postgres(PostgresApp app) : ActivityTests(app);
