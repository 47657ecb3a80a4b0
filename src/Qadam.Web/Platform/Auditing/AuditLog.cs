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
/// Appends audit events. Pending entity changes and their audit events are committed in one transaction, so a change is
/// never saved without its record, nor a record without its change. On PostgreSQL no lock is held meanwhile and the events
/// are linked into the hash chain by <see cref="AuditChainer"/>, in commit order, before this returns (the events of a
/// read, with nothing to commit, are written by the chaining round itself); on SQLite (one writer per database) they are
/// linked in the same transaction.
/// </summary>
public sealed class AuditLog(QadamDbContext db, TimeProvider clock, AuditChainer chainer)
{
    public Task RecordAsync(Actor actor, AuditAction action, string? entityType = null, string? entityId = null,
        object? details = null, CancellationToken ct = default) =>
        SaveWithAuditAsync([new(actor, action, entityType, entityId, details)], ct);

    public Task RecordAsync(AuditEntry entry, CancellationToken ct = default) => SaveWithAuditAsync([entry], ct);

    public async Task SaveWithAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // Round to what every provider stores exactly (SQLite's converter keeps 0.1 ms, PostgreSQL 1 µs), so the hash verifies after a round trip.
        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var events = entries.Select(entry => new PendingAuditEvent
        {
            OccurredAt = now, UserId = entry.Actor.UserId, UserName = entry.Actor.UserName, OrganisationId = entry.Actor.OrganisationId,
            Action = entry.Action, EntityType = entry.EntityType, EntityId = entry.EntityId, SubjectOrganisationId = entry.SubjectOrganisationId,
            IpAddress = entry.Actor.IpAddress, Details = entry.Details is null ? null : JsonSerializer.Serialize(entry.Details),
        }).ToList();
        if (!db.IsPostgres)
        {
            await chainer.SaveLinkedAsync(db, events, ct); // SQLite: one writer anyway, so linked in the same transaction
            return;
        }
        if (db.Database.CurrentTransaction is null && !db.ChangeTracker.HasChanges())
        {
            await chainer.AppendAsync(events, ct); // a read: nothing to commit with its events, so the chaining round writes them
            return;
        }
        db.PendingAuditEvents.AddRange(events);
        await db.SaveChangesAsync(ct); // one SaveChanges: the change and its events commit together or not at all
        await chainer.ChainAsync(ct);
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

    /// <summary>
    /// A list shown to someone: one event naming every person shown (per owning organisation, so each owner sees it),
    /// not one event per row. <paramref name="list"/> says which list; <paramref name="context"/> the record it belongs to.
    /// </summary>
    public static List<AuditEntry> Listed(IEnumerable<Domain.Person> people, Actor actor, AuditAction action, string list, Guid? context = null) =>
        Listed(people.Select(p => (p.Id, p.OrganisationId)), actor, action, list, context);

    /// <summary>The same, from the person's id and owning organisation alone (a list that reads only the columns it shows).</summary>
    public static List<AuditEntry> Listed(IEnumerable<(Guid Id, Guid OrganisationId)> people, Actor actor, AuditAction action, string list, Guid? context = null) =>
        people.DistinctBy(p => p.Id).GroupBy(p => p.OrganisationId)
            .Select(g => new AuditEntry(actor, action, nameof(Domain.Person), null, new { list, context, shown = g.Select(p => p.Id).ToArray() }, g.Key))
            .ToList();
}
