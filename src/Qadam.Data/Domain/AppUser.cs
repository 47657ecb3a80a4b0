using Microsoft.AspNetCore.Identity;

namespace Qadam.Domain;

public sealed class AppUser : IdentityUser<Guid>
{
    public AppUser() => Id = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string DisplayName { get; set; }
    public string? PreferredCulture { get; set; }
    public bool IsActive { get; set; } = true;
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole() => Id = Guid.CreateVersion7();
    public AppRole(string name) : base(name) => Id = Guid.CreateVersion7();
}
