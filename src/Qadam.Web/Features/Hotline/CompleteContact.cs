using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Hotline;

/// <summary>
/// The operator completes an open contact — typically one a telephony system opened when the call started — with the
/// same rules as a new one. A completed contact is not changed again here (409).
/// </summary>
public static class CompleteContact
{
    public sealed record Result(bool Found, Contact? Contact, FieldErrors Errors);

    public sealed class Handler(QadamDbContext db, BlindIndex index, AuditLog audit, TimeProvider clock, Access access)
    {
        public async Task<Result> HandleAsync(Guid id, ContactInput input, CurrentUser user, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.ContactsRecord);
            var contact = await ContactScope.Visible(db, user).FirstOrDefaultAsync(c => c.Id == id, ct);
            if (contact is null) return new(false, null, new FieldErrors());
            var errors = new FieldErrors();
            var regions = await db.Regions.AsNoTracking().Select(r => r.Code).ToListAsync(ct);
            var v = ContactRules.Validate(input, skeleton: false, regions, index, errors);
            if (errors.Any) return new(true, null, errors);
            var now = clock.GetUtcNow();
            v.ApplyTo(contact, now); // nothing is saved if the entity refuses to complete (already completed → 409)
            contact.HandledByUserId = user.Id;
            contact.Unclaimed = false;
            contact.Complete(v.EndedAt ?? now);
            ContactRules.AlertIfInDanger(db, contact, now);
            await audit.SaveWithAuditAsync([ContactRules.Recorded(user, contact)], ct);
            return new(true, contact, errors);
        }
    }
}
