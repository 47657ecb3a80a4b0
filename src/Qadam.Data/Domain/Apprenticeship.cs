namespace Qadam.Domain;

public enum EmployerType { Enterprise = 1, LocalGovernmentBody = 2, PrivateBusiness = 3, CivilSocietyOrganisation = 4 }

public enum Education { None = 1, Secondary = 2, Vocational = 3, Higher = 4 }

public enum ApplicantStatus { Applied = 1, Placed = 2, Withdrawn = 3 }

public enum PlacementStatus { Active = 1, Completed = 2, DroppedOut = 3, Terminated = 4 }

public enum FollowUpMilestone { Completion = 0, Month3 = 3, Month6 = 6, Month12 = 12 }

public enum EmploymentStatus { FullTime = 1, PartTime = 2, SelfEmployed = 3, Studying = 4, NotWorking = 5 }

public enum MatchRunStatus { Queued = 1, Running = 2, Proposed = 3, Failed = 4, Approved = 5, Discarded = 6 }

public enum CheckInKind { Attendance = 1, MentorCheckIn = 2 }

public enum SubsidyStatus { Due = 1, Paid = 2, Withheld = 3 }

/// <summary>Sectors of the scheme (stable codes; names are localised in the UI).</summary>
public static class Sectors
{
    public static readonly IReadOnlyList<string> All =
        ["agriculture", "manufacturing", "construction", "trade", "hospitality", "transport", "it", "education", "health", "public", "services", "crafts"];
}

/// <summary>A local employer in the apprenticeship scheme (enterprise, local government body, private business, NGO).</summary>
public sealed class Employer
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public required string Name { get; set; }
    public EmployerType Type { get; set; }
    public string? Sector { get; set; }
    public string? RegionCode { get; set; }
    public string? Locality { get; set; }
    public int? LocalityId { get; set; }
    public string? ContactPerson { get; set; }
    public string? ContactPhone { get; set; }
    public List<Mentor> Mentors { get; init; } = [];
    public List<Position> Positions { get; init; } = [];
}

/// <summary>An employer's staff member who mentors apprentices (not a vulnerable person: name stored as given).</summary>
public sealed class Mentor
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EmployerId { get; init; }
    public required string Name { get; set; }
    public int Capacity { get; set; } = 1;
    public bool TrainingDone { get; set; }
    public DateOnly? TrainedOn { get; set; }
}

/// <summary>Links a limited employer/mentor account to its employer (and, for a mentor, to the mentor record).</summary>
public sealed class EmployerAccount
{
    public Guid UserId { get; init; }
    public Guid EmployerId { get; init; }
    public Guid? MentorId { get; init; }
}

public sealed class Position
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EmployerId { get; init; }
    public required string Title { get; set; }
    public string? Sector { get; set; }
    public string? RequiredSkills { get; set; }
    public string? Locality { get; set; }
    public int? LocalityId { get; set; }
    public string? Project { get; set; }
    public int Slots { get; set; } = 1;
    public decimal MonthlySubsidy { get; set; }
    public DateOnly? StartFrom { get; set; }
    public DateOnly? StartTo { get; set; }
}

/// <summary>A registered person's application to the scheme (the applicant profile).</summary>
public sealed class SchemeApplicant
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public Guid PersonId { get; init; }
    public DateOnly AppliedOn { get; init; }
    public string? Cohort { get; set; }
    public Education Education { get; set; }
    public string? Skills { get; set; }
    public string? PreferredSectors { get; set; }
    public double? MaxTravelKm { get; set; }
    public string? RegionCode { get; set; }
    public int? LocalityId { get; set; }
    public DateOnly? AvailableFrom { get; set; }
    /// <summary>Free text (health, care duties…): encrypted at rest, shown only to the scheme's coordinators.</summary>
    public string? Constraints { get; set; }
    public ApplicantStatus Status { get; set; } = ApplicantStatus.Applied;
}

/// <summary>
/// One matching run: its inputs (filters, weights, options, the frozen applicant and position profiles) and its
/// result, kept so that it can be reproduced and audited. Adjustments (pins, forbidden pairs) re-run it.
/// </summary>
public sealed class MatchRun : IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public Guid CreatedByUserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string Title { get; set; }
    public MatchRunStatus Status { get; set; } = MatchRunStatus.Queued;
    public int Progress { get; set; }
    public required string InputJson { get; set; }
    /// <summary>The run's settings alone (a copy of the snapshot's), so a list of runs never reads the snapshots (#13).</summary>
    public string? SettingsJson { get; set; }
    public string? AdjustmentsJson { get; set; }
    public string? ResultJson { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public Guid? ApprovedByUserId { get; set; }
    public int Version { get; set; }
}

/// <summary>A subsidised apprenticeship, three months by default; state changes are guarded here.</summary>
public sealed class Placement : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ApplicantId { get; init; }
    public Guid PositionId { get; init; }
    public Guid EmployerId { get; init; }
    public Guid? MentorId { get; set; }
    public Guid? MatchRunId { get; init; }
    public DateOnly StartsOn { get; init; }
    public DateOnly PlannedEndOn { get; init; }
    public DateOnly EndsOn { get; private set; }
    public PlacementStatus Status { get; private set; } = PlacementStatus.Active;
    public string? EndReason { get; private set; }
    public int Version { get; set; }

    public static Placement Start(Guid applicantId, Guid positionId, DateOnly startsOn, int months = 3, Guid employerId = default, Guid? matchRunId = null) =>
        new() { ApplicantId = applicantId, PositionId = positionId, EmployerId = employerId, MatchRunId = matchRunId, StartsOn = startsOn, EndsOn = startsOn.AddMonths(months), PlannedEndOn = startsOn.AddMonths(months) };

    public void Complete(DateOnly on)
    {
        if (Status != PlacementStatus.Active) throw new DomainException("placement.not_active", "Only an active placement can be completed.");
        if (on < StartsOn) throw new DomainException("placement.before_start", "A placement cannot complete before it starts.");
        Status = PlacementStatus.Completed;
        EndsOn = on;
    }

    public void End(PlacementStatus status, DateOnly on, string reason)
    {
        if (status is not (PlacementStatus.DroppedOut or PlacementStatus.Terminated)) throw new ArgumentOutOfRangeException(nameof(status));
        if (Status != PlacementStatus.Active) throw new DomainException("placement.not_active", "Only an active placement can end early.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("placement.reason_required", "Say why the placement ended.");
        Status = status;
        EndsOn = on < StartsOn ? StartsOn : on;
        EndReason = reason.Trim();
    }
}

/// <summary>Employment follow-up at completion and +3/+6/+12 months (also for comparison applicants never placed).</summary>
public sealed class FollowUp
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ApplicantId { get; init; }
    public FollowUpMilestone Milestone { get; init; }
    public DateOnly DueOn { get; init; }
    public DateOnly? RecordedOn { get; set; }
    public EmploymentStatus? Employment { get; set; }
    public bool? SameEmployer { get; set; }
    public string? IncomeBand { get; set; }
}

/// <summary>A monthly attendance record or a mentor's check-in on a placement. Notes are about the work only
/// (encrypted); employers and mentors never see or write psychological data.</summary>
public sealed class PlacementCheckIn
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PlacementId { get; init; }
    public CheckInKind Kind { get; init; }
    public DateOnly Date { get; init; }
    public int? DaysPresent { get; init; }
    public int? DaysExpected { get; init; }
    public string? Note { get; init; }
    public Guid RecordedByUserId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>One month of a placement's subsidy: due, then paid or withheld (with a reason).</summary>
public sealed class SubsidyPayment : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PlacementId { get; init; }
    public Guid EmployerId { get; init; }
    public string? Project { get; init; }
    public DateOnly Month { get; init; }
    public decimal AmountDue { get; init; }
    public decimal? AmountPaid { get; private set; }
    public DateOnly? PaidOn { get; private set; }
    public SubsidyStatus Status { get; private set; } = SubsidyStatus.Due;
    public string? WithheldReason { get; private set; }
    public int Version { get; set; }

    /// <summary>Records a payment; paying less than due needs a reason, and the difference counts as withheld.</summary>
    public void Pay(decimal amount, DateOnly on, string? shortfallReason = null)
    {
        if (Status != SubsidyStatus.Due) throw new DomainException("subsidy.not_due", "Only a subsidy that is due can be paid.");
        if (amount <= 0 || amount > AmountDue) throw new DomainException("subsidy.amount", "The amount paid must be positive and not above the amount due.");
        if (amount < AmountDue && (string.IsNullOrWhiteSpace(shortfallReason) || shortfallReason.Trim().Length < 5))
            throw new DomainException("subsidy.reason_required", "Say why less than the amount due is paid.");
        Status = SubsidyStatus.Paid; AmountPaid = amount; PaidOn = on;
        WithheldReason = amount < AmountDue ? shortfallReason!.Trim() : null;
    }

    /// <summary>What was due but will not be paid: all of a withheld month, or the shortfall of a partly paid one.</summary>
    public decimal AmountWithheld => Status switch { SubsidyStatus.Withheld => AmountDue, SubsidyStatus.Paid => AmountDue - (AmountPaid ?? 0), _ => 0 };

    public void Withhold(string reason)
    {
        if (Status != SubsidyStatus.Due) throw new DomainException("subsidy.not_due", "Only a subsidy that is due can be withheld.");
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5) throw new DomainException("subsidy.reason_required", "Say why the subsidy is withheld.");
        Status = SubsidyStatus.Withheld; WithheldReason = reason.Trim(); AmountPaid = 0;
    }
}

public enum LotteryStatus { Locked = 1, Drawn = 2 }

/// <summary>
/// A lottery for an oversubscribed cohort, run like a pre-registered study: the plan (region, cohort, start date, places,
/// the eligible applicants with their stratum, the seed) is locked and hashed first; the draw is then computed from that
/// record alone (<c>Qadam.Statistics.Lottery</c>), so anyone can reproduce it. One lottery per cohort and region; a drawn
/// lottery cannot be drawn again.
/// </summary>
public sealed class CohortLottery : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public required string RegionCode { get; init; }
    public required string Cohort { get; init; }
    public DateOnly StartsOn { get; init; }
    /// <summary>Places drawn (the places within reach of the eligible applicants, less those given to priority applicants).</summary>
    public int Places { get; init; }
    /// <summary>Places given before the draw to applicants carried over from an earlier lottery's waiting list.</summary>
    public int PriorityPlaces { get; init; }
    public long Seed { get; init; }
    public required string PlanHash { get; init; }
    public LotteryStatus Status { get; private set; } = LotteryStatus.Locked;
    public Guid LockedByUserId { get; init; }
    public DateTimeOffset LockedAt { get; init; }
    public Guid? DrawnByUserId { get; private set; }
    public DateTimeOffset? DrawnAt { get; private set; }
    public int Version { get; set; }

    public void MarkDrawn(Guid userId, DateTimeOffset at)
    {
        if (Status == LotteryStatus.Drawn) throw new DomainException("lottery.drawn", "This lottery has already been drawn; a draw cannot be repeated.");
        Status = LotteryStatus.Drawn; DrawnByUserId = userId; DrawnAt = at;
    }
}

/// <summary>An applicant entered in a lottery: the stratum (region|sex) fixed in the plan, then the draw's outcome.
/// Priority entrants (from an earlier waiting list) hold a place before the draw and are not part of the randomised comparison.</summary>
public sealed class LotteryEntry
{
    public Guid LotteryId { get; init; }
    public Guid ApplicantId { get; init; }
    public required string Stratum { get; init; }
    public bool Priority { get; init; }
    public bool? Drawn { get; set; }
    /// <summary>For those not drawn: their place on the waiting list (1 = first).</summary>
    public int? WaitingRank { get; set; }
}
