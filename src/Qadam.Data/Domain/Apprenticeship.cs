namespace Qadam.Domain;

public enum EmployerType { Enterprise = 1, LocalGovernmentBody = 2, PrivateBusiness = 3, CivilSocietyOrganisation = 4 }

public enum Education { None = 1, Secondary = 2, Vocational = 3, Higher = 4 }

public enum ApplicantStatus { Applied = 1, Placed = 2, Withdrawn = 3 }

public enum PlacementStatus { Active = 1, Completed = 2, DroppedOut = 3, Terminated = 4 }

public enum FollowUpMilestone { Completion = 0, Month3 = 3, Month6 = 6, Month12 = 12 }

public enum EmploymentStatus { FullTime = 1, PartTime = 2, SelfEmployed = 3, Studying = 4, NotWorking = 5 }

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
    public string? ContactPerson { get; set; }
}

public sealed class Position
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EmployerId { get; init; }
    public required string Title { get; set; }
    public string? Sector { get; set; }
    public string? RequiredSkills { get; set; }
    public string? Locality { get; set; }
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
    public ApplicantStatus Status { get; set; } = ApplicantStatus.Applied;
}

/// <summary>A subsidised apprenticeship, three months by default; state changes are guarded here.</summary>
public sealed class Placement
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ApplicantId { get; init; }
    public Guid PositionId { get; init; }
    public DateOnly StartsOn { get; init; }
    public DateOnly EndsOn { get; private set; }
    public PlacementStatus Status { get; private set; } = PlacementStatus.Active;
    public string? EndReason { get; private set; }

    public static Placement Start(Guid applicantId, Guid positionId, DateOnly startsOn, int months = 3) =>
        new() { ApplicantId = applicantId, PositionId = positionId, StartsOn = startsOn, EndsOn = startsOn.AddMonths(months) };

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
