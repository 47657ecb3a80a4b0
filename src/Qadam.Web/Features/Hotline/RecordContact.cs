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
            await access.DemandAsync(user, Permission.ContactsRecord);
            var errors = new FieldErrors();
            var callId = Text(input.CallId, "callId", 100, false, errors);
            if (callId is not null && await ExistingAsync(callId, user, ct) is { } known) return new(known, errors, Existing: true);

            var skeleton = callId is not null && input.CallerRelation is null && input.Urgency is null && input.Outcome is null && (input.Categories?.Count ?? 0) == 0;
            var now = clock.GetUtcNow();
            var channel = Choice<ContactChannel>(input.Channel, "channel", true, errors, "Validation.ContactChannel");
            var line = Text(input.Line, "line", 40, false, errors);
            var started = Instant(input.StartedAt, "startedAt", errors) ?? now;
            var ended = Instant(input.EndedAt, "endedAt", errors);
            if (ended < started) errors.Add("endedAt", "Validation.EndBeforeStart");
            var relation = Choice<CallerRelation>(input.CallerRelation, "callerRelation", !skeleton, errors, "Validation.CallerRelation");
            var regions = await db.Regions.AsNoTracking().Select(r => r.Code).ToListAsync(ct);
            var caller = Party(input.Caller, "caller", regions, errors);
            var atRisk = Party(input.PersonAtRisk, "personAtRisk", regions, errors);
            var concern = Party(input.PersonOfConcern, "personOfConcern", regions, errors);
            var categories = input.Categories ?? [];
            if (categories.Count == 0 && !skeleton) errors.Add("categories", "Validation.Required");
            if (categories.Count > 10) errors.Add("categories", "Validation.TooLong");
            for (var i = 0; i < categories.Count; i++)
                if (ContactCategories.Find(categories[i]) is null) errors.Add($"categories[{i}]", "Validation.ContactCategory");
            var urgency = Choice<ContactUrgency>(input.Urgency, "urgency", !skeleton, errors, "Validation.ContactUrgency");
            var outcome = Choice<ContactOutcome>(input.Outcome, "outcome", !skeleton, errors, "Validation.ContactOutcome");
            var summary = Text(input.Summary, "summary", 4000, false, errors, multiline: true);
            var callerHash = index.Phone(input.CallerPhone);
            if (callerHash is null && !string.IsNullOrWhiteSpace(input.CallerPhone)) errors.Add("callerPhone", "Validation.Phone");
            if (errors.Any) return new(null, errors);

            var contact = new Contact
            {
                OrganisationId = user.OrganisationId, HandledByUserId = user.Id, Channel = channel!.Value, Line = line, CallId = callId, CallerHash = callerHash,
                StartedAt = started, EndedAt = ended, CallerRelation = relation, Caller = caller, PersonAtRisk = atRisk, PersonOfConcern = concern,
                Categories = string.Join(',', categories.Select(c => c.Trim()).Distinct()), Urgency = urgency, Outcome = outcome, Summary = summary, CreatedAt = now,
            };
            if (!skeleton) contact.Complete(ended ?? now);
            db.Contacts.Add(contact);
            if (urgency == ContactUrgency.ImmediateDanger)
                db.Notifications.Add(new Notification
                {
                    OrganisationId = user.OrganisationId, Kind = "immediateDanger", SubjectId = contact.Id, CreatedAt = now,
                    Text = $"Contact {contact.Id} was marked as immediate danger.",
                });
            try
            {
                await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Contact_Recorded, nameof(Contact), contact.Id.ToString(),
                    new { channel = ContactNames.Of(contact.Channel), status = skeleton ? "open" : "completed", categories = contact.CategoryCodes.Count, urgent = urgency == ContactUrgency.ImmediateDanger })], ct);
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

        private static DateTimeOffset? Instant(string? value, string field, FieldErrors errors)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t.ToUniversalTime();
            errors.Add(field, "Validation.DateTime");
            return null;
        }

        private static ContactParty Party(PartyInput? input, string field, IReadOnlyCollection<string> regions, FieldErrors errors)
        {
            var party = new ContactParty();
            if (input is null) return party;
            if (!string.IsNullOrWhiteSpace(input.Sex))
                party.Sex = input.Sex.Trim().ToLowerInvariant() switch { "female" => Sex.Female, "male" => Sex.Male, _ => Invalid<Sex>($"{field}.sex", "Validation.Sex", errors) };
            if (!string.IsNullOrWhiteSpace(input.AgeBand))
                party.AgeBand = AgeBands.Parse(input.AgeBand) ?? Invalid<AgeBand>($"{field}.ageBand", "Validation.AgeBand", errors);
            if (!string.IsNullOrWhiteSpace(input.RegionCode))
            {
                if (regions.Contains(input.RegionCode.Trim())) party.RegionCode = input.RegionCode.Trim();
                else errors.Add($"{field}.regionCode", "Validation.Region");
            }
            return party;
        }

        private static T? Invalid<T>(string field, string code, FieldErrors errors) where T : struct
        {
            errors.Add(field, code);
            return null;
        }
    }
}
