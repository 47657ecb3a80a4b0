using System.Globalization;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Web.Platform;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Hotline;

/// <summary>A contact's fields, validated (each error names its field), ready to apply to a new or an open contact.</summary>
public sealed record ContactValues(ContactChannel Channel, string? Line, string? CallerHash, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
    CallerRelation? CallerRelation, ContactParty Caller, ContactParty PersonAtRisk, ContactParty PersonOfConcern, IReadOnlyList<string> Categories,
    ContactUrgency? Urgency, ContactOutcome? Outcome, string? Summary)
{
    public void ApplyTo(Contact contact, DateTimeOffset now)
    {
        contact.Channel = Channel;
        contact.Line = Line ?? contact.Line;
        contact.CallerHash = CallerHash ?? contact.CallerHash;
        contact.StartedAt = StartedAt ?? (contact.StartedAt == default ? now : contact.StartedAt);
        contact.EndedAt = EndedAt ?? contact.EndedAt;
        contact.CallerRelation = CallerRelation;
        contact.Caller = Caller;
        contact.PersonAtRisk = PersonAtRisk;
        contact.PersonOfConcern = PersonOfConcern;
        contact.Categories = string.Join(',', Categories);
        contact.Urgency = Urgency;
        contact.Outcome = Outcome;
        contact.Summary = Summary;
    }
}

public static class ContactRules
{
    /// <summary>The audit event of a recorded or completed contact: channel, status and counts, never its content.</summary>
    public static Platform.Auditing.AuditEntry Recorded(Platform.Security.CurrentUser user, Contact contact) =>
        new(user.Actor, Qadam.Auditing.AuditAction.Contact_Recorded, nameof(Contact), contact.Id.ToString(), new
        {
            channel = ContactNames.Of(contact.Channel), status = contact.Status == ContactStatus.Completed ? "completed" : "open",
            categories = contact.CategoryCodes.Count, urgent = contact.Urgency == ContactUrgency.ImmediateDanger,
        });

    /// <summary>"Immediate danger" alerts the organisation's supervisors (home page), naming the contact, never its content.</summary>
    public static void AlertIfInDanger(Qadam.Data.QadamDbContext db, Contact contact, DateTimeOffset now)
    {
        if (contact.Urgency != ContactUrgency.ImmediateDanger) return;
        db.Notifications.Add(new Notification
        {
            OrganisationId = contact.OrganisationId, Kind = "immediateDanger", SubjectId = contact.Id, CreatedAt = now,
            Text = $"Contact {contact.Id} was marked as immediate danger.",
        });
    }

    /// <param name="skeleton">A telephony system's opening of a call: only channel, line, time and number are needed.</param>
    public static ContactValues Validate(ContactInput input, bool skeleton, IReadOnlyCollection<string> regions, BlindIndex index, FieldErrors errors)
    {
        var channel = Choice<ContactChannel>(input.Channel, "channel", true, errors, "Validation.ContactChannel");
        var line = Text(input.Line, "line", 40, false, errors);
        var started = Instant(input.StartedAt, "startedAt", errors);
        var ended = Instant(input.EndedAt, "endedAt", errors);
        if (ended < started) errors.Add("endedAt", "Validation.EndBeforeStart");
        var relation = Choice<CallerRelation>(input.CallerRelation, "callerRelation", !skeleton, errors, "Validation.CallerRelation");
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

        return new(channel ?? ContactChannel.Other, line, callerHash, started, ended, relation, caller, atRisk, concern,
            categories.Select(c => c.Trim()).Distinct().ToList(), urgency, outcome, summary);
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
