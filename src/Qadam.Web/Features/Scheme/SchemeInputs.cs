using Qadam.Domain;
using Qadam.Web.Platform;

using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Scheme;

public sealed record EmployerInput(string? Name, string? Type, string? Sector, int? LocalityId, string? Locality, string? ContactPerson, string? ContactPhone);
public sealed record MentorInput(string? Name, int? Capacity, bool? TrainingDone, string? TrainedOn);
public sealed record PositionInput(string? Title, string? Sector, string? RequiredSkills, int? LocalityId, string? Locality, int? Slots, decimal? MonthlySubsidy,
    string? StartFrom, string? StartTo, string? Project);
public sealed record ApplicantInput(Guid? PersonId, string? Cohort, string? Education, string? Skills, string? PreferredSectors, int? LocalityId,
    double? MaxTravelKm, string? AvailableFrom, string? Constraints, string? AppliedOn);

/// <summary>The scheme's own field rules (sectors, skills), beside the general ones in <see cref="FieldRules"/>; the forms,
/// the API and the import all use them, so a row is judged the same way everywhere.</summary>
public static class SchemeRules
{
    public static string? Sector(string? value, string field, bool required, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) { if (required) errors.Add(field, "Validation.Required"); return null; }
        var v = value.Trim().ToLowerInvariant();
        if (Sectors.All.Contains(v)) return v;
        errors.Add(field, "Validation.Sector");
        return null;
    }

    /// <summary>Ranked, comma- or semicolon-separated sector codes, no repeats.</summary>
    public static string? SectorList(string? value, string field, FieldErrors errors)
    {
        var items = Split(value);
        if (items.Count == 0) return null;
        if (items.Any(s => !Sectors.All.Contains(s)) || items.Distinct().Count() != items.Count || items.Count > 5) { errors.Add(field, "Validation.SectorList"); return null; }
        return string.Join(',', items);
    }

    /// <summary>Skills: comma- or semicolon-separated words, lower-cased; at most 20 of 50 characters each.</summary>
    public static string? Skills(string? value, string field, FieldErrors errors)
    {
        var items = Split(value).Distinct().ToList();
        if (items.Count == 0) return null;
        if (items.Count > 20 || items.Any(s => s.Length > 50)) { errors.Add(field, "Validation.Skills"); return null; }
        return string.Join(',', items);
    }

    public static List<string> Split(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant()).Where(s => s.Length > 0).ToList();

}
