namespace Qadam.Domain;

public enum ConsentPurpose { Services = 1, SharingWithOrganisation = 2, FollowUpContact = 3, AnonymousStatistics = 4, Evaluation = 5 }

public enum ConsentGiver { Person = 1, Guardian = 2 }

public sealed class Consent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PersonId { get; init; }
    public ConsentPurpose Purpose { get; init; }
    /// <summary>For <see cref="ConsentPurpose.SharingWithOrganisation"/>: the organisation it names.</summary>
    public Guid? TargetOrganisationId { get; init; }
    public ConsentGiver GivenBy { get; init; }
    public string? GuardianName { get; init; }
    public DateTimeOffset GivenAt { get; init; }
    public Guid RecordedByUserId { get; init; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public Guid? WithdrawnByUserId { get; private set; }

    public bool IsActive => WithdrawnAt is null;

    public void Withdraw(Guid userId, DateTimeOffset at)
    {
        if (!IsActive) throw new DomainException("consent.already_withdrawn", "This consent has already been withdrawn.");
        WithdrawnAt = at;
        WithdrawnByUserId = userId;
    }
}
