using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qadam.IntegrationTests.Infrastructure;
using static Qadam.Domain.Roles;

namespace Qadam.IntegrationTests.Features.Psychosocial;

/// <summary>Scoring an instrument through the API stores nothing and answers total, completeness, band and the PHQ-9 alert.</summary>
public abstract class InstrumentScoringTests(AppFixture app)
{
    [Fact]
    public async Task Phq9_WithItem9Answered_AlertsEvenWhenIncomplete_AndNothingIsStored()
    {
        using var psychologist = await app.ClientAsync(Psychologist);
        var codes = (await psychologist.GetFromJsonAsync<JsonElement>("/api/v1/instruments")).EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Equal(["phq9", "gad7", "who5", "brs", "k10"], codes);
        var before = await app.WithDbAsync(db => Task.FromResult(db.AuditEvents.Count() + db.People.Count()));

        var full = await (await psychologist.PostAsJsonAsync("/api/v1/instruments/phq9/score", new { answers = new int?[] { 2, 2, 2, 2, 1, 1, 0, 0, 1 } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(11, full.GetProperty("total").GetDouble());
        Assert.True(full.GetProperty("complete").GetBoolean());
        Assert.Equal("moderate", full.GetProperty("band").GetString());
        Assert.True(full.GetProperty("alert").GetBoolean());

        var incomplete = await (await psychologist.PostAsJsonAsync("/api/v1/instruments/phq9/score", new { answers = new int?[] { null, null, null, 0, 0, 0, 0, 0, 1 } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, incomplete.GetProperty("total").ValueKind);
        Assert.False(incomplete.GetProperty("complete").GetBoolean());
        Assert.True(incomplete.GetProperty("alert").GetBoolean());

        var who5 = await (await psychologist.PostAsJsonAsync("/api/v1/instruments/WHO5/score", new { answers = new int?[] { 3, 3, 2, 2, 3 } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(52, who5.GetProperty("total").GetDouble());

        var bad = await psychologist.PostAsJsonAsync("/api/v1/instruments/gad7/score", new { answers = new int?[] { 0, 0, 7, 0, 0, 0, 0 } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Item 3", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("answers")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await psychologist.PostAsJsonAsync("/api/v1/instruments/beck/score", new { answers = new int?[] { 0 } })).StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => Task.FromResult(db.AuditEvents.Count() + db.People.Count())));
        using var operatorClient = await app.ClientAsync(Operator);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.PostAsJsonAsync("/api/v1/instruments/phq9/score", new { answers = new int?[9] })).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class InstrumentScoringTests_Sqlite(SqliteApp app) : InstrumentScoringTests(app);

[Collection(PostgresCollection.Name)]
public sealed class InstrumentScoringTests_Postgres(PostgresApp app) : InstrumentScoringTests(app);
