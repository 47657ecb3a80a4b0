using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Hotline;

public sealed record LinkPartyInput(Guid? PersonId);

/// <summary>
/// Links a party of a contact (caller, person at risk, person of concern) to a registered person the organisation
/// reaches, only once that person (or a guardian) has consented to services. Until then parties stay descriptions.
/// </summary>
public static class LinkParty
{
    public static readonly string[] Parties = ["caller", "personAtRisk", "personOfConcern"];

    public sealed record Result(bool Found, FieldErrors Errors);

    public sealed class Handler(QadamDbContext db, AuditLog audit, Access access)
    {
        public async Task<Result> HandleAsync(Guid contactId, string party, LinkPartyInput input, CurrentUser user, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.ContactsRecord);
            var contact = await ContactScope.Visible(db, user).FirstOrDefaultAsync(c => c.Id == contactId, ct);
            if (contact is null) return new(false, new FieldErrors());
            var errors = new FieldErrors();
            var target = party switch
            {
                "caller" => contact.Caller,
                "personAtRisk" => contact.PersonAtRisk,
                "personOfConcern" => contact.PersonOfConcern,
                _ => null,
            };
            if (target is null) errors.Add("party", "Validation.Party");
            if (input.PersonId is not { } personId) return new(true, errors.Add("personId", "Validation.Required"));
            var person = await PersonScope.Ordinary(db).AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
            if (person is null) errors.Add("personId", "Validation.PersonNotFound");
            else if (!await db.Consents.AnyAsync(c => c.PersonId == personId && c.Purpose == ConsentPurpose.Services && c.WithdrawnAt == null, ct))
                errors.Add("personId", "Validation.ServicesConsentMissing");
            if (errors.Any) return new(true, errors);
            target!.PersonId = personId;
            target.Sex ??= person!.Sex;
            target.RegionCode ??= person!.RegionCode;
            await audit.SaveWithAuditAsync([AuditEntry.About(person!, user.Actor, AuditAction.ContactParty_Linked, new { contactId, party })], ct);
            return new(true, errors);
        }
    }
}

/// <summary>
/// For an open contact from a repeat caller: copies the parties' descriptions (sex, age band, region, relation) from
/// the caller's last contact in the organisation, so the operator does not ask again. Links to people are not copied.
/// </summary>
public static class CopyParties
{
    public sealed class Handler(QadamDbContext db, AuditLog audit, Access access)
    {
        /// <returns>null when the contact is not visible; false when there is no earlier contact to copy from.</returns>
        public async Task<bool?> HandleAsync(Guid contactId, CurrentUser user, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.ContactsRecord);
            var contact = await ContactScope.Visible(db, user).FirstOrDefaultAsync(c => c.Id == contactId, ct);
            if (contact is null) return null;
            if (contact.Status == ContactStatus.Completed) throw new DomainException("contact.completed", "This contact is already completed.");
            if (contact.CallerHash is null) return false;
            var last = await db.Contacts.AsNoTracking()
                .Where(c => c.OrganisationId == contact.OrganisationId && c.CallerHash == contact.CallerHash && c.Id != contact.Id && c.StartedAt <= contact.StartedAt)
                .OrderByDescending(c => c.StartedAt).FirstOrDefaultAsync(ct);
            if (last is null) return false;
            static ContactParty Copy(ContactParty p) => new() { Sex = p.Sex, AgeBand = p.AgeBand, RegionCode = p.RegionCode };
            contact.Caller = Copy(last.Caller);
            contact.PersonAtRisk = Copy(last.PersonAtRisk);
            contact.PersonOfConcern = Copy(last.PersonOfConcern);
            contact.CallerRelation ??= last.CallerRelation;
            await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Contact_Recorded, nameof(Contact), contact.Id.ToString(), new { copiedPartiesFrom = last.Id })], ct);
            return true;
        }
    }
}
