using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Platform;

/// <summary>
/// Two instances of Qadam on one PostgreSQL database: Quartz.NET's clustered job store gives each firing of a scheduled
/// job to one of them. Every job fires each second here; each firing must have run exactly once, and when one instance stops, the other
/// carries on with the same schedule.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusteredJobsTests
{
    [Fact]
    public async Task TwoInstancesOnOnePostgres_RunEachFiringOnce()
    {
        var database = $"qadam_test_{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["Jobs:ReferralDeadlines:IntervalSeconds"] = "1", ["Jobs:TaskReminders:IntervalSeconds"] = "1", ["Jobs:Retention:IntervalSeconds"] = "1",
            ["Jobs:CheckinSeconds"] = "1", ["Jobs:Enabled"] = "true",
        };
        var cs = PostgresApp.ConnectionString(database);
        try
        {
            var first = new QadamFactory("Postgres", cs, demoPeople: 10) { Extra = settings };
            using (first.CreateClient()) { } // migrates, seeds, creates Quartz's tables, starts the scheduler
            await using var second = new QadamFactory("Postgres", cs, demoPeople: 10) { Extra = settings };
            using (second.CreateClient()) { }
            var bothUp = DateTimeOffset.UtcNow;

            await using var scope = second.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Qadam.Data.QadamDbContext>().UseScope(Qadam.Data.AccessScope.System);
            async Task<List<Qadam.Domain.JobRun>> WaitForAsync(Func<List<Qadam.Domain.JobRun>, bool> enough)
            {
                var deadline = DateTime.UtcNow.AddSeconds(40);
                List<Qadam.Domain.JobRun> runs;
                do
                {
                    await Task.Delay(500);
                    runs = await db.JobRuns.AsNoTracking().ToListAsync();
                } while (!enough(runs) && DateTime.UtcNow < deadline);
                return runs;
            }
            await WaitForAsync(r => r.Count(x => x.ScheduledFor > bothUp.AddSeconds(3)) >= 9); // at least three seconds with both up
            // One instance stops: the other carries on with the same schedule.
            await first.DisposeAsync();
            var stoppedAt = DateTimeOffset.UtcNow;
            var runs = await WaitForAsync(r => r.Count(x => x.StartedAt > stoppedAt.AddSeconds(1)) >= 6);
            Assert.True(runs.Count(x => x.StartedAt > stoppedAt.AddSeconds(1)) >= 6, "the remaining instance did not carry on");
            Assert.True(runs.Count >= 12, $"{runs.Count} runs");
            var twice = runs.GroupBy(r => (r.Job, r.ScheduledFor)).Where(g => g.Count() > 1).ToList();
            Assert.True(twice.Count == 0, "run more than once: " + string.Join(", ", twice.Select(g => $"{g.Key.Job}@{g.Key.ScheduledFor:O}×{g.Count()}")));
            // Two schedulers each firing on their own would run every job about twice a second. One shared schedule runs
            // it once per second of the window in which both instances were up.
            foreach (var job in runs.Where(r => r.ScheduledFor >= bothUp && r.ScheduledFor <= stoppedAt).GroupBy(r => r.Job))
            {
                var seconds = (stoppedAt - bothUp).TotalSeconds;
                Assert.True(job.Count() <= seconds + 1.5, $"{job.Key}: {job.Count()} runs in {seconds:F1} s with both instances up");
            }
            Assert.Equal(3, runs.Select(r => r.Job).Distinct().Count());
            Assert.All(runs, r => Assert.NotEqual(-1, r.Affected)); // no run failed
        }
        finally
        {
            await PostgresApp.DropAsync(database);
        }
    }
}
