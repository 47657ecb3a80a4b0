using System.Net.Http.Json;
using System.Text.Json;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Features.Reports;

public abstract class ReportsDumpTests(AppFixture app)
{
    [Fact]
    public async Task Dump()
    {
        foreach (var (role, org) in new[] { ("manager", 1), ("liaison", 1), ("manager", 2) })
        {
            using var c = await app.ClientAsync(role, org);
            var list = await c.GetStringAsync("/api/v1/projects");
            File.WriteAllText($"/tmp/dump-{role}{org}-list.json", list);
            foreach (var p in JsonDocument.Parse(list).RootElement.EnumerateArray())
            {
                var id = p.GetProperty("id").GetString();
                var r = await c.GetAsync($"/api/v1/projects/{id}");
                File.WriteAllText($"/tmp/dump-{role}{org}-{id}.json", await r.Content.ReadAsStringAsync());
                var x = await c.GetAsync($"/api/v1/projects/{id}/iati.xml");
                File.WriteAllText($"/tmp/dump-{role}{org}-{id}.xml", await x.Content.ReadAsStringAsync());
            }
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReportsDumpTests_Sqlite(SqliteApp app) : ReportsDumpTests(app);
