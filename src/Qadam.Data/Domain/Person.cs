namespace Qadam.Domain;

public enum Sex { Female = 1, Male = 2 }

/// <summary>
/// A registered person. Identifying fields are encrypted at rest by the DbContext's value converters;
/// the *Hash properties are keyed blind indexes that let us find a record without storing the value.
/// </summary>
public sealed class Person : IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public string? Patronymic { get; set; }
    public Sex Sex { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Iin { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? Notes { get; set; }
    public string? RegionCode { get; set; }
    public string? Locality { get; set; }
    /// <summary>"yes" or "no" as the person says; null when not recorded. Encrypted at rest (health information).</summary>
    public string? Disability { get; set; }

    public string? IinHash { get; set; }
    public string? PhoneHash { get; set; }
    public string? NameDobHash { get; set; }
    public List<PersonNameToken> NameTokens { get; init; } = [];

    public Guid? MergedIntoId { get; private set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public bool IsMerged => MergedIntoId is not null;

    public bool IsMinorOn(DateOnly day) =>
        DateOfBirth is { } dob && dob.AddYears(18) > day;

    /// <summary>Marks this record as merged into <paramref name="survivor"/>; it stays, read-only, with its history.</summary>
    public void MergeInto(Person survivor)
    {
        if (survivor.Id == Id) throw new DomainException("merge.same_record", "A record cannot be merged into itself.");
        if (IsMerged) throw new DomainException("merge.already_merged", "This record has already been merged.");
        if (survivor.IsMerged) throw new DomainException("merge.survivor_merged", "The surviving record has itself been merged.");
        MergedIntoId = survivor.Id;
    }
}

public sealed class PersonNameToken
{
    public long Id { get; init; }
    public Guid PersonId { get; init; }
    public required string Hash { get; init; }

    /// <summary>A person's name tokens (<see cref="Privacy.BlindIndex.NameTokens"/>) from their name parts.</summary>
    public static IEnumerable<PersonNameToken> Of(Guid personId, Privacy.BlindIndex index, params string?[] names) =>
        index.NameTokens(names).Select(hash => new PersonNameToken { PersonId = personId, Hash = hash });
}

public sealed class PersonMerge
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SurvivorId { get; init; }
    public Guid MergedId { get; init; }
    public Guid UserId { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset MergedAt { get; init; }
}
