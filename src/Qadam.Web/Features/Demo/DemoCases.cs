using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;

namespace Qadam.Web.Features.Demo;

/// <summary>
/// Demo case work: the mother's call of issue #9 walked through (Almaty's operator registers her with her consent,
/// opens a case from the call and refers it to the Kostanai centre, which accepted it and works its own case), case
/// loads for the case workers and psychologists of Almaty and Kyzylorda (goals, services, due and overdue follow-ups,
/// one closed case), a referral from Almaty to Kyzylorda waiting past its deadline, and the service directory.
/// </summary>
internal static class DemoCases
{
    public static async Task SeedAsync(QadamDbContext db, UserManager<AppUser> users, BlindIndex index, Organisation almaty, Organisation kyzylorda,
        Organisation kostanai, Random r, DateTimeOffset now, CancellationToken ct)
    {
        async Task<Guid> U(string role, int n) => (await users.FindByEmailAsync(DemoSeeder.Login(role, n)))!.Id;
        var op1 = await U(Roles.Operator, 1);
        var cw1 = await U(Roles.CaseWorker, 1);
        var psy1 = await U(Roles.Psychologist, 1);
        var cw2 = await U(Roles.CaseWorker, 2);
        var psy2 = await U(Roles.Psychologist, 2);
        var cw3 = await U(Roles.CaseWorker, 3);
        var psy3 = await U(Roles.Psychologist, 3);
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        // The mother's call, six weeks ago.
        var called = now.AddDays(-42);
        var mother = new Person
        {
            OrganisationId = almaty.Id, GivenName = "Гульмира", FamilyName = "Сейтказиева", Sex = Sex.Female, DateOfBirth = new DateOnly(1976, 5, 14),
            RegionCode = "KZ-39", Locality = "Костанай", CreatedAt = called, CreatedByUserId = op1, UpdatedAt = called,
            Notes = "Звонила на линию 114 о дочери; согласилась на направление в Костанай.",
        };
        mother.NameDobHash = index.NameAndBirthDate(mother.GivenName, mother.FamilyName, mother.DateOfBirth);
        mother.NameTokens.AddRange(PersonNameToken.Of(mother.Id, index, mother.GivenName, mother.FamilyName));
        db.People.Add(mother);
        db.Consents.Add(new Consent { PersonId = mother.Id, Purpose = ConsentPurpose.Services, GivenBy = ConsentGiver.Person, GivenAt = called, RecordedByUserId = op1 });
        db.Consents.Add(new Consent { PersonId = mother.Id, Purpose = ConsentPurpose.SharingWithOrganisation, TargetOrganisationId = kostanai.Id, GivenBy = ConsentGiver.Person, GivenAt = called, RecordedByUserId = op1 });
        var call = new Contact
        {
            OrganisationId = almaty.Id, HandledByUserId = op1, Channel = ContactChannel.Phone, Line = "114", StartedAt = called, EndedAt = called.AddMinutes(6),
            CallerRelation = CallerRelation.Parent, Caller = new ContactParty { Sex = Sex.Female, AgeBand = AgeBand.From30, RegionCode = "KZ-39", PersonId = mother.Id },
            PersonAtRisk = new ContactParty { Sex = Sex.Female, AgeBand = AgeBand.From18To24, RegionCode = "KZ-39" },
            PersonOfConcern = new ContactParty { Sex = Sex.Male, AgeBand = AgeBand.From25To29, RegionCode = "KZ-39" },
            Categories = "radicalisation-concern,family-relationships", Urgency = ContactUrgency.Medium, Outcome = ContactOutcome.Referral,
            Summary = "Мать сообщает: жених 23-летней дочери приносит ей запрещённую экстремистскую литературу. Дана информация; с согласия — направление в Костанайский центр.",
            CreatedAt = called,
        };
        call.Complete(call.EndedAt!.Value);
        db.Contacts.Add(call);
        var intake = Case(almaty.Id, mother.Id, op1, called.AddMinutes(7), call.Id, null);
        db.Cases.Add(intake);
        var referral = new Referral
        {
            Kind = ReferralKind.Referral, CaseId = intake.Id, PersonId = mother.Id, FromOrganisationId = almaty.Id, ToOrganisationId = kostanai.Id, SentByUserId = op1,
            Reason = "Семья просит консультацию: дочь (23) под влиянием жениха, литература запрещённого движения. Мать готова прийти с дочерью.",
            SentAt = called.AddMinutes(8), DueAt = called.AddDays(3),
        };
        referral.Accept(cw3, called.AddDays(1));
        db.Referrals.Add(referral);
        intake.Note(op1, referral.SentAt, nameof(ReferralKind.Referral), null, kostanai.Name);
        var centre = Case(kostanai.Id, mother.Id, cw3, called.AddDays(1).AddHours(1), null, referral.Id);
        centre.Activate(cw3, called.AddDays(2));
        Assign(centre, [cw3, psy3], cw3, called.AddDays(1).AddHours(1));
        db.Cases.Add(centre);
        Goal(db, centre, "Восстановить доверие и общение матери и дочери", called.AddDays(2));
        Goal(db, centre, "Дочь получает консультацию теолога и психолога", called.AddDays(2), CaseGoalStatus.Achieved);
        Service(db, centre, CaseServiceType.FamilySupport, today.AddDays(-38), kostanai.Id, cw3, "Первая встреча с матерью; план на месяц.");
        Service(db, centre, CaseServiceType.PsychologicalConsultation, today.AddDays(-30), kostanai.Id, psy3, "Индивидуальная консультация дочери.");
        Service(db, centre, CaseServiceType.TheologicalConsultation, today.AddDays(-23), kostanai.Id, cw3, "Встреча с теологом центра.");
        Task(db, centre, CaseTaskKind.FollowUp, "Позвонить матери: как прошла неделя", today.AddDays(-2), cw3, called);
        Task(db, centre, CaseTaskKind.FollowUp, "Контрольная встреча через три месяца", today.AddDays(40), psy3, called);

        // Almaty's own case load: existing registrations of the organisation, with services and follow-ups.
        var almatyPeople = await db.People.Where(p => p.OrganisationId == almaty.Id && p.Id != mother.Id).OrderBy(p => p.CreatedAt).Take(5).ToListAsync(ct);
        var kyzylordaPeople = await db.People.Where(p => p.OrganisationId == kyzylorda.Id).OrderBy(p => p.CreatedAt).Take(3).ToListAsync(ct);
        Load(db, almatyPeople, almaty.Id, cw1, psy1, r, now, today);
        Load(db, kyzylordaPeople, kyzylorda.Id, cw2, psy2, r, now, today);

        // Almaty refers one of them to Kyzylorda; nobody has answered for a week, past the three working days.
        if (almatyPeople.Count > 0)
        {
            var person = almatyPeople[0];
            db.Consents.Add(new Consent { PersonId = person.Id, Purpose = ConsentPurpose.SharingWithOrganisation, TargetOrganisationId = kyzylorda.Id, GivenBy = ConsentGiver.Person, GivenAt = now.AddDays(-8), RecordedByUserId = cw1 });
            var from = db.Cases.Local.First(c => c.PersonId == person.Id);
            db.Referrals.Add(new Referral
            {
                Kind = ReferralKind.Referral, CaseId = from.Id, PersonId = person.Id, FromOrganisationId = almaty.Id, ToOrganisationId = kyzylorda.Id, SentByUserId = cw1,
                Reason = "Семья переехала в Кызылорду; нужна группа поддержки на месте.", SentAt = now.AddDays(-7), DueAt = now.AddDays(-4),
            });
        }

        foreach (var (org, type, region, text) in new[]
        {
            (almaty.Id, CaseServiceType.Counselling, "KZ-75", "Линия 114, консультации по телефону и в чате"),
            (almaty.Id, CaseServiceType.PsychologicalConsultation, "KZ-75", "Психологи центра, индивидуально и в группах"),
            (almaty.Id, CaseServiceType.SupportGroup, "KZ-75", "Еженедельная группа для пострадавших от деструктивных культов"),
            (almaty.Id, CaseServiceType.Employment, "KZ-75", "Стажировки с субсидией на 3 месяца"),
            (kyzylorda.Id, CaseServiceType.FamilySupport, "KZ-43", "Работа с семьями, выезды в районы"),
            (kyzylorda.Id, CaseServiceType.SupportGroup, "KZ-43", "Топтық кездесулер, аптасына бір рет"),
            (kyzylorda.Id, CaseServiceType.Education, "KZ-43", "Семинары для волонтёров и молодёжи"),
            (kostanai.Id, CaseServiceType.FamilySupport, "KZ-39", "Отбасыларға кешенді қолдау"),
            (kostanai.Id, CaseServiceType.PsychologicalConsultation, "KZ-39", "Психолог и кризисная консультация"),
            (kostanai.Id, CaseServiceType.TheologicalConsultation, "KZ-39", "Консультации теолога"),
            (kostanai.Id, CaseServiceType.LegalAid, "KZ-39", "Юридическая помощь семьям вернувшихся"),
        })
            db.ServiceOfferings.Add(new ServiceOffering { OrganisationId = org, Type = type, RegionCode = region, Description = text });
    }

    private static readonly (string Goal, CaseServiceType Service, string Notes, string FollowUp)[] Plans =
    [
        ("Справиться с тревогой о будущем", CaseServiceType.PsychologicalConsultation, "Консультация: тревога, планы на учёбу.", "Повторная консультация"),
        ("Найти работу или обучение", CaseServiceType.Employment, "Анкета на стажировку заполнена.", "Уточнить ответ работодателя"),
        ("Вернуться к общению с семьёй", CaseServiceType.FamilySupport, "Встреча с родителями в центре.", "Созвониться с семьёй"),
        ("Отбасындағы қақтығысты азайту", CaseServiceType.Counselling, "Отбасылық кеңес өтті.", "Қайта хабарласу"),
        ("Участвовать в группе поддержки", CaseServiceType.SupportGroup, "Первое посещение группы.", "Спросить о впечатлениях"),
    ];

    private static void Load(QadamDbContext db, List<Person> people, Guid org, Guid caseworker, Guid psychologist, Random r, DateTimeOffset now, DateOnly today)
    {
        for (var i = 0; i < people.Count; i++)
        {
            var opened = now.AddDays(-(60 - 9 * i));
            var c = Case(org, people[i].Id, caseworker, opened, null, null);
            Assign(c, i % 2 == 0 ? [caseworker, psychologist] : [caseworker], caseworker, opened);
            var plan = Plans[i % Plans.Length];
            if (i != 3) c.Activate(caseworker, opened.AddDays(1));
            Goal(db, c, plan.Goal, opened.AddDays(1));
            Service(db, c, plan.Service, DateOnly.FromDateTime(opened.AddDays(2 + r.Next(0, 3)).UtcDateTime), org, i % 2 == 0 ? psychologist : caseworker, plan.Notes);
            // Due dates spread over overdue, today and coming weeks; the first case's follow-up is three days late.
            Task(db, c, CaseTaskKind.FollowUp, plan.FollowUp, today.AddDays(i == 0 ? -3 : 4 * i), i % 2 == 0 ? psychologist : caseworker, opened);
            if (i == 2) c.Hold(caseworker, now.AddDays(-5));
            if (i == 4) c.Close(CaseClosureReason.GoalsMet, caseworker, now.AddDays(-1));
            db.Cases.Add(c);
        }
    }

    private static Case Case(Guid org, Guid person, Guid by, DateTimeOffset at, Guid? contact, Guid? referral)
    {
        var c = new Case { OrganisationId = org, PersonId = person, OpenedByUserId = by, CreatedAt = at, UpdatedAt = at, ContactId = contact, ReferralId = referral };
        c.Note(by, at, nameof(Domain.Case.Status), null, nameof(CaseStatus.Open));
        return c;
    }

    private static void Assign(Case c, Guid[] workers, Guid by, DateTimeOffset at)
    {
        foreach (var w in workers)
        {
            c.Workers.Add(new CaseAssignment { CaseId = c.Id, UserId = w, AssignedAt = at });
            c.Note(by, at, "Worker", null, w.ToString());
        }
    }

    private static void Goal(QadamDbContext db, Case c, string text, DateTimeOffset at, CaseGoalStatus status = CaseGoalStatus.Open) =>
        db.CaseGoals.Add(new CaseGoal { CaseId = c.Id, Text = text, Status = status, CreatedAt = at });

    private static void Service(QadamDbContext db, Case c, CaseServiceType type, DateOnly on, Guid provider, Guid by, string notes) =>
        db.CaseServices.Add(new CaseService { CaseId = c.Id, Type = type, DeliveredOn = on, ProviderOrganisationId = provider, RecordedByUserId = by, Notes = notes, CreatedAt = new DateTimeOffset(on.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) });

    private static void Task(QadamDbContext db, Case c, CaseTaskKind kind, string title, DateOnly due, Guid to, DateTimeOffset at) =>
        db.CaseTasks.Add(new CaseTask { CaseId = c.Id, Kind = kind, Title = title, DueOn = due, AssignedToUserId = to, CreatedAt = at });
}
