using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Features.Scheme;

/// <summary>The list of matching runs reads each run's settings column, never its stored snapshot (issue #13); runs stored before the column still list.</summary>
public abstract class RunListTests(AppFixture app)
{
    [Fact]
    public async Task TheRunList_ShowsEachRunsSettings_FromTheirColumn_OrFromTheSnapshotOfAnOlderRun()
    {
        using var coordinator = await app.ClientAsync("coordinator");
        static List<string> Settings(JsonElement list) => list.GetProperty("items").EnumerateArray()
            .Select(r => $"{r.GetProperty("id").GetGuid()} {r.GetProperty("settings").GetProperty("regionCode").GetString()} {r.GetProperty("settings").GetProperty("cohort").GetString()}").Order().ToList();
        // A cohort of its own (other tests place the demo's), with one waiting applicant in Karaganda Region (no other test uses it).
        var cohort = "list-" + Guid.NewGuid().ToString("N")[..6];
        var locality = await app.WithDbAsync(db => db.Localities.Where(l => l.RegionCode == "KZ-35").Select(l => l.Id).FirstAsync());
        using var employer = await coordinator.PostAsJsonAsync("/api/v1/scheme/employers", new { name = "List Ltd " + cohort, type = "PrivateBusiness", sector = "trade", localityId = locality, contactPerson = "Contact" });
        var employerId = (await employer.Content.ReadFromJsonAsync<JsonElement>()).Id();
        using (var position = await coordinator.PostAsJsonAsync($"/api/v1/scheme/employers/{employerId}/positions",
                   new { title = "Shop assistant", sector = "trade", requiredSkills = "sales", localityId = locality, slots = 1, monthlySubsidy = 85000, project = "UNDP" }))
            Assert.True(position.IsSuccessStatusCode, await position.Content.ReadAsStringAsync());
        var person = (await TestData.CreatePersonAsync(coordinator, TestData.Person(regionCode: "KZ-35"))).Id();
        using (var applicant = await coordinator.PostAsJsonAsync("/api/v1/scheme/applicants",
                   new { personId = person, cohort, education = "Secondary", skills = "sales", preferredSectors = "trade", localityId = locality, maxTravelKm = 50 }))
            Assert.True(applicant.IsSuccessStatusCode, await applicant.Content.ReadAsStringAsync());
        using var created = await coordinator.PostAsJsonAsync("/api/v1/scheme/runs", new { title = "List test", regionCode = "KZ-35", cohort, startsOn = "2027-01-11" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var before = Settings(JsonDocument.Parse(await coordinator.GetStringAsync("/api/v1/scheme/runs")).RootElement);
        Assert.NotEmpty(before);
        Assert.All(before, s => Assert.DoesNotContain("  ", s));
        var withColumn = await app.WithDbAsync(db => db.MatchRuns.CountAsync(r => r.SettingsJson != null));
        Assert.True(withColumn > 0);
        // An older run: no settings column, only its snapshot.
        await app.WithDbAsync(db => db.MatchRuns.ExecuteUpdateAsync(u => u.SetProperty(r => r.SettingsJson, (string?)null)));
        try
        {
            Assert.Equal(before, Settings(JsonDocument.Parse(await coordinator.GetStringAsync("/api/v1/scheme/runs")).RootElement));
        }
        finally
        {
            // Put the column back as the migration does, from each snapshot.
            await app.WithDbAsync(async db =>
            {
                // Only the runs this test emptied (another test's run may still be starting, its snapshot not yet written).
                // Row by row, without the runs' concurrency token: another test's run may be finishing meanwhile.
                var restored = 0;
                foreach (var (runId, input) in (await db.MatchRuns.Where(r => r.SettingsJson == null).Select(r => new { r.Id, r.InputJson }).ToListAsync()).Select(r => (r.Id, r.InputJson)))
                    if (input.StartsWith('{') && JsonDocument.Parse(input).RootElement.TryGetProperty("settings", out var settings))
                    {
                        var json = settings.GetRawText();
                        restored += await db.MatchRuns.Where(r => r.Id == runId && r.SettingsJson == null).ExecuteUpdateAsync(u => u.SetProperty(r => r.SettingsJson, json));
                    }
                return restored;
            });
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RunListTests_Sqlite(SqliteApp app) : RunListTests(app);

[Collection(PostgresCollection.Name)]
public sealed class RunListTests_Postgres(PostgresApp app) : RunListTests(app);
