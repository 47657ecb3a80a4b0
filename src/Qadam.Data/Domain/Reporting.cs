namespace Qadam.Domain;

/// <summary>A logframe level; the numbers are IATI's ResultType codes (1 output, 2 outcome, 3 impact = the goal).</summary>
public enum ResultLevel { Output = 1, Outcome = 2, Goal = 3 }

/// <summary>How an indicator gets its actual values: computed from Qadam's records, or entered by hand with its source.</summary>
public enum IndicatorSource { Computed = 1, Manual = 2 }

/// <summary>IATI IndicatorMeasure codes: 1 unit (a count), 2 percentage.</summary>
public enum IndicatorMeasure { Unit = 1, Percentage = 2 }

public enum PeriodKind { Quarter = 1, Year = 2, Other = 3 }

/// <summary>A funder (the Government of Japan, the European Union); IATI organisation reference and type code.</summary>
public sealed class Donor
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string? IatiRef { get; set; }
    /// <summary>IATI OrganisationType code (10 government, 40 multilateral, …).</summary>
    public string Type { get; set; } = "10";
}

/// <summary>
/// A funded project of one reporting organisation, carried out by its implementing organisations (itself included),
/// with a logframe (results with indicators) and reporting periods. Computed indicators count the records of the
/// implementing organisations within the project's dates and regions.
/// </summary>
public sealed class Project : IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The organisation that reports the project (owns it).</summary>
    public Guid OrganisationId { get; init; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    /// <summary>The IATI activity identifier: the reporting organisation's reference, a hyphen, the project's own code.</summary>
    public required string IatiIdentifier { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public decimal? Budget { get; set; }
    /// <summary>ISO 4217 code.</summary>
    public string Currency { get; set; } = "USD";
    /// <summary>Region codes, comma-separated; empty = the whole country.</summary>
    public string Regions { get; set; } = "";
    /// <summary>The reporting organisation's own IATI reference (e.g. XM-DAC-41114 for UNDP).</summary>
    public string? ReportingOrgRef { get; set; }
    /// <summary>Aggregates of this project are shown to government liaisons and donors across organisations (suppressed).</summary>
    public bool SharedWithGovernment { get; set; }
    public Guid CreatedByUserId { get; init; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<ProjectDonor> Donors { get; init; } = [];
    public List<ProjectPartner> Partners { get; init; } = [];
    public List<LogframeResult> Results { get; init; } = [];
    public List<ReportPeriod> Periods { get; init; } = [];

    public IReadOnlyList<string> RegionCodes => Regions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The organisations whose records the computed indicators count: the reporting one and its partners.</summary>
    public IReadOnlyList<Guid> ImplementingOrganisations => [OrganisationId, .. Partners.Select(p => p.OrganisationId).Where(o => o != OrganisationId).Distinct()];
}

public sealed class ProjectDonor
{
    public Guid ProjectId { get; init; }
    public Guid DonorId { get; init; }
    public Donor? Donor { get; init; }
    public decimal? Amount { get; set; }
}

public sealed class ProjectPartner
{
    public Guid ProjectId { get; init; }
    public Guid OrganisationId { get; init; }
}

/// <summary>A goal, outcome or output of a project's logframe.</summary>
public sealed class LogframeResult
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ProjectId { get; init; }
    public ResultLevel Level { get; set; }
    /// <summary>The logframe's own numbering ("1", "1.2").</summary>
    public required string Code { get; set; }
    public required string Title { get; set; }
    public List<Indicator> Indicators { get; init; } = [];
}

/// <summary>
/// A logframe indicator: computed from the records by a definition of the library (<see cref="Definition"/> with its
/// <see cref="Parameter"/>), or entered by hand per period with its source. Baseline, targets per period and an
/// end-of-project target.
/// </summary>
public sealed class Indicator
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ResultId { get; init; }
    public Guid ProjectId { get; init; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    public IndicatorSource Source { get; set; }
    /// <summary>The library definition's key (computed indicators), e.g. <c>scheme.placed</c>.</summary>
    public string? Definition { get; set; }
    public string? Parameter { get; set; }
    public IndicatorMeasure Measure { get; set; } = IndicatorMeasure.Unit;
    /// <summary>Where hand-entered values come from (a survey, a partner's report).</summary>
    public string? ManualSource { get; set; }
    public decimal? Baseline { get; set; }
    public int? BaselineYear { get; set; }
    public string? BaselineNote { get; set; }
    public decimal? TargetTotal { get; set; }
    /// <summary>The M&amp;E officer who owns the indicator (sees it on their home page; enters its values).</summary>
    public Guid? OwnerUserId { get; set; }
    public List<IndicatorTarget> Targets { get; init; } = [];
    public List<ManualValue> ManualValues { get; init; } = [];
}

public sealed class IndicatorTarget
{
    public Guid IndicatorId { get; init; }
    public Guid PeriodId { get; init; }
    public decimal Value { get; set; }
}

/// <summary>A hand-entered actual of one period, with where it comes from.</summary>
public sealed class ManualValue
{
    public Guid IndicatorId { get; init; }
    public Guid PeriodId { get; init; }
    public decimal Value { get; set; }
    public required string Source { get; set; }
    public Guid EnteredByUserId { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
}

/// <summary>A reporting period of a project (a quarter, a year). Periods of a project do not overlap and close in order.</summary>
public sealed class ReportPeriod
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ProjectId { get; init; }
    public required string Label { get; set; }
    public PeriodKind Kind { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public Guid? ClosedByUserId { get; private set; }
    public bool IsClosed => ClosedAt is not null;

    public void Close(Guid userId, DateTimeOffset at)
    {
        if (IsClosed) throw new DomainException("period.closed", "This period is already closed; a correction is a new version with a reason.");
        ClosedAt = at;
        ClosedByUserId = userId;
    }
}

/// <summary>
/// A closed period's figures, frozen: every cell as published (count and whether hidden) and every actual, the
/// definitions used to compute them, and a SHA-256 hash of both. A correction is a new version with a reason; the
/// latest version is the period's figures from then on, the earlier ones stay.
/// </summary>
public sealed class PeriodSnapshot
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PeriodId { get; init; }
    public Guid ProjectId { get; init; }
    public int Version { get; init; }
    public DateTimeOffset FrozenAt { get; init; }
    public Guid FrozenByUserId { get; init; }
    public string? Reason { get; init; }
    public required string DefinitionsJson { get; init; }
    public required string FiguresJson { get; init; }
    public required string Hash { get; init; }
}
