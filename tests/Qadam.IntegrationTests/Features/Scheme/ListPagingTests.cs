using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Features.Scheme;

/// <summary>The applicant, placement and run lists page by keyset on the server (issue #13): every row once, newest first, one audit event per page.</summary>
public abstract class ListPagingTests(AppFixture app)
{
    /// <summary>Follows <c>next</c> from the first page; returns the ids in the order shown and the number of pages.</summary>
    private static async Task<(List<Guid> Ids, int Pages)> WalkAsync(HttpClient client, string url)
    {
        var ids = new List<Guid>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>(url + (url.Contains('?') ? "&" : "?") + (after is null ? "" : "after=" + after));
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetGuid()));
            after = page.GetProperty("next").GetString();
            pages++;
        } while (after is not null && pages < 100);
        return (ids, pages);
    }

    [Fact]
    public async Task Applicants_PageByKeyset_EachOnce_AndEachPageIsOneAuditEvent()
    {
        using var coordinator = await app.ClientAsync("coordinator");
        var cohort = "page-" + Guid.NewGuid().ToString("N")[..6];
        var locality = await app.WithDbAsync(db => db.Localities.Where(l => l.RegionCode == "KZ-35").Select(l => l.Id).FirstAsync());
        var made = new HashSet<Guid>();
        for (var i = 0; i < 7; i++)
        {
            var person = (await TestData.CreatePersonAsync(coordinator, TestData.Person(regionCode: "KZ-35"))).Id();
            using var created = await coordinator.PostAsJsonAsync("/api/v1/scheme/applicants",
                new { personId = person, cohort, education = "Secondary", skills = "sales", preferredSectors = "trade", localityId = locality, maxTravelKm = 50 });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            made.Add(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        }
        var before = await app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => e.Sequence));
        // Seven applicants of one day: the pages are cut on the id alone.
        var (ids, pages) = await WalkAsync(coordinator, $"/api/v1/scheme/applicants?cohort={cohort}&pageSize=3");
        Assert.Equal(3, pages);
        Assert.Equal(7, ids.Count);
        Assert.True(made.SetEquals(ids));
        var listed = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Sequence > before && e.Action == AuditAction.Applicant_Listed).ToListAsync());
        Assert.Equal(3, listed.Count);
        Assert.Equal(7, listed.Sum(e => JsonDocument.Parse(e.Details!).RootElement.GetProperty("shown").GetArrayLength()));
        // A malformed cursor is the first page; the page in the browser has the pager.
        var first = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/scheme/applicants?cohort={cohort}&pageSize=3&after=x.y");
        Assert.Equal(ids.Take(3), first.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetGuid()));
        var html = await coordinator.GetStringAsync($"/Scheme/Applicants?cohort={cohort}");
        Assert.DoesNotContain("rel=\"next\"", html); // 7 fit the page of 50
    }

    [Fact]
    public async Task Placements_AndRuns_PageByKeyset_AsTheWholeListInOnePage()
    {
        using var coordinator = await app.ClientAsync("coordinator");
        // Two runs of a cohort of its own (one waiting applicant in Karaganda Region), beside the demo's.
        var cohort = "runs-" + Guid.NewGuid().ToString("N")[..6];
        var locality = await app.WithDbAsync(db => db.Localities.Where(l => l.RegionCode == "KZ-35").Select(l => l.Id).FirstAsync());
        var person = (await TestData.CreatePersonAsync(coordinator, TestData.Person(regionCode: "KZ-35"))).Id();
        using (var applicant = await coordinator.PostAsJsonAsync("/api/v1/scheme/applicants",
                   new { personId = person, cohort, education = "Secondary", skills = "sales", preferredSectors = "trade", localityId = locality, maxTravelKm = 50 }))
            Assert.True(applicant.IsSuccessStatusCode, await applicant.Content.ReadAsStringAsync());
        for (var i = 0; i < 2; i++)
        {
            using var run = await coordinator.PostAsJsonAsync("/api/v1/scheme/runs", new { title = $"Paging {i}", regionCode = "KZ-35", cohort, startsOn = "2027-01-11" });
            Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());
        }
        foreach (var (url, pageSize) in new[] { ("/api/v1/scheme/placements", 3), ("/api/v1/scheme/runs", 1) })
        {
            var whole = (await coordinator.GetFromJsonAsync<JsonElement>($"{url}?pageSize=200")).GetProperty("items").EnumerateArray()
                .Select(x => x.GetProperty("id").GetGuid()).ToList();
            Assert.True(whole.Count > pageSize, $"the demo has more than {pageSize} rows in {url}");
            var (ids, pages) = await WalkAsync(coordinator, $"{url}?pageSize={pageSize}");
            Assert.Equal(whole, ids);
            Assert.Equal((whole.Count + pageSize - 1) / pageSize, pages);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ListPagingTests_Sqlite(SqliteApp app) : ListPagingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ListPagingTests_Postgres(PostgresApp app) : ListPagingTests(app);
