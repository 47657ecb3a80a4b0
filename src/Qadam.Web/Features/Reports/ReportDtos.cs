namespace Qadam.Web.Features.Reports;

public sealed record DonorDto(Guid Id, string Name, string? IatiRef, string Type, decimal? Amount);

public sealed record PeriodDto(Guid Id, string Label, string Kind, string StartsOn, string EndsOn, bool Closed, int? Version, string? Hash, string? FrozenAt);

public sealed record ProjectSummaryDto(Guid Id, string Title, string Organisation, string IatiIdentifier, string StartsOn, string EndsOn, decimal? Budget, string Currency,
    IReadOnlyList<string> Regions, IReadOnlyList<DonorDto> Donors, IReadOnlyList<string> ImplementingOrganisations, bool SharedWithGovernment, int Indicators, bool Editable);

/// <summary>A cell as published: its count, or hidden (then <see cref="Count"/> is null and the page shows "&lt;threshold").</summary>
public sealed record CellDto(long? Count, bool Hidden);

public sealed record CategoryDto(string Category, IReadOnlyList<CellDto> Periods, CellDto Cumulative, IReadOnlyList<CellDto>? Denominators = null, CellDto? CumulativeDenominator = null);

public sealed record DisaggregationDto(string Dimension, IReadOnlyList<CategoryDto> Categories);

/// <param name="Actual">The period's value (a count, or a percentage 0–100); null when hidden or not available.</param>
/// <param name="Numerator">For a share: its numerator and denominator (null when hidden).</param>
public sealed record PeriodValueDto(Guid PeriodId, string Label, decimal? Target, double? Actual, bool Hidden, long? Numerator, long? Denominator, bool Frozen, string? Note);

/// <param name="Status">onTrack (at least 90% of the target to date), atRisk (60–90%), behind (under 60%), noTarget, or hidden.</param>
public sealed record IndicatorReportDto(Guid Id, string Code, string Title, string Source, string? Definition, string? Parameter, string Measure, string Method,
    decimal? Baseline, int? BaselineYear, string? BaselineNote, decimal? TargetTotal, Guid? OwnerUserId, IReadOnlyList<PeriodValueDto> Periods,
    double? ToDate, bool ToDateHidden, decimal? TargetToDate, string Status, IReadOnlyList<DisaggregationDto> Disaggregations);

public sealed record ResultDto(Guid Id, string Level, string Code, string Title, IReadOnlyList<IndicatorReportDto> Indicators);

/// <param name="Suppressed">Small cells are hidden (a viewer outside the owning organisation, a liaison, or any export).</param>
/// <param name="ThroughPeriod">The report's last period; the figures of closed periods are their frozen versions.</param>
public sealed record ProjectReportDto(ProjectSummaryDto Project, IReadOnlyList<PeriodDto> Periods, IReadOnlyList<ResultDto> Results, bool Suppressed, int Threshold,
    string AsOf, Guid? ThroughPeriod, string Method)
{
    public IEnumerable<IndicatorReportDto> Indicators => Results.SelectMany(r => r.Indicators);
}
