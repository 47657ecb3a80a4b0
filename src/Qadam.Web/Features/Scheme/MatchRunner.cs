using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Matching;

namespace Qadam.Web.Features.Scheme;

/// <summary>
/// Solves queued matching runs in the background. A run is claimed with an optimistic-concurrency update (several
/// instances on one PostgreSQL solve each run once); a run left "running" by a crashed instance is re-queued.
/// </summary>
public sealed class MatchRunner(IServiceScopeFactory scopes, MatchQueue queue, ILogger<MatchRunner> log) : Qadam.Web.Platform.QueuedJobRunner(queue, log)
{
    protected override async Task RequeueAbandonedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
        await db.MatchRuns.Where(r => r.Status == MatchRunStatus.Running).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, MatchRunStatus.Queued), ct);
    }

    public override async Task<bool> RunNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
        var run = await db.MatchRuns.Where(r => r.Status == MatchRunStatus.Queued).OrderBy(r => r.UpdatedAt).FirstOrDefaultAsync(ct);
        if (run is null) return false;
        run.Status = MatchRunStatus.Running;
        run.Progress = 5;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return true; }

        try
        {
            var snapshot = JsonSerializer.Deserialize<RunSnapshot>(run.InputJson, MatchRuns.Json)!;
            var adjustments = MatchRuns.Adjustments(run);
            var result = await Task.Run(() => MatchRuns.Solve(snapshot, adjustments, p => _ = ProgressAsync(run.Id, p)), ct);
            await FinishAsync(db, run, r => { r.ResultJson = JsonSerializer.Serialize(result, MatchRuns.Json); r.Status = MatchRunStatus.Proposed; r.Error = null; }, ct);
        }
        catch (MatchingConstraintException e)
        {
            await FinishAsync(db, run, r => { r.Status = MatchRunStatus.Failed; r.Error = e.Message; }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Match run {Run} failed", run.Id);
            await FinishAsync(db, run, r => { r.Status = MatchRunStatus.Failed; r.Error = "The match failed unexpectedly; nothing was changed. Try again or contact support."; }, ct);
        }
        return true;
    }

    private async Task ProgressAsync(Guid id, int progress)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
            await db.MatchRuns.Where(r => r.Id == id && r.Status == MatchRunStatus.Running && r.Progress < progress).ExecuteUpdateAsync(u => u.SetProperty(r => r.Progress, progress));
        }
        catch (Exception e) { log.LogDebug(e, "progress update skipped"); }
    }

    private static async Task FinishAsync(QadamDbContext db, MatchRun run, Action<MatchRun> finish, CancellationToken ct)
    {
        await db.Entry(run).ReloadAsync(ct);
        if (run.Status != MatchRunStatus.Running) return; // adjusted or discarded meanwhile: that newer request wins
        finish(run);
        run.Progress = 100;
        await db.SaveChangesAsync(ct);
    }
}
