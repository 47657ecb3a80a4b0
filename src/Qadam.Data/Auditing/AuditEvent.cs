namespace Qadam.Auditing;

/// <summary>
/// One append-only, hash-chained audit record. Details never hold a person's identifying data:
/// only ids, codes and counts.
/// </summary>
public sealed class AuditEvent
{
    public long Sequence { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public Guid? UserId { get; init; }
    public string? UserName { get; init; }
    public Guid? OrganisationId { get; init; }
    /// <summary>The organisation that owns the record the event is about (so owners see who touched their records).</summary>
    public Guid? SubjectOrganisationId { get; init; }
    public AuditAction Action { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }
    public string? IpAddress { get; init; }
    public string? Details { get; init; }
    public required string PreviousHash { get; init; }
    public required string Hash { get; init; }
}

/// <summary>
/// An audit event committed with its change but not yet linked into the chain. Use cases append these in their own
/// transaction without any lock; the chainer moves them, in commit order, into <see cref="AuditEvent"/> with their
/// sequence and hashes (ADR 0006). Rows live here for milliseconds.
/// </summary>
public sealed class PendingAuditEvent
{
    public long Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public Guid? UserId { get; init; }
    public string? UserName { get; init; }
    public Guid? OrganisationId { get; init; }
    public Guid? SubjectOrganisationId { get; init; }
    public AuditAction Action { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }
    public string? IpAddress { get; init; }
    public string? Details { get; init; }
}
