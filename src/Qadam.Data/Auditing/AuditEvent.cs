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
