using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Organisations;

public sealed record UserDto(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool IsActive, bool TwoFactorEnabled, DateTimeOffset? LockoutEnd);

public sealed record CreateUserInput(string? Email, string? DisplayName, string? Password, IReadOnlyList<string>? Roles);

public sealed record UpdateUserInput(string? DisplayName, IReadOnlyList<string>? Roles, bool? IsActive);

/// <summary>An organisation administrator manages the accounts of their own organisation, and nothing else.</summary>
public sealed class ManageUsers(QadamDbContext db, UserManager<AppUser> users, AuditLog audit, Access access)
{
    public async Task<List<UserDto>> ListAsync(CurrentUser admin, CancellationToken ct)
    {
        await access.DemandAsync(admin, Permission.UsersManage);
        var list = await db.Users.AsNoTracking().Where(u => u.OrganisationId == admin.OrganisationId).OrderBy(u => u.Email).ToListAsync(ct);
        var roleRows = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                              where list.Select(u => u.Id).Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        return list.Select(u => ToDto(u, roleRows.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList())).ToList();
    }

    public async Task<(UserDto? User, FieldErrors Errors)> CreateAsync(CreateUserInput input, CurrentUser admin, CancellationToken ct)
    {
        await access.DemandAsync(admin, Permission.UsersManage);
        return await CreateAccountAsync(input, admin, ct);
    }

    /// <summary>The account rules and audit, for a caller that has authorised the creation itself (e.g. a coordinator's employer accounts).</summary>
    internal async Task<(UserDto? User, FieldErrors Errors)> CreateAccountAsync(CreateUserInput input, CurrentUser admin, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = input.Email?.Trim();
        if (string.IsNullOrEmpty(email)) errors.Add("email", "Validation.Required");
        else if (!System.Net.Mail.MailAddress.TryCreate(email, out _) || email.Length > 200) errors.Add("email", "Validation.Email");
        else if (await users.FindByEmailAsync(email) is not null) errors.Add("email", "Validation.EmailTaken");
        if (string.IsNullOrWhiteSpace(input.DisplayName)) errors.Add("displayName", "Validation.Required");
        else if (input.DisplayName.Length > 200) errors.Add("displayName", "Validation.TooLong");
        ValidateRoles(input.Roles, errors);
        if (string.IsNullOrEmpty(input.Password)) errors.Add("password", "Validation.Required");
        if (errors.Any) return (null, errors);

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName!.Trim(), OrganisationId = admin.OrganisationId };
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors) errors.Add(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email", "Identity." + e.Code);
            return (null, errors);
        }
        await users.AddToRolesAsync(user, input.Roles!.Distinct());
        await audit.RecordAsync(admin.Actor, AuditAction.User_Created, "User", user.Id.ToString(), new { roles = input.Roles }, ct);
        return (ToDto(user, input.Roles!.Distinct().Order().ToList()), errors);
    }

    public async Task<(bool Found, UserDto? User, FieldErrors Errors)> UpdateAsync(Guid id, UpdateUserInput input, CurrentUser admin, CancellationToken ct)
    {
        await access.DemandAsync(admin, Permission.UsersManage);
        var errors = new FieldErrors();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.OrganisationId == admin.OrganisationId, ct);
        if (user is null) return (false, null, errors);
        if (input.Roles is not null) ValidateRoles(input.Roles, errors);
        if (input.DisplayName is { } name && (name.Trim().Length == 0 || name.Length > 200)) errors.Add("displayName", "Validation.Required");
        if (id == admin.Id && input.IsActive == false) errors.Add("isActive", "Validation.CannotDeactivateSelf");
        if (errors.Any) return (true, null, errors);

        if (input.DisplayName is { } dn) user.DisplayName = dn.Trim();
        if (input.IsActive is { } active)
        {
            user.IsActive = active;
            user.LockoutEnd = active ? null : DateTimeOffset.MaxValue;
        }
        await users.UpdateAsync(user);
        if (input.Roles is not null)
        {
            var current = await users.GetRolesAsync(user);
            await users.RemoveFromRolesAsync(user, current.Except(input.Roles));
            await users.AddToRolesAsync(user, input.Roles.Distinct().Except(current));
        }
        await users.UpdateSecurityStampAsync(user); // role or status changes end existing sessions
        await audit.RecordAsync(admin.Actor, input.IsActive == false ? AuditAction.User_Locked : AuditAction.User_Updated, "User", user.Id.ToString(),
            new { roles = input.Roles, input.IsActive }, ct);
        return (true, ToDto(user, (await users.GetRolesAsync(user)).Order().ToList()), errors);
    }

    public async Task<List<string>> TwoFactorRolesAsync(CurrentUser admin, CancellationToken ct)
    {
        await access.DemandAsync(admin, Permission.UsersManage);
        return await db.TwoFactorPolicies.Where(p => p.OrganisationId == admin.OrganisationId).Select(p => p.Role).OrderBy(r => r).ToListAsync(ct);
    }

    public async Task<FieldErrors> SetTwoFactorRolesAsync(IReadOnlyList<string>? roles, CurrentUser admin, CancellationToken ct)
    {
        await access.DemandAsync(admin, Permission.UsersManage);
        var errors = new FieldErrors();
        if (roles is null) errors.Add("roles", "Validation.Required");
        else if (roles.Any(r => !Roles.All.Contains(r))) errors.Add("roles", "Validation.UnknownRole");
        if (errors.Any) return errors;
        db.TwoFactorPolicies.RemoveRange(db.TwoFactorPolicies.Where(p => p.OrganisationId == admin.OrganisationId));
        db.TwoFactorPolicies.AddRange(roles!.Distinct().Select(r => new TwoFactorPolicy { OrganisationId = admin.OrganisationId, Role = r }));
        await audit.SaveWithAuditAsync([new(admin.Actor, AuditAction.TwoFactorPolicy_Changed, "Organisation", admin.OrganisationId.ToString(), new { roles })], ct);
        return errors;
    }

    private static void ValidateRoles(IReadOnlyList<string>? roles, FieldErrors errors)
    {
        if (roles is null || roles.Count == 0) errors.Add("roles", "Validation.Required");
        else if (roles.Any(r => !Roles.All.Contains(r))) errors.Add("roles", "Validation.UnknownRole");
    }

    private static UserDto ToDto(AppUser u, IReadOnlyList<string> roles) =>
        new(u.Id, u.Email ?? "", u.DisplayName, roles, u.IsActive, u.TwoFactorEnabled, u.LockoutEnd);
}
