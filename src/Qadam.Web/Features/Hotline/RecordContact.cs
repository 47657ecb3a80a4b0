using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Hotline;

/// <summary>
/// Records a hotline contact. A full contact (channel, caller relation, categories, urgency, outcome) is completed at
/// once; a telephony system may instead open a skeleton when a call starts (call id, line, time, caller's number), which
/// is idempotent on the call id within the organisation. "Immediate danger" alerts the organisation's supervisors.
/// </summary>
public static class RecordContact
{
    /// <param name="Existing">The call id was already known: the existing contact is returned, nothing is written.</param>
    public sealed record Result(Contact? Contact, FieldErrors Errors, bool Existing = false);

    public sealed class Handler(QadamDbContext db, BlindIndex index, AuditLog audit, TimeProvider clock, Access access)
    {
        public async Task<Result> HandleAsync(ContactInput input, CurrentUser user, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.ContactSkeletons);
            var errors = new FieldErrors();
            // The telephony account opens skeletons only: the call id is required and nothing about the call's content is accepted.
            var telephony = !user.Can(Permission.ContactsRecord);
            var callId = Text(input.CallId, "callId", 100, telephony, errors);
            if (telephony)
            {
                foreach (var (field, given) in new (string, bool)[] { ("callerRelation", input.CallerRelation is not null), ("caller", input.Caller is not null),
                    ("personAtRisk", input.PersonAtRisk is not null), ("personOfConcern", input.PersonOfConcern is not null), ("categories", input.Categories is { Count: > 0 }),
                    ("urgency", input.Urgency is not null), ("outcome", input.Outcome is not null), ("summary", input.Summary is not null) })
                    if (given) errors.Add(field, "Validation.SkeletonOnly");
                if (errors.Any) return new(null, errors);
            }
            if (callId is not null && await ExistingAsync(callId, user, ct) is { } known) return new(known, errors, Existing: true);

            var skeleton = callId is not null && input.CallerRelation is null && input.Urgency is null && input.Outcome is null && (input.Categories?.Count ?? 0) == 0;
            var now = clock.GetUtcNow();
            var regions = await db.Regions.AsNoTracking().Select(r => r.Code).ToListAsync(ct);
            var v = ContactRules.Validate(input, skeleton, regions, index, errors);
            if (errors.Any) return new(null, errors);

            var contact = new Contact { OrganisationId = user.OrganisationId, HandledByUserId = user.Id, CallId = callId, CreatedAt = now, Unclaimed = telephony };
            v.ApplyTo(contact, now);
            if (!skeleton) contact.Complete(v.EndedAt ?? now);
            db.Contacts.Add(contact);
            ContactRules.AlertIfInDanger(db, contact, now);
            try
            {
                await audit.SaveWithAuditAsync([ContactRules.Recorded(user, contact)], ct);
            }
            catch (DbUpdateException) when (callId is not null)
            {
                // The same call, sent twice at once: the unique call id lets one in; the other answers with it.
                return await ExistingAsync(callId, user, ct) is { } raced ? new(raced, new FieldErrors(), Existing: true) : throw new InvalidOperationException("contact.call_id_conflict");
            }
            return new(contact, errors);
        }

        private Task<Contact?> ExistingAsync(string callId, CurrentUser user, CancellationToken ct)
        {
            db.ChangeTracker.Clear();
            return db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.OrganisationId == user.OrganisationId && c.CallId == callId, ct);
        }
    }
}
