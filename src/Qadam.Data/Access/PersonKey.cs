namespace Qadam.Data;

/// <summary>How a principal reaches a person record (ADR 0014). One row per person, kind and principal.</summary>
public enum PersonKeyKind : short
{
    /// <summary>The organisation reaches the record: owns it, is shared it under an active consent, or accepted a referral.</summary>
    Organisation = 1,
    /// <summary>The user registered the record, and the user's organisation reaches it.</summary>
    Registered = 2,
    /// <summary>The user is assigned to an open case of the person or has held a consultation, and the user's organisation reaches it.</summary>
    Worker = 3,
    /// <summary>The person applied to the organisation's scheme, and the organisation reaches the record.</summary>
    SchemeParticipant = 4,
    /// <summary>The user holds a break-glass grant until <see cref="PersonKey.ExpiresAt"/>.</summary>
    BreakGlass = 5,
    /// <summary>The person is placed with the employer.</summary>
    Employer = 6,
    /// <summary>The person is placed with the employer and guided by the mentor.</summary>
    Mentor = 7,
}

/// <summary>
/// The access keys of a person record: the scope, materialised. Derived from the records that grant access (ownership,
/// consents, referrals, registrations, case assignments, consultations, scheme applications, placements, break-glass
/// grants) by <see cref="PersonKeys"/> whenever one of them is saved, in the same transaction, so the query filter on
/// people is one index probe: <c>EXISTS (keys of this person whose principal is one of the caller's)</c>.
/// </summary>
public sealed class PersonKey
{
    public Guid PersonId { get; init; }
    public PersonKeyKind Kind { get; init; }
    public Guid Principal { get; init; }
    /// <summary>Only break-glass keys expire.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
