namespace Qadam.Web.Platform;

/// <summary>Wakes a job runner when work is queued on this instance (other instances find it by polling).</summary>
public abstract class JobSignal
{
    private readonly SemaphoreSlim signal = new(0);
    public void Signal() => signal.Release();
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);
}

/// <summary>
/// The loop shared by the background jobs (evaluation studies, matching runs): re-queue what a crashed instance left
/// running, then take queued jobs one at a time, waking on the signal or every five seconds. Claiming a job safely
/// across instances is each runner's own business (optimistic concurrency on the job's row).
/// </summary>
public abstract class QueuedJobRunner(JobSignal signal, ILogger log) : BackgroundService
{
    /// <summary>Puts jobs left "running" by a crashed instance back in the queue.</summary>
    protected abstract Task RequeueAbandonedAsync(CancellationToken ct);

    /// <summary>Runs the next queued job; false when the queue is empty.</summary>
    public abstract Task<bool> RunNextAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        try { await RequeueAbandonedAsync(stop); }
        catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Could not re-queue abandoned jobs of {Runner}", GetType().Name); }
        while (!stop.IsCancellationRequested)
        {
            try
            {
                while (await RunNextAsync(stop)) { }
                await signal.WaitAsync(TimeSpan.FromSeconds(5), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e) { log.LogError(e, "{Runner} loop failed", GetType().Name); await Task.Delay(1000, stop); }
        }
    }
}
