using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Scheme;

public sealed record EmployerAccountInput(string? Email, string? DisplayName, string? Password, Guid? MentorId);
public sealed record EmployerAccountDto(Guid UserId, string Email, Guid EmployerId, Guid? MentorId);

/// <summary>
/// Limited accounts for an employer's contact person or a mentor: role "employer" only, linked to one employer (and,
/// for a mentor, to the mentor record), so they see the first name and placement of their own apprentices and nothing else.
/// </summary>
public sealed class EmployerAccounts(QadamDbContext db, UserManager<AppUser> users, AuditLog audit)
{
    public async Task<(bool Found, EmployerAccountDto? Account, FieldErrors Errors)> CreateAsync(Guid employerId, EmployerAccountInput input, CurrentUser coordinator, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!await db.Employers.AnyAsync(e => e.Id == employerId && e.OrganisationId == coordinator.OrganisationId, ct)) return (false, null, errors);
        var email = input.Email?.Trim();
        if (string.IsNullOrEmpty(email)) errors.Add("email", "Validation.Required");
        else if (!System.Net.Mail.MailAddress.TryCreate(email, out _) || email.Length > 200) errors.Add("email", "Validation.Email");
        else if (await users.FindByEmailAsync(email) is not null) errors.Add("email", "Validation.EmailTaken");
        if (string.IsNullOrWhiteSpace(input.DisplayName)) errors.Add("displayName", "Validation.Required");
        else if (input.DisplayName.Length > 200) errors.Add("displayName", "Validation.TooLong");
        if (string.IsNullOrEmpty(input.Password)) errors.Add("password", "Validation.Required");
        if (input.MentorId is { } m && !await db.Mentors.AnyAsync(x => x.Id == m && x.EmployerId == employerId, ct)) errors.Add("mentorId", "Validation.UnknownMentor");
        if (errors.Any) return (true, null, errors);
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName!.Trim(), OrganisationId = coordinator.OrganisationId };
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors) errors.Add(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email", "Identity." + e.Code);
            return (true, null, errors);
        }
        await users.AddToRoleAsync(user, Roles.Employer);
        db.EmployerAccounts.Add(new EmployerAccount { UserId = user.Id, EmployerId = employerId, MentorId = input.MentorId });
        await audit.SaveWithAuditAsync([new(coordinator.Actor, AuditAction.EmployerAccount_Linked, "User", user.Id.ToString(), new { employer = employerId, mentor = input.MentorId })], ct);
        return (true, new EmployerAccountDto(user.Id, email!, employerId, input.MentorId), errors);
    }
}
