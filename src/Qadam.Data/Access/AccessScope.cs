namespace Qadam.Data;

/// <summary>
/// Which person records one DbContext may read. Bound once per request (or explicitly to <see cref="System"/> by
/// background jobs and the CLI) and enforced by the global query filter on <c>Person</c>, so every query that
/// touches people — including joins from other features — sees only what the caller may see. Unbound means nothing.
/// </summary>
public sealed record AccessScope
{
    /// <summary>No person is visible (no signed-in user, or a role without access to person records).</summary>
    public static readonly AccessScope None = new();

    /// <summary>Every record: background jobs, the CLI, seeding. Never bound for a signed-in user.</summary>
    public static readonly AccessScope System = new() { Unrestricted = true };

    public bool Unrestricted { get; init; }
    public Guid OrganisationId { get; init; }
    public Guid UserId { get; init; }

    /// <summary>Every record the organisation owns or that is shared with it under an active consent.</summary>
    public bool OrganisationWide { get; init; }
    /// <summary>Records the user registered themselves (operators, psychologists, coordinators).</summary>
    public bool OwnRegistrations { get; init; }
    /// <summary>People who applied to the organisation's apprenticeship scheme (coordinators).</summary>
    public bool SchemeParticipants { get; init; }
    /// <summary>The user's own, unexpired break-glass grants.</summary>
    public bool BreakGlass { get; init; }
    /// <summary>An employer's limited account: the people placed with this employer (first name and placement only).</summary>
    public Guid? EmployerId { get; init; }
    /// <summary>A mentor's account: only the people this mentor guides.</summary>
    public Guid? MentorId { get; init; }
}

/// <summary>Supplies the scope of the current caller; the web host reads it from the request's user.</summary>
public interface IAccessScopeSource
{
    AccessScope Current { get; }
}

/// <summary>The CLI's source: an administrator at the server's console works on the whole installation.</summary>
public sealed class SystemAccessScope : IAccessScopeSource
{
    public AccessScope Current => AccessScope.System;
}
