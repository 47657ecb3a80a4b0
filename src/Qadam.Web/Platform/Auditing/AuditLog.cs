using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;

namespace Qadam.Web.Platform.Auditing;

/// <summary>Who is acting, for the audit record (a person, or the system itself).</summary>
public sealed record Actor(Guid? UserId, string? UserName, Guid? OrganisationId, string? IpAddress)
{
    public static readonly Actor System = new(null, "system", null, null);
}

/// <summary>
/// Appends hash-chained audit events. Pending entity changes and their audit events are committed in
/// one transaction, so a change is never saved without its record, nor a record without its change.
/// </summary>
public sealed class AuditLog(QadamDbContext db, TimeProvider clock)
{
    // One writer at a time per database within a process; PostgreSQL adds an advisory lock for several
    // instances and SQLite's write lock serialises across processes.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Gates = new();
    private const long PostgresLockKey = 0x51_41_44_41_4D; // "QADAM"

    public Task RecordAsync(Actor actor, AuditAction action, string? entityType = null, string? entityId = null,
        object? details = null, CancellationToken ct = default) =>
        SaveWithAuditAsync([new(actor, action, entityType, entityId, details)], ct);

    public Task RecordAsync(AuditEntry entry, CancellationToken ct = default) => SaveWithAuditAsync([entry], ct);

    public async Task SaveWithAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct = default)
    {
        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                if (db.IsPostgres)
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);
                else // take SQLite's write lock now, before reading the chain's head
                    await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Sequence\" = \"Sequence\" WHERE 0", ct);
                var head = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
                var sequence = head?.Sequence ?? 0;
                var previous = head?.Hash ?? AuditChain.Genesis;
                var now = clock.GetUtcNow();
                // Round to what every provider stores exactly (SQLite's converter keeps 0.1 ms, PostgreSQL 1 µs),
                // so the hash verifies after a round trip.
                now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
                foreach (var entry in entries)
                {
                    var details = entry.Details is null ? null : JsonSerializer.Serialize(entry.Details);
                    sequence++;
                    var hash = AuditChain.ComputeHash(previous, sequence, now, entry.Actor.UserId, entry.Actor.UserName,
                        entry.Actor.OrganisationId, entry.Action, entry.EntityType, entry.EntityId, entry.SubjectOrganisationId, entry.Actor.IpAddress, details);
                    db.AuditEvents.Add(new AuditEvent
                    {
                        Sequence = sequence, OccurredAt = now, UserId = entry.Actor.UserId, UserName = entry.Actor.UserName,
                        OrganisationId = entry.Actor.OrganisationId, Action = entry.Action, EntityType = entry.EntityType,
                        EntityId = entry.EntityId, SubjectOrganisationId = entry.SubjectOrganisationId, IpAddress = entry.Actor.IpAddress, Details = details,
                        PreviousHash = previous, Hash = hash,
                    });
                    previous = hash;
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            });
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Walks the whole chain in pages; returns the first broken link, or null.</summary>
    public static async Task<(long Count, ChainBreak? Break)> VerifyAsync(QadamDbContext db, CancellationToken ct = default)
    {
        const int page = 5000;
        long count = 0, after = 0;
        var previous = AuditChain.Genesis;
        while (true)
        {
            var batch = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence).Take(page).ToListAsync(ct);
            if (batch.Count == 0) return (count, null);
            if (AuditChain.FindFirstBreak(batch, previous, after + 1) is { } broken) return (count, broken);
            count += batch.Count;
            previous = batch[^1].Hash;
            after = batch[^1].Sequence;
        }
    }
}

public sealed record AuditEntry(Actor Actor, AuditAction Action, string? EntityType = null, string? EntityId = null, object? Details = null, Guid? SubjectOrganisationId = null)
{
    /// <summary>An event about a person's record, attributed to the organisation that owns it.</summary>
    public static AuditEntry About(Domain.Person person, Actor actor, AuditAction action, object? details = null) =>
        new(actor, action, nameof(Domain.Person), person.Id.ToString(), details, person.OrganisationId);
}
