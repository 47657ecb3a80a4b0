using System.Globalization;
using Qadam.Domain;

namespace Qadam.Web.Features.People;

public sealed record PersonDto(
    Guid Id, string GivenName, string FamilyName, string? Patronymic, string Sex, string? DateOfBirth,
    string? Iin, string? Phone, string? Address, string? Notes, string? RegionCode, string? Locality,
    Guid OrganisationId, Guid? MergedIntoId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version)
{
    /// <summary>yes, no, or null (not recorded).</summary>
    public string? Disability { get; init; }

    public static PersonDto From(Person p) => new(
        p.Id, p.GivenName, p.FamilyName, p.Patronymic, p.Sex == Domain.Sex.Female ? "female" : "male",
        p.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Iin, p.Phone, p.Address, p.Notes,
        p.RegionCode, p.Locality, p.OrganisationId, p.MergedIntoId, p.CreatedAt, p.UpdatedAt, p.Version) { Disability = p.Disability };
}

/// <summary>A row in search results and duplicate lists: enough to recognise the person, no more.</summary>
public sealed record PersonSummary(Guid Id, string GivenName, string FamilyName, string? Patronymic, string Sex,
    string? DateOfBirth, string? RegionCode, string? Locality, Guid OrganisationId)
{
    public static PersonSummary From(Person p) =>
        Of(p.Id, p.GivenName, p.FamilyName, p.Patronymic, p.Sex, p.DateOfBirth, p.RegionCode, p.Locality, p.OrganisationId);

    /// <summary>From the columns a list reads (a projection), without loading the whole record.</summary>
    public static PersonSummary Of(Guid id, string givenName, string familyName, string? patronymic, Domain.Sex sex,
        DateOnly? dateOfBirth, string? regionCode, string? locality, Guid organisationId) =>
        new(id, givenName, familyName, patronymic, sex == Domain.Sex.Female ? "female" : "male",
            dateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), regionCode, locality, organisationId);
}

/// <summary>A likely duplicate; <see cref="Person"/> is null for a record of the organisation outside the caller's own scope (only the reasons are shown).</summary>
public sealed record DuplicateCandidate(PersonSummary? Person, IReadOnlyList<string> Reasons, bool InScope = true);
