using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Statistics;

namespace Qadam.Web.Features.Evaluation;

/// <summary>Wakes the runner when a study is queued on this instance.</summary>
public sealed class StudyQueue : Qadam.Web.Platform.JobSignal;

/// <summary>The stored result: the engine's report plus the sample flow's first steps and the plot data.</summary>
public sealed record StudyResult(EvaluationReport.Json Report, int UnitsFound, IReadOnlyDictionary<string, int> Dropped,
    double[] TreatedScores, double[] ControlScores, string PlanHash);

/// <summary>
/// Runs queued studies in the background. A study is claimed with an optimistic-concurrency update, so with
/// several web instances on one PostgreSQL each study runs exactly once; a study left "running" by a crashed
/// instance is re-queued at start-up.
/// </summary>
public sealed class StudyRunner(IServiceScopeFactory scopes, StudyQueue queue, TimeProvider clock, ILogger<StudyRunner> log) : Qadam.Web.Platform.QueuedJobRunner(queue, log)
{
    protected override async Task RequeueAbandonedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
        foreach (var s in await db.EvaluationStudies.Where(s => s.Status == StudyStatus.Running).ToListAsync(ct)) s.Queue(); 
        await db.SaveChangesAsync(ct);
    }

    public override async Task<bool> RunNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        // A locked study reads its outcome source as the system: the source itself admits only evaluation-consented people and no identifiers.
        var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>().UseScope(AccessScope.System);
        var study = await db.EvaluationStudies.Where(s => s.Status == StudyStatus.Queued).OrderBy(s => s.UpdatedAt).FirstOrDefaultAsync(ct);
        if (study is null) return false;
        study.Start();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return true; } // another instance claimed it

        var plan = study.Plan;
        try
        {
            var source = scope.ServiceProvider.GetServices<IOutcomeSource>().FirstOrDefault(s => s.Key == plan.OutcomeSource)
                ?? throw new DatasetException($"Unknown outcome source '{plan.OutcomeSource}'.");
            var data = await source.LoadAsync(study, plan, db, ct);
            await ReportAsync(db, study, 20, ct);
            var lastReported = 20;
            var request = data.Request with
            {
                OnProgress = fraction =>
                {
                    var p = 20 + (int)(fraction * 75);
                    if (p < lastReported + 5) return;
                    lastReported = p;
                    _ = ReportInOwnScopeAsync(study.Id, p);
                },
            };
            if (data.Randomised is { } design)
            {
                // The lottery design: intention to treat (drawn against not drawn), randomisation inference, the complier effect.
                var estimate = await Task.Run(() => RandomisedDesign.Estimate(request.Treated, request.Outcome, design.Received, design.Strata, seed: plan.Seed), ct);
                var balance = RandomisedDesign.BalanceCheck(request.Covariates, request.Treated);
                var report = EvaluationReport.FromRandomised(estimate, balance, EvaluationReport.AttritionWarnings(data.Dropped, estimate.Assigned, estimate.NotAssigned));
                var randomised = new StudyResult(report, data.UnitsFound, data.Dropped, [], [], study.LockedPlanHash ?? plan.Hash());
                await FinishAsync(db, study, s => s.Complete(JsonSerializer.Serialize(randomised, EvaluationReport.Options), clock.GetUtcNow()), ct);
                return true;
            }
            var result = await Task.Run(() => Qadam.Statistics.Evaluation.Run(request), ct);
            var scores = result.Propensity?.Fitted ?? [];
            var json = EvaluationReport.ToJson(result);
            // Those lost to follow-up, per group (the apprenticeship source counts them so): a gap between the groups is flagged.
            json = json with { Warnings = [.. json.Warnings, .. EvaluationReport.AttritionWarnings(data.Dropped, json.TreatedInput, json.ControlsInput, "placed", "not placed")] };
            var stored = new StudyResult(json, data.UnitsFound, data.Dropped,
                scores.Where((_, i) => request.Treated[i]).ToArray(), scores.Where((_, i) => !request.Treated[i]).ToArray(), study.LockedPlanHash ?? plan.Hash());
            await FinishAsync(db, study, s => s.Complete(JsonSerializer.Serialize(stored, EvaluationReport.Options), clock.GetUtcNow()), ct);
        }
        catch (Exception e) when (e is StatisticsException or DatasetException)
        {
            await FinishAsync(db, study, s => s.Fail(e.Message, clock.GetUtcNow()), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Study {Study} failed", study.Id);
            await FinishAsync(db, study, s => s.Fail("The analysis failed unexpectedly; nothing was saved. Try again or contact support.", clock.GetUtcNow()), ct);
        }
        return true;
    }

    private static async Task ReportAsync(QadamDbContext db, EvaluationStudy study, int progress, CancellationToken ct)
    {
        study.Report(progress);
        await db.SaveChangesAsync(ct);
    }

    private async Task ReportInOwnScopeAsync(Guid id, int progress)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
            await db.EvaluationStudies.Where(s => s.Id == id && s.Status == StudyStatus.Running && s.Progress < progress)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Progress, progress));
        }
        catch (Exception e) { log.LogDebug(e, "progress update skipped"); }
    }

    private static async Task FinishAsync(QadamDbContext db, EvaluationStudy study, Action<EvaluationStudy> finish, CancellationToken ct)
    {
        await db.Entry(study).ReloadAsync(ct);
        finish(study);
        await db.SaveChangesAsync(ct);
    }
}
