namespace Qadam.Domain;

/// <summary>Emergency, time-limited access to one person's record outside the user's normal scope.</summary>
public sealed class BreakGlassGrant
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }
    public Guid PersonId { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset GrantedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>Something an organisation must see (for example: a break-glass on one of its records).</summary>
public sealed class Notification
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public required string Kind { get; init; }
    public Guid? SubjectId { get; init; }
    /// <summary>Set for a message to an employer's accounts (e.g. a new apprentice); null for the organisation's staff.</summary>
    public Guid? EmployerId { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
}

public sealed class DataProtectionKey
{
    public int Id { get; init; }
    public string? FriendlyName { get; init; }
    public string? Xml { get; init; }
}
