using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Web.Platform;

namespace Qadam.Web.Features.People;

/// <summary>What a client sends to create or edit a person. Strings throughout, so every bad value is named by field.</summary>
public sealed record PersonInput
{
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? Patronymic { get; init; }
    public string? Sex { get; init; }
    public string? DateOfBirth { get; init; }
    public string? Iin { get; init; }
    public string? Phone { get; init; }
    public string? Address { get; init; }
    public string? Notes { get; init; }
    public string? RegionCode { get; init; }
    public string? Locality { get; init; }
    /// <summary>yes, no, or empty (not recorded).</summary>
    public string? Disability { get; init; }
    public Guid? OrganisationId { get; init; }
    /// <summary>For updates: the version read, so a concurrent edit is refused rather than overwritten.</summary>
    public int? Version { get; init; }
}

/// <summary>The input after validation: typed and normalised.</summary>
public sealed record ValidPerson(string GivenName, string FamilyName, string? Patronymic, Sex Sex, DateOnly? DateOfBirth,
    string? Iin, string? Phone, string? Address, string? Notes, string? RegionCode, string? Locality, string? Disability = null);

public static class PersonValidator
{
    // Every installation stores these at start-up and never removes a region (ReferenceData), so a seeded code is known
    // without a query; any other code is looked up.
    private static readonly HashSet<string> SeededRegions = RegionSeed.Regions().Select(r => r.Code).ToHashSet(StringComparer.Ordinal);

    public static async Task<(ValidPerson? Person, FieldErrors Errors)> ValidateAsync(
        PersonInput input, QadamDbContext db, DateOnly today, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var given = Text(input.GivenName, "givenName", 100, required: true, errors);
        var family = Text(input.FamilyName, "familyName", 100, required: true, errors);
        var patronymic = Text(input.Patronymic, "patronymic", 100, required: false, errors);
        var address = Text(input.Address, "address", 500, required: false, errors);
        var notes = Text(input.Notes, "notes", 4000, required: false, errors, multiline: true);
        var locality = Text(input.Locality, "locality", 200, required: false, errors);

        Sex? sex = input.Sex?.Trim().ToLowerInvariant() switch
        {
            "female" => Domain.Sex.Female,
            "male" => Domain.Sex.Male,
            null or "" => null,
            _ => null,
        };
        if (sex is null) errors.Add("sex", string.IsNullOrWhiteSpace(input.Sex) ? "Validation.Required" : "Validation.Sex");

        var disability = input.Disability?.Trim().ToLowerInvariant() switch { null or "" => null, "yes" => "yes", "no" => "no", _ => "?" };
        if (disability == "?") errors.Add("disability", "Validation.Choice");

        DateOnly? dob = null;
        if (!string.IsNullOrWhiteSpace(input.DateOfBirth))
        {
            if (!DateOnly.TryParseExact(input.DateOfBirth.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                errors.Add("dateOfBirth", "Validation.Date");
            else if (parsed > today) errors.Add("dateOfBirth", "Validation.DateInFuture");
            else if (parsed.Year < 1900) errors.Add("dateOfBirth", "Validation.DateTooOld");
            else dob = parsed;
        }

        string? iin = null;
        if (!string.IsNullOrWhiteSpace(input.Iin))
        {
            var candidate = input.Iin.Trim().Replace(" ", "", StringComparison.Ordinal);
            var check = Privacy.Iin.Check(candidate);
            if (!check.IsValid) errors.Add("iin", "Validation." + check.ErrorCode);
            else
            {
                if (dob is not null && check.BirthDate != dob) errors.Add("iin", "Validation.iin.dob_mismatch");
                if (sex is not null && check.Sex != sex) errors.Add("iin", "Validation.iin.sex_mismatch");
                if (!errors.Has("dateOfBirth") && string.IsNullOrWhiteSpace(input.DateOfBirth)) dob = check.BirthDate;
                iin = candidate;
            }
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            phone = PhoneNumber.Normalise(input.Phone);
            if (phone is null) errors.Add("phone", "Validation.Phone");
        }

        string? region = null;
        if (!string.IsNullOrWhiteSpace(input.RegionCode))
        {
            region = input.RegionCode.Trim().ToUpperInvariant();
            if (!SeededRegions.Contains(region) && !await db.Regions.AnyAsync(r => r.Code == region, ct)) errors.Add("regionCode", "Validation.Region");
        }

        return errors.Any ? (null, errors)
            : (new ValidPerson(given!, family!, patronymic, sex!.Value, dob, iin, phone, address, notes, region, locality, disability), errors);
    }

    private static string? Text(string? value, string field, int max, bool required, FieldErrors errors, bool multiline = false) =>
        FieldRules.Text(value, field, max, required, errors, multiline);

    /// <summary>Copies validated values onto the entity and recomputes its blind indexes.</summary>
    public static void ApplyTo(this ValidPerson v, Person p, BlindIndex index)
    {
        p.GivenName = v.GivenName;
        p.FamilyName = v.FamilyName;
        p.Patronymic = v.Patronymic;
        p.Sex = v.Sex;
        p.DateOfBirth = v.DateOfBirth;
        p.Iin = v.Iin;
        p.Phone = v.Phone;
        p.Address = v.Address;
        p.Notes = v.Notes;
        p.RegionCode = v.RegionCode;
        p.Locality = v.Locality;
        p.Disability = v.Disability;
        p.IinHash = index.Iin(v.Iin);
        p.PhoneHash = index.Phone(v.Phone);
        p.NameDobHash = index.NameAndBirthDate(v.GivenName, v.FamilyName, v.DateOfBirth);
        var tokens = index.NameTokens(v.GivenName, v.FamilyName, v.Patronymic).ToHashSet();
        p.NameTokens.RemoveAll(t => !tokens.Contains(t.Hash));
        foreach (var hash in tokens.Except(p.NameTokens.Select(t => t.Hash)))
            p.NameTokens.Add(new PersonNameToken { PersonId = p.Id, Hash = hash });
    }
}
