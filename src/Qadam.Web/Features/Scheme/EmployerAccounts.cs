using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Features.Organisations;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Scheme;

public sealed record EmployerAccountInput(string? Email, string? DisplayName, string? Password, Guid? MentorId);
public sealed record EmployerAccountDto(Guid UserId, string Email, Guid EmployerId, Guid? MentorId);

/// <summary>
/// Limited accounts for an employer's contact person or a mentor: role "employer" only, linked to one employer (and,
/// for a mentor, to the mentor record), so they see the first name and placement of their own apprentices and nothing else.
/// The account itself is made by <see cref="ManageUsers"/>, with the same rules as every other account.
/// </summary>
public sealed class EmployerAccounts(QadamDbContext db, ManageUsers users, AuditLog audit, Access access)
{
    public async Task<(bool Found, EmployerAccountDto? Account, FieldErrors Errors)> CreateAsync(Guid employerId, EmployerAccountInput input, CurrentUser coordinator, CancellationToken ct)
    {
        await access.DemandAsync(coordinator, Permission.SchemeManage);
        if (!await db.Employers.AnyAsync(e => e.Id == employerId && e.OrganisationId == coordinator.OrganisationId, ct)) return (false, null, new FieldErrors());
        if (input.MentorId is { } m && !await db.Mentors.AnyAsync(x => x.Id == m && x.EmployerId == employerId, ct))
            return (true, null, new FieldErrors().Add("mentorId", "Validation.UnknownMentor"));
        var (user, errors) = await users.CreateAccountAsync(new CreateUserInput(input.Email, input.DisplayName, input.Password, [Roles.Employer]), coordinator, ct);
        if (user is null) return (true, null, errors);
        db.EmployerAccounts.Add(new EmployerAccount { UserId = user.Id, EmployerId = employerId, MentorId = input.MentorId });
        await audit.SaveWithAuditAsync([new(coordinator.Actor, AuditAction.EmployerAccount_Linked, "User", user.Id.ToString(), new { employer = employerId, mentor = input.MentorId })], ct);
        return (true, new EmployerAccountDto(user.Id, user.Email, employerId, input.MentorId), errors);
    }
}
