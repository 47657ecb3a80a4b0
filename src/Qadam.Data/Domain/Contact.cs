namespace Qadam.Domain;

public enum ContactChannel { Phone = 1, Chat = 2, WalkIn = 3, Other = 4 }

public enum CallerRelation { Self = 1, Parent = 2, Relative = 3, FriendOrPeer = 4, Professional = 5, Anonymous = 6 }

public enum ContactUrgency { Low = 1, Medium = 2, High = 3, ImmediateDanger = 4 }

public enum ContactOutcome { Information = 1, Counselling = 2, Referral = 3, EmergencyServices = 4, NoAction = 5 }

public enum ContactStatus { Open = 1, Completed = 2 }

/// <summary>
/// A party to a contact described without identifying data: sex, age band, region. Linking to a registered person
/// needs that person's consent and is a separate step (issue #9); the link is kept here once made.
/// </summary>
public sealed class ContactParty
{
    public Sex? Sex { get; set; }
    public AgeBand? AgeBand { get; set; }
    public string? RegionCode { get; set; }
    public Guid? PersonId { get; set; }
}

/// <summary>
/// A hotline contact (call, chat, walk-in) handled by an operator of an organisation. The caller's number is never
/// stored: <see cref="CallerHash"/> is a keyed hash that recognises a repeat caller. The summary is encrypted at rest.
/// A telephony system may open a contact when a call starts (<see cref="CallId"/>, unique per organisation); the
/// operator completes it.
/// </summary>
public sealed class Contact : IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public Guid HandledByUserId { get; set; }
    /// <summary>Opened by the telephony system and not yet taken by an operator: every operator of the organisation sees it.</summary>
    public bool Unclaimed { get; set; }
    public ContactChannel Channel { get; set; }
    public string? Line { get; set; }
    public string? CallId { get; init; }
    public string? CallerHash { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public CallerRelation? CallerRelation { get; set; }
    public ContactParty Caller { get; set; } = new();
    public ContactParty PersonAtRisk { get; set; } = new();
    public ContactParty PersonOfConcern { get; set; } = new();
    /// <summary>Category codes of the shipped taxonomy, comma-separated.</summary>
    public string Categories { get; set; } = "";
    public ContactUrgency? Urgency { get; set; }
    public ContactOutcome? Outcome { get; set; }
    public string? Summary { get; set; }
    /// <summary>Set when retention erased the summary of a contact no case was opened from (the rest stays for statistics).</summary>
    public DateTimeOffset? SummaryErasedAt { get; set; }
    public ContactStatus Status { get; private set; } = ContactStatus.Open;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public IReadOnlyList<string> CategoryCodes => Categories.Length == 0 ? [] : Categories.Split(',');

    /// <summary>A completed contact has what a report needs; completing twice is refused.</summary>
    public void Complete(DateTimeOffset endedAt)
    {
        if (Status == ContactStatus.Completed) throw new DomainException("contact.completed", "This contact is already completed.");
        if (CallerRelation is null || Urgency is null || Outcome is null || Categories.Length == 0)
            throw new DomainException("contact.incomplete", "Channel, caller relation, categories, urgency and outcome are needed to complete a contact.");
        EndedAt ??= endedAt;
        Status = ContactStatus.Completed;
    }
}

/// <summary>
/// What an operator has typed into a contact form and not yet saved, kept per user and form so that a closed tab or a
/// lost device loses nothing (encrypted; deleted when the contact is saved, and after a day).
/// </summary>
public sealed class ContactDraft
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }
    public required string Key { get; init; }
    public required string Content { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A supervisor's warning about a caller (for example abusive), attached to the keyed hash of the number — never the
/// number — and lapsing at <see cref="ExpiresOn"/>. The reason is encrypted at rest.
/// </summary>
public sealed class CallerFlag
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public required string CallerHash { get; init; }
    public required string Reason { get; init; }
    public DateOnly ExpiresOn { get; init; }
    public Guid FlaggedByUserId { get; init; }
    public DateTimeOffset FlaggedAt { get; init; }
}
