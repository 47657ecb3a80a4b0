using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

public static class CreatePerson
{
    /// <param name="AllowDuplicates">The user has seen the likely duplicates and confirms this is someone else.</param>
    public sealed record Command(PersonInput Input, bool AllowDuplicates);

    public sealed record Result(Person? Created, FieldErrors Errors, IReadOnlyList<DuplicateCandidate> Duplicates);

    public sealed class Handler(QadamDbContext db, BlindIndex index, AuditLog audit, TimeProvider clock, Access access)
    {
        public async Task<Result> HandleAsync(Command command, CurrentUser user, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.PeopleCreate);
            var now = clock.GetUtcNow();
            var (valid, errors) = await PersonValidator.ValidateAsync(command.Input, db, DateOnly.FromDateTime(now.UtcDateTime), ct);
            if (command.Input.OrganisationId is { } org && org != user.OrganisationId)
                errors.Add("organisationId", "Validation.OwnOrganisationOnly");
            if (valid is null || errors.Any) return new(null, errors, []);

            if (!command.AllowDuplicates)
            {
                var duplicates = await FindDuplicates.HandleAsync(valid, null, db, index, ct);
                if (duplicates.Count > 0) return new(null, errors, duplicates);
            }

            var person = new Person
            {
                GivenName = valid.GivenName, FamilyName = valid.FamilyName, OrganisationId = user.OrganisationId,
                CreatedAt = now, CreatedByUserId = user.Id,
            };
            valid.ApplyTo(person, index);
            db.People.Add(person);
            await audit.SaveWithAuditAsync([AuditEntry.About(person, user.Actor, AuditAction.Person_Created,
                new { duplicatesAcknowledged = command.AllowDuplicates })], ct);
            return new(person, errors, []);
        }
    }
}
