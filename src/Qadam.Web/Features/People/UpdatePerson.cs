using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

public static class UpdatePerson
{
    public sealed record Command(Guid Id, PersonInput Input);

    /// <summary><see cref="Found"/> false means "not in your scope" (answered as 404).</summary>
    public sealed record Result(bool Found, Person? Updated, FieldErrors Errors);

    public sealed class Handler(QadamDbContext db, BlindIndex index, AuditLog audit, TimeProvider clock, Access access)
    {
        public async Task<Result> HandleAsync(Command command, CurrentUser user, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            if (await access.OpenAsync(db, user, command.Id, Permission.PeopleUpdate, ct, q => q.Include(p => p.NameTokens)) is not var (person, _))
                return new(false, null, new FieldErrors());
            var (valid, errors) = await PersonValidator.ValidateAsync(command.Input, db, DateOnly.FromDateTime(now.UtcDateTime), ct);
            if (command.Input.OrganisationId is { } org && org != person.OrganisationId)
                errors.Add("organisationId", "Validation.OrganisationChange");
            if (person.IsMerged) errors.Add("body", "Validation.MergedReadOnly");
            if (valid is null || errors.Any) return new(true, null, errors);
            if (command.Input.Version is { } version && version != person.Version)
                throw new DbUpdateConcurrencyException("stale version");

            var changed = ChangedFields(person, valid);
            valid.ApplyTo(person, index);
            // Field names only: the audit trail never holds the values themselves.
            await audit.SaveWithAuditAsync([AuditEntry.About(person, user.Actor, AuditAction.Person_Updated, new { fields = changed })], ct);
            return new(true, person, errors);
        }

        private static List<string> ChangedFields(Person p, ValidPerson v)
        {
            var changed = new List<string>();
            if (p.GivenName != v.GivenName) changed.Add("givenName");
            if (p.FamilyName != v.FamilyName) changed.Add("familyName");
            if (p.Patronymic != v.Patronymic) changed.Add("patronymic");
            if (p.Sex != v.Sex) changed.Add("sex");
            if (p.DateOfBirth != v.DateOfBirth) changed.Add("dateOfBirth");
            if (p.Iin != v.Iin) changed.Add("iin");
            if (p.Phone != v.Phone) changed.Add("phone");
            if (p.Address != v.Address) changed.Add("address");
            if (p.Notes != v.Notes) changed.Add("notes");
            if (p.RegionCode != v.RegionCode) changed.Add("regionCode");
            if (p.Locality != v.Locality) changed.Add("locality");
            if (p.Disability != v.Disability) changed.Add("disability");
            return changed;
        }
    }
}
