using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;

namespace Qadam.Web.Features.Demo;

/// <summary>
/// Demo hotline contacts: two weeks of calls per organisation, without names, including repeat callers, an immediate danger
/// and an open call. Summaries are free text as operators write them (Russian, Kazakh, now and then English); a few calls
/// were taken by the organisation's case worker and psychologist, so their hotline page shows work too.
/// </summary>
internal static class DemoHotline
{
    private static readonly (string[] Categories, CallerRelation Relation, AgeBand AtRisk, Sex AtRiskSex, ContactUrgency Urgency, ContactOutcome Outcome, string Summary)[] Calls =
    [
        (["radicalisation-concern", "family-relationships"], CallerRelation.Parent, AgeBand.From18To24, Sex.Female, ContactUrgency.Medium, ContactOutcome.Referral,
            "Мать обеспокоена: жених дочери приносит запрещённую литературу и ограничивает её общение с подругами."),
        (["stress-anxiety", "unemployment"], CallerRelation.Self, AgeBand.From18To24, Sex.Male, ContactUrgency.High, ContactOutcome.Counselling,
            "Жұмысынан айырылған жігіт күйзелісте; мүмкіндіктер талқыланды, қайта хабарласуға келісті."),
        (["destructive-religious-movement"], CallerRelation.Relative, AgeBand.From25To29, Sex.Male, ContactUrgency.Medium, ContactOutcome.Information,
            "Брат перестал общаться с семьёй после вступления в закрытую группу; дана информация о группе поддержки."),
        (["extremism-information"], CallerRelation.Professional, AgeBand.From15To17, Sex.Male, ContactUrgency.Low, ContactOutcome.Information,
            "Мектеп психологы оқушылармен интернеттегі үгіт-насихат туралы қалай сөйлесу керектігін сұрады."),
        (["online-recruitment", "peer-pressure"], CallerRelation.FriendOrPeer, AgeBand.From15To17, Sex.Female, ContactUrgency.High, ContactOutcome.Referral,
            "Подруга сообщает, что девушку через интернет приглашают выехать за границу."),
        (["returnee-family", "access-to-services"], CallerRelation.Self, AgeBand.From25To29, Sex.Female, ContactUrgency.Medium, ContactOutcome.Referral,
            "Оралған ана құжаттар мен балаларының мектебі туралы сұрады."),
        (["depression"], CallerRelation.Anonymous, AgeBand.From18To24, Sex.Male, ContactUrgency.Low, ContactOutcome.Counselling,
            "Anonymous caller, apathy and worry about the future; counselling given."),
        (["suicidal-thoughts"], CallerRelation.Self, AgeBand.From18To24, Sex.Female, ContactUrgency.ImmediateDanger, ContactOutcome.EmergencyServices,
            "Абонент в остром кризисе; разговор не прерывался, скорая вызвана с её согласия."),
    ];

    public static void Seed(QadamDbContext db, BlindIndex index, Organisation org, Guid operatorId, Guid? telephonyId, IReadOnlyList<Guid> colleagues, string regionCode, Random r, DateTimeOffset now)
    {
        var repeatPhone = index.Phone("+7701" + r.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var k = 0; k < 14; k++)
        {
            var call = Calls[k % Calls.Length];
            var started = now.AddDays(-(13 - k)).AddHours(-r.Next(1, 8)).AddMinutes(-r.Next(0, 60));
            var contact = new Contact
            {
                OrganisationId = org.Id, HandledByUserId = k % 7 == 3 && colleagues.Count > 0 ? colleagues[k / 7 % colleagues.Count] : operatorId, Channel = k % 5 == 4 ? ContactChannel.Chat : ContactChannel.Phone, Line = "114",
                // Three calls from the same (hashed) number: the operator sees a repeat caller.
                CallerHash = k % 4 == 0 ? repeatPhone : index.Phone("+7702" + r.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                StartedAt = started, EndedAt = started.AddMinutes(r.Next(4, 25)), CallerRelation = call.Relation,
                Caller = new ContactParty { Sex = call.Relation == CallerRelation.Parent ? Sex.Female : call.AtRiskSex, AgeBand = call.Relation == CallerRelation.Self ? call.AtRisk : AgeBand.From30, RegionCode = regionCode },
                PersonAtRisk = new ContactParty { Sex = call.AtRiskSex, AgeBand = call.AtRisk, RegionCode = regionCode },
                PersonOfConcern = call.Categories[0] == "radicalisation-concern" ? new ContactParty { Sex = Sex.Male, AgeBand = AgeBand.From25To29 } : new ContactParty(),
                Categories = string.Join(",", call.Categories), Urgency = call.Urgency, Outcome = call.Outcome,
                Summary = call.Summary, CreatedAt = started,
            };
            contact.Complete(contact.EndedAt!.Value);
            db.Contacts.Add(contact);
            if (call.Urgency == ContactUrgency.ImmediateDanger)
                db.Notifications.Add(new Notification { OrganisationId = org.Id, Kind = "immediateDanger", SubjectId = contact.Id, CreatedAt = started, Text = $"Contact {contact.Id} was marked as immediate danger." });
        }
        // A call the telephony system opened a few minutes ago, waiting for the operator to complete it.
        db.Contacts.Add(new Contact
        {
            OrganisationId = org.Id, HandledByUserId = telephonyId ?? operatorId, Unclaimed = telephonyId is not null, Channel = ContactChannel.Phone, Line = "114", CallId = "demo-" + Guid.NewGuid().ToString("N")[..8],
            CallerHash = repeatPhone, StartedAt = now.AddMinutes(-3), CreatedAt = now.AddMinutes(-3),
        });
    }
}
