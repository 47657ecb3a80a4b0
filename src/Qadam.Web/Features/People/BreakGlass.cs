using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

/// <summary>
/// Emergency access to one record outside the user's scope, found by its id or IIN. Needs a reason,
/// lasts <see cref="Duration"/>, is audited, and notifies the owning organisation.
/// </summary>
public static class OpenBreakGlass
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(60);

    public sealed record Command(Guid? PersonId, string? Iin, string? Reason);

    public sealed record Result(FieldErrors Errors, BreakGlassGrant? Grant);

    public sealed class Handler(QadamDbContext db, BlindIndex index, AuditLog audit, TimeProvider clock, Access access)
    {
        public async Task<Result> HandleAsync(Command command, CurrentUser user, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.BreakGlass);
            var errors = new FieldErrors();
            var reason = command.Reason?.Trim();
            if (string.IsNullOrEmpty(reason) || reason.Length < 10) errors.Add("reason", "Validation.BreakGlassReason");
            else if (reason.Length > 1000) errors.Add("reason", "Validation.TooLong");
            if (command.PersonId is null && string.IsNullOrWhiteSpace(command.Iin)) errors.Add("personId", "Validation.PersonIdOrIin");
            if (errors.Any) return new(errors, null);

            var iinHash = index.Iin(command.Iin);
            // The one deliberate read outside the caller's scope: finding the record the emergency is about.
            var everyone = db.People.IgnoreQueryFilters();
            var person = command.PersonId is { } id
                ? await everyone.FirstOrDefaultAsync(p => p.Id == id, ct)
                : await everyone.Where(p => p.IinHash == iinHash && p.MergedIntoId == null).OrderBy(p => p.CreatedAt).FirstOrDefaultAsync(ct);
            if (person is null)
            {
                await audit.RecordAsync(user.Actor, AuditAction.BreakGlass_Granted, nameof(Person), null, new { found = false }, ct);
                return new(errors.Add(command.PersonId is null ? "iin" : "personId", "Validation.PersonNotFound"), null);
            }
            var now = clock.GetUtcNow();
            var grant = new BreakGlassGrant { UserId = user.Id, PersonId = person.Id, Reason = reason!, GrantedAt = now, ExpiresAt = now + Duration };
            db.BreakGlassGrants.Add(grant);
            db.Notifications.Add(new Notification
            {
                OrganisationId = person.OrganisationId, Kind = "breakGlass", SubjectId = person.Id, CreatedAt = now,
                Text = $"{user.Name} used emergency access to record {person.Id} until {grant.ExpiresAt:u}.",
            });
            await audit.SaveWithAuditAsync([AuditEntry.About(person, user.Actor, AuditAction.BreakGlass_Granted,
                new { grantId = grant.Id, expiresAt = grant.ExpiresAt, owner = person.OrganisationId })], ct);
            return new(errors, grant);
        }
    }
}
