using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;

namespace Qadam.Web.Platform.Auditing;

/// <summary>
/// Links pending audit events into the hash chain in commit order (ADR 0006). Writers commit their change and its
/// pending event in parallel, then wait for the next chaining round, so many writers share one round (group commit)
/// instead of each holding the installation's one lock across its whole transaction. A round takes the chain lock
/// (PostgreSQL advisory lock across instances; SQLite's write lock), reads the head, appends the events with their
/// sequence and hashes and removes them from the pending table, in one transaction. Leftovers of a crash or of another
/// instance are chained by the background loop.
/// </summary>
public sealed class AuditChainer(IServiceScopeFactory scopes, ILogger<AuditChainer> log) : BackgroundService
{
    private const long PostgresLockKey = 0x51_41_44_41_4D; // "QADAM"
    private const int Batch = 2000;
    private readonly SemaphoreSlim gate = new(1, 1);
    // Events of reads (nothing to commit with them), linked by the next round straight from here (see AppendAsync).
    private readonly ConcurrentQueue<PendingAuditEvent> direct = new();
    private long requested;
    private long completed;

    /// <summary>Returns once every pending event committed before the call is in the chain.</summary>
    public async Task ChainAsync(CancellationToken ct = default)
    {
        var mine = Interlocked.Increment(ref requested);
        await gate.WaitAsync(ct);
        try
        {
            if (Interlocked.Read(ref completed) >= mine) return; // a round that started after our commit covered us
            var target = Interlocked.Read(ref requested);
            await RoundAsync(ct);
            Interlocked.Exchange(ref completed, target);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Links the events of a read (an audited view, list or search: no change to commit with them) by the next round, straight
    /// into the chain: no commit of their own to the pending table, no row to read back and delete. Returns once they are in
    /// the chain, so a read is never answered before its record is durable.
    /// </summary>
    public async Task AppendAsync(IEnumerable<PendingAuditEvent> events, CancellationToken ct = default)
    {
        foreach (var e in events) direct.Enqueue(e);
        await ChainAsync(ct);
    }

    private async Task RoundAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>().UseScope(AccessScope.System);
        // A round that fails is rolled back whole, so its SaveChanges needs no savepoint of its own (two round trips fewer).
        db.Database.AutoSavepointsEnabled = false;
        var strategy = db.Database.CreateExecutionStrategy();
        var reads = new List<PendingAuditEvent>();
        while (direct.TryDequeue(out var e)) reads.Add(e);
        try
        {
            int moved;
            do
            {
                moved = await strategy.ExecuteAsync(async () =>
                {
                    db.ChangeTracker.Clear();
                    await using var tx = await db.Database.BeginTransactionAsync(ct);
                    if (db.IsPostgres)
                        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);
                    else // take SQLite's write lock now, before reading the chain's head
                        await db.Database.ExecuteSqlRawAsync("UPDATE \"PendingAuditEvents\" SET \"Id\" = \"Id\" WHERE 0", ct);
                    var pending = await db.PendingAuditEvents.AsNoTracking().OrderBy(e => e.Id).Take(Batch).ToListAsync(ct);
                    if (pending.Count == 0 && reads.Count == 0) return 0;
                    await LinkAsync(db, pending.Concat(reads), ct);
                    await db.SaveChangesAsync(ct);
                    if (pending.Count > 0)
                    {
                        var last = pending[^1].Id;
                        var ids = pending.Select(p => p.Id).ToList();
                        await db.PendingAuditEvents.Where(p => p.Id <= last && ids.Contains(p.Id)).ExecuteDeleteAsync(ct);
                    }
                    await tx.CommitAsync(ct);
                    return pending.Count;
                });
                reads.Clear(); // committed: the next batch of pending events goes without them
            } while (moved == Batch);
        }
        catch
        {
            foreach (var e in reads) direct.Enqueue(e); // not in the chain: the next round takes them
            throw;
        }
    }

    /// <summary>Adds the events to the chain after its current head (the caller holds the chain lock in its transaction).</summary>
    private static async Task LinkAsync(QadamDbContext db, IEnumerable<PendingAuditEvent> events, CancellationToken ct)
    {
        var head = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? AuditChain.Genesis;
        foreach (var p in events)
        {
            sequence++;
            var hash = AuditChain.ComputeHash(previous, sequence, p.OccurredAt, p.UserId, p.UserName, p.OrganisationId, p.Action,
                p.EntityType, p.EntityId, p.SubjectOrganisationId, p.IpAddress, p.Details);
            db.AuditEvents.Add(new AuditEvent
            {
                Sequence = sequence, OccurredAt = p.OccurredAt, UserId = p.UserId, UserName = p.UserName, OrganisationId = p.OrganisationId,
                SubjectOrganisationId = p.SubjectOrganisationId, Action = p.Action, EntityType = p.EntityType, EntityId = p.EntityId,
                IpAddress = p.IpAddress, Details = p.Details, PreviousHash = previous, Hash = hash,
            });
            previous = hash;
        }
    }

    /// <summary>
    /// SQLite has one writer per database anyway, so there the events are linked inside the caller's own transaction,
    /// under this instance's gate (no second commit, no busy-waiting on SQLite's lock): the change, its events and their
    /// links commit together.
    /// </summary>
    public async Task SaveLinkedAsync(QadamDbContext db, IReadOnlyList<PendingAuditEvent> events, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                // Inside the caller's transaction when it has one (a bulk write), else in one of its own.
                await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
                await db.Database.ExecuteSqlRawAsync("UPDATE \"PendingAuditEvents\" SET \"Id\" = \"Id\" WHERE 0", ct); // the write lock, before the head is read
                await LinkAsync(db, events, ct);
                await db.SaveChangesAsync(ct);
                if (tx is not null) await tx.CommitAsync(ct);
            });
        }
        finally
        {
            gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
                if (!direct.IsEmpty || await db.PendingAuditEvents.AnyAsync(stoppingToken)) await ChainAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Audit chaining round failed; it is retried");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
