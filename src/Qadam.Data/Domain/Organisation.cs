namespace Qadam.Domain;

public enum OrganisationKind { UnOffice = 1, Ngo = 2, SupportCentre = 3, Association = 4, GovernmentBody = 5 }

public sealed class Organisation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }
    public string? RegionCode { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>An administrator's rule that every user holding <see cref="Role"/> in the organisation signs in with TOTP.</summary>
public sealed class TwoFactorPolicy
{
    public Guid OrganisationId { get; init; }
    public required string Role { get; init; }
}
