namespace Qadam.Domain;

public enum CaseStatus { Open = 1, Active = 2, OnHold = 3, Closed = 4 }

public enum CaseClosureReason { GoalsMet = 1, ReferredOn = 2, Declined = 3, LostContact = 4, Moved = 5, Other = 6 }

public enum CaseServiceType
{
    Information = 1, Counselling = 2, PsychologicalConsultation = 3, FamilySupport = 4, TheologicalConsultation = 5,
    LegalAid = 6, Education = 7, Employment = 8, Healthcare = 9, SupportGroup = 10, Other = 11,
}

public enum CaseTaskKind { Task = 1, FollowUp = 2 }

public enum CaseGoalStatus { Open = 1, Achieved = 2, Dropped = 3 }

/// <summary>
/// A case of one organisation about one registered person: opened from a hotline contact, from a referral or directly.
/// The status moves only through <see cref="Activate"/>, <see cref="Hold"/>, <see cref="Close"/> and <see cref="Reopen"/>;
/// each change (and every other change a use case makes) is written to <see cref="History"/> by who, when and which field.
/// </summary>
public sealed class Case : IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The owner; a transfer moves it.</summary>
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; init; }
    public Guid? ContactId { get; init; }
    public Guid? ReferralId { get; init; }
    public Guid OpenedByUserId { get; init; }
    public CaseStatus Status { get; private set; } = CaseStatus.Open;
    public CaseClosureReason? ClosureReason { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<CaseAssignment> Workers { get; init; } = [];
    public List<CaseGoal> Goals { get; init; } = [];
    public List<CaseService> Services { get; init; } = [];
    public List<CaseTask> Tasks { get; init; } = [];
    public List<CaseHistoryEntry> History { get; init; } = [];

    public void Note(Guid userId, DateTimeOffset at, string field, string? from, string? to) =>
        History.Add(new CaseHistoryEntry { CaseId = Id, At = at, UserId = userId, Field = field, From = from, To = to });

    public void Activate(Guid userId, DateTimeOffset at)
    {
        if (Status is not (CaseStatus.Open or CaseStatus.OnHold))
            throw new DomainException("case.transition", $"A case that is {Status} cannot be made active.");
        Move(CaseStatus.Active, userId, at);
    }

    public void Hold(Guid userId, DateTimeOffset at)
    {
        if (Status is not (CaseStatus.Open or CaseStatus.Active))
            throw new DomainException("case.transition", $"A case that is {Status} cannot be put on hold.");
        Move(CaseStatus.OnHold, userId, at);
    }

    public void Close(CaseClosureReason reason, Guid userId, DateTimeOffset at)
    {
        if (Status == CaseStatus.Closed) throw new DomainException("case.transition", "The case is already closed.");
        if (!Enum.IsDefined(reason)) throw new DomainException("case.closure_reason", "A closed case needs a reason.");
        Move(CaseStatus.Closed, userId, at);
        Note(userId, at, nameof(ClosureReason), ClosureReason?.ToString(), reason.ToString());
        ClosureReason = reason;
        ClosedAt = at;
    }

    public void Reopen(Guid userId, DateTimeOffset at)
    {
        if (Status != CaseStatus.Closed) throw new DomainException("case.transition", "Only a closed case can be reopened.");
        Move(CaseStatus.Active, userId, at);
        Note(userId, at, "Reopened", ClosureReason?.ToString(), null);
        ClosureReason = null;
        ClosedAt = null;
    }

    /// <summary>Writes are refused on a closed case (reopen it first).</summary>
    public void EnsureOpen()
    {
        if (Status == CaseStatus.Closed) throw new DomainException("case.closed", "The case is closed; reopen it to change it.");
    }

    private void Move(CaseStatus to, Guid userId, DateTimeOffset at)
    {
        Note(userId, at, nameof(Status), Status.ToString(), to.ToString());
        Status = to;
    }
}

/// <summary>A worker assigned to a case (case worker, psychologist); ended rather than deleted.</summary>
public sealed class CaseAssignment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public Guid UserId { get; init; }
    public DateTimeOffset AssignedAt { get; init; }
    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>A goal of the case plan (text encrypted at rest).</summary>
public sealed class CaseGoal
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public required string Text { get; set; }
    public CaseGoalStatus Status { get; set; } = CaseGoalStatus.Open;
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A service delivered to the person (type, date, provider, notes encrypted).</summary>
public sealed class CaseService
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public CaseServiceType Type { get; init; }
    public DateOnly DeliveredOn { get; init; }
    public Guid ProviderOrganisationId { get; init; }
    public Guid RecordedByUserId { get; init; }
    public string? Notes { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A task or follow-up with a due date; a reminder goes out once when it falls due (Quartz job).</summary>
public sealed class CaseTask
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public CaseTaskKind Kind { get; init; }
    public required string Title { get; init; }
    public DateOnly DueOn { get; init; }
    public Guid? AssignedToUserId { get; init; }
    public DateTimeOffset? DoneAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One change of a case: who, when, which field (and, for non-confidential fields, from and to).</summary>
public sealed class CaseHistoryEntry
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public DateTimeOffset At { get; init; }
    public Guid UserId { get; init; }
    public required string Field { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
}

public enum ReferralKind { Referral = 1, Transfer = 2 }

public enum ReferralStatus { Sent = 1, Accepted = 2, Declined = 3, Completed = 4, Revoked = 5 }

/// <summary>
/// A referral (the receiving organisation serves the person alongside the sender) or a transfer (the case moves to it)
/// of one case. Explicit transitions: sent → accepted | declined (with a reason) | revoked by the sender (with a reason);
/// accepted → completed | revoked. While accepted or completed the receiving organisation reaches exactly this case and
/// its person (the person filter reads it); declined or revoked it reaches nothing.
/// </summary>
public sealed class Referral : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public ReferralKind Kind { get; init; }
    public Guid CaseId { get; init; }
    public Guid PersonId { get; init; }
    public Guid FromOrganisationId { get; init; }
    public Guid ToOrganisationId { get; init; }
    public Guid SentByUserId { get; init; }
    public required string Reason { get; init; }
    public ReferralStatus Status { get; private set; } = ReferralStatus.Sent;
    public DateTimeOffset SentAt { get; init; }
    /// <summary>Answer expected by (working days after sending, configured).</summary>
    public DateTimeOffset DueAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public Guid? AnsweredByUserId { get; private set; }
    /// <summary>Why it was declined or revoked (encrypted).</summary>
    public string? ClosingReason { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset? DeadlineAlertedAt { get; set; }
    public int Version { get; set; }

    public void Accept(Guid userId, DateTimeOffset at)
    {
        Require(ReferralStatus.Sent, "accepted");
        Status = ReferralStatus.Accepted;
        AnsweredAt = at;
        AnsweredByUserId = userId;
    }

    public void Decline(string reason, Guid userId, DateTimeOffset at)
    {
        Require(ReferralStatus.Sent, "declined");
        Status = ReferralStatus.Declined;
        AnsweredAt = at;
        AnsweredByUserId = userId;
        ClosingReason = reason;
        ClosedAt = at;
    }

    public void Complete(DateTimeOffset at)
    {
        Require(ReferralStatus.Accepted, "completed");
        Status = ReferralStatus.Completed;
        ClosedAt = at;
    }

    public void Revoke(string reason, DateTimeOffset at)
    {
        if (Status is not (ReferralStatus.Sent or ReferralStatus.Accepted))
            throw new DomainException("referral.transition", $"A referral that is {Status} cannot be revoked.");
        Status = ReferralStatus.Revoked;
        ClosingReason = reason;
        ClosedAt = at;
    }

    private void Require(ReferralStatus from, string verb)
    {
        if (Status != from) throw new DomainException("referral.transition", $"A referral that is {Status} cannot be {verb}.");
    }
}

/// <summary>The service directory: what an organisation offers, where.</summary>
public sealed class ServiceOffering
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public CaseServiceType Type { get; init; }
    public required string RegionCode { get; init; }
    public string? Description { get; init; }
}

/// <summary>One execution of a scheduled job (which node ran which firing): shows the jobs run, and run once per firing.</summary>
public sealed class JobRun
{
    public long Id { get; init; }
    public required string Job { get; init; }
    public DateTimeOffset ScheduledFor { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public required string Instance { get; init; }
    public int Affected { get; set; }
}
