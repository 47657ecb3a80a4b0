using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;

namespace Qadam.Cli.Commands;

/// <summary>Bootstrapping a real installation: the first organisations and their administrators (no demo data, no self-registration).</summary>
public static class AdminCommands
{
    public static Command Organisation(Func<Microsoft.Extensions.Hosting.IHost> host, TextWriter output)
    {
        var name = new Argument<string>("name") { Description = "Organisation name." };
        var kind = new Option<OrganisationKind>("--kind") { Description = "UnOffice | Ngo | SupportCentre | Association | GovernmentBody", DefaultValueFactory = _ => OrganisationKind.Ngo };
        var region = new Option<string?>("--region") { Description = "Region code, e.g. KZ-75." };
        var add = new Command("add", "Create an organisation; prints its id.") { name, kind, region };
        add.SetAction(async (parse, ct) =>
        {
            using var h = host();
            await QadamServices.MigrateAsync(h.Services, ct);
            await using var scope = h.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
            var code = parse.GetValue(region)?.Trim().ToUpperInvariant();
            if (code is not null && !await db.Regions.AnyAsync(r => r.Code == code, ct)) { await output.WriteLineAsync($"Unknown region code '{code}'."); return 2; }
            var org = new Organisation { Name = parse.GetValue(name)!.Trim(), Kind = parse.GetValue(kind), RegionCode = code, CreatedAt = DateTimeOffset.UtcNow };
            db.Organisations.Add(org);
            await db.SaveChangesAsync(ct);
            await output.WriteLineAsync(org.Id.ToString());
            return 0;
        });
        var command = new Command("organisation", "Organisations.");
        command.Subcommands.Add(add);
        return command;
    }

    public static Command User(Func<Microsoft.Extensions.Hosting.IHost> host, TextWriter output)
    {
        var email = new Argument<string>("email");
        var organisation = new Option<Guid>("--organisation") { Description = "Organisation id (from `qadam organisation add`).", Required = true };
        var role = new Option<string>("--role") { Description = "Role, e.g. orgadmin.", DefaultValueFactory = _ => Roles.OrgAdmin };
        var display = new Option<string?>("--name") { Description = "Display name." };
        var add = new Command("add", "Create an account; prints a one-time password to hand over securely.") { email, organisation, role, display };
        add.SetAction(async (parse, ct) =>
        {
            using var h = host();
            await QadamServices.MigrateAsync(h.Services, ct);
            await using var scope = h.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var orgId = parse.GetValue(organisation);
            var r = parse.GetValue(role)!;
            if (!await db.Organisations.AnyAsync(o => o.Id == orgId, ct)) { await output.WriteLineAsync($"No organisation {orgId}."); return 2; }
            if (!Roles.All.Contains(r)) { await output.WriteLineAsync($"Unknown role '{r}'. Roles: {string.Join(", ", Roles.All)}."); return 2; }
            var address = parse.GetValue(email)!.Trim();
            var password = OneTimePassword();
            var user = new AppUser { UserName = address, Email = address, EmailConfirmed = true, OrganisationId = orgId, DisplayName = parse.GetValue(display) ?? address };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded) { await output.WriteLineAsync("Could not create the account: " + string.Join(", ", created.Errors.Select(e => e.Description))); return 2; }
            await users.AddToRoleAsync(user, r);
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(Actor.System with { UserName = "qadam-cli" }, AuditAction.User_Created, "User", user.Id.ToString(), new { roles = new[] { r } }, ct);
            await output.WriteLineAsync($"Created {address} ({r}). One-time password: {password}");
            await output.WriteLineAsync("Ask them to change it at /Account/Password after signing in.");
            return 0;
        });
        var command = new Command("user", "Accounts.");
        command.Subcommands.Add(add);
        return command;
    }

    /// <summary>20 random characters from every class the password policy requires.</summary>
    private static string OneTimePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789", symbols = "!@#$%*-_+=";
        var all = upper + lower + digits + symbols;
        var chars = new[] { upper, lower, digits, symbols }.Select(set => set[RandomNumberGenerator.GetInt32(set.Length)])
            .Concat(Enumerable.Range(0, 16).Select(_ => all[RandomNumberGenerator.GetInt32(all.Length)])).ToArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
