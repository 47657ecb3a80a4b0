using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Web.Platform;
using Qadam.Web.Features.People;
using Qadam.Web.Platform.Auditing;

namespace Qadam.Web.Features.Demo;

/// <summary>
/// Synthetic demo data: two regions' organisations, a user for every role in two organisations, and a few
/// hundred synthetic young people. Refuses to run outside the demo/development environments.
/// </summary>
public sealed class DemoSeeder(QadamDbContext db, UserManager<AppUser> users, BlindIndex index, AuditLog audit, TimeProvider clock, IHostEnvironment environment)
{
    public const string Password = "Demo-2026!";
    public const string Domain = "demo.qadam.kz";

    public static string Login(string role, int n) => $"{role}{n}@{Domain}";

    /// <summary>The roles of the demo's third organisation, the Kostanai centre that receives referred cases.</summary>
    public static readonly IReadOnlyList<string> Kostanai = [Roles.CaseWorker, Roles.Psychologist, Roles.Supervisor];

    public async Task<bool> SeedIfEmptyAsync(int people = 300, CancellationToken ct = default)
    {
        if (!QadamServices.IsDemoEnvironment(environment))
            throw new InvalidOperationException($"Demo data can only be seeded in a demo or development environment, not '{environment.EnvironmentName}'.");
        if (await db.Organisations.AnyAsync(ct) || await db.Users.AnyAsync(ct)) return false;
        db.UseScope(AccessScope.System); // seeding writes and links records of every organisation

        var now = clock.GetUtcNow();
        var orgs = new[]
        {
            new Organisation { Name = "Almaty Youth Support Centre", Kind = OrganisationKind.SupportCentre, RegionCode = "KZ-75", CreatedAt = now },
            new Organisation { Name = "Kyzylorda Youth Initiatives NGO", Kind = OrganisationKind.Ngo, RegionCode = "KZ-43", CreatedAt = now },
            new Organisation { Name = "UNDP Kazakhstan", Kind = OrganisationKind.UnOffice, RegionCode = "KZ-71", CreatedAt = now },
            new Organisation { Name = "Kyzylorda Regional Akimat, Youth Policy Department", Kind = OrganisationKind.GovernmentBody, RegionCode = "KZ-43", CreatedAt = now },
            new Organisation { Name = "Kostanai Family Support Centre", Kind = OrganisationKind.SupportCentre, RegionCode = "KZ-39", CreatedAt = now },
        };
        db.Organisations.AddRange(orgs);
        await db.SaveChangesAsync(ct);

        // Organisations 1 and 2 have a user of every role; the Kostanai centre (number 3) the ones who take referred cases.
        foreach (var (n, org, roles) in new[] { (1, orgs[0], Roles.All), (2, orgs[1], Roles.All), (3, orgs[4], Kostanai) })
            foreach (var role in roles)
            {
                var email = Login(role, n);
                var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, OrganisationId = org.Id, DisplayName = $"{role} {n} (demo)" };
                var result = await users.CreateAsync(user, Password);
                if (!result.Succeeded) throw new InvalidOperationException("Demo user could not be created: " + string.Join(", ", result.Errors.Select(e => e.Code)));
                await users.AddToRoleAsync(user, role);
            }

        var caseworkers = await db.Users.Where(u => u.Email!.StartsWith("caseworker")).OrderBy(u => u.Email).Select(u => u.Id).Take(2).ToListAsync(ct);
        var random = new Random(2026);
        var entries = new List<AuditEntry>();
        var created = new List<Person>(people);
        for (var i = 0; i < people; i++)
        {
            var orgIndex = i % 2;
            var person = SyntheticPerson(random, i, orgs[orgIndex], caseworkers[orgIndex], now);
            db.People.Add(person);
            created.Add(person);
            entries.Add(AuditEntry.About(person, new Actor(null, "demo-seed", orgs[orgIndex].Id, null), AuditAction.Person_Created, new { source = "demo" }));
            foreach (var consent in SyntheticConsents(random, person, caseworkers[orgIndex], now)) db.Consents.Add(consent);
        }
        await audit.SaveWithAuditAsync(entries, ct);
        await SeedSchemeAsync(orgs[0], created, random, now, ct);
        // Its own random sequence, so the hotline's demo calls never change the scheme's demo data.
        var calls = new Random(114);
        for (var n = 1; n <= 2; n++)
        {
            var op = await users.FindByEmailAsync(Login(Roles.Operator, n));
            var colleagues = new List<Guid>();
            foreach (var role in new[] { Roles.CaseWorker, Roles.Psychologist })
                if (await users.FindByEmailAsync(Login(role, n)) is { } colleague) colleagues.Add(colleague.Id);
            var telephony = await users.FindByEmailAsync(Login(Roles.Telephony, n));
            if (op is not null) DemoHotline.Seed(db, index, orgs[n - 1], op.Id, telephony?.Id, colleagues, orgs[n - 1].RegionCode ?? "KZ-75", calls, now);
        }
        await db.SaveChangesAsync(ct);
        await DemoCases.SeedAsync(db, users, index, orgs[0], orgs[1], orgs[4], new Random(9), now, ct);
        await db.SaveChangesAsync(ct);
        await DemoPsychosocial.SeedAsync(db, users, index, orgs[0], orgs[1], orgs[4], new Random(10), now, ct);
        await db.SaveChangesAsync(ct);
        await DemoReports.SeedAsync(db, clock, orgs[0], orgs[1], new Random(12), now, ct);
        return true;
    }

    /// <summary>Demo employers as an Almaty programme writes them (names and positions in Russian, skills as coordinators type them).</summary>
    private static readonly (string Name, EmployerType Type, string Sector, string Title, string Skills, int Slots, decimal Subsidy)[] DemoEmployers =
    [
        ("ТОО «Нан үйі»", EmployerType.PrivateBusiness, "hospitality", "Ученик пекаря", "выпечка,гигиена", 3, 85000),
        ("СТО «Алатау Авто»", EmployerType.PrivateBusiness, "services", "Ученик автомеханика", "механика,вождение", 2, 90000),
        ("Аппарат акима Медеуского района", EmployerType.LocalGovernmentBody, "public", "Помощник делопроизводителя", "компьютер,документы", 2, 80000),
        ("Швейный цех «Жетісу»", EmployerType.Enterprise, "manufacturing", "Ученица швеи", "шитьё", 4, 85000),
        ("АО «Түрксіб Логистика»", EmployerType.Enterprise, "transport", "Помощник кладовщика", "вождение,учёт товаров", 3, 90000),
        ("IT-хаб «Бостандық»", EmployerType.PrivateBusiness, "it", "Младший специалист техподдержки", "компьютер,английский", 2, 95000),
        ("Семейная поликлиника Ауэзовского района", EmployerType.Enterprise, "health", "Помощник по уходу", "уход,гигиена", 2, 85000),
        ("ОФ «Жас Дарын»", EmployerType.CivilSocietyOrganisation, "education", "Помощник молодёжного работника", "общение,компьютер", 2, 80000),
    ];

    /// <summary>Employers of Almaty Region (Konaev, Kaskelen), whose winter cohort is oversubscribed: the coordinator draws it by lottery.</summary>
    private static readonly (string Name, EmployerType Type, string Sector, string Title, string Skills, int Slots, decimal Subsidy, int Locality)[] RegionEmployers =
    [
        ("ТОО «Қонаев Агро»", EmployerType.PrivateBusiness, "agriculture", "Помощник агронома", "компьютер,уход", 3, 80000, 0),
        ("Каскеленский колледж сервиса", EmployerType.Enterprise, "services", "Помощник администратора", "общение,документы", 2, 80000, 1),
    ];

    private static readonly string[] MentorNames = ["Гульмира Ахметова", "Серик Жумабаев", "Алия Касымова", "Бахыт Оспанов", "Ольга Ким", "Нурлан Сапаров", "Айжан Серикбаева", "Ермек Толеуов", "Динара Исаева", "Максим Петров"];
    private static readonly string[] DemoSkills = ["выпечка", "гигиена", "механика", "вождение", "компьютер", "документы", "шитьё", "учёт товаров", "английский", "уход", "общение"];
    /// <summary>The demo's cohorts, named as the programme names them.</summary>
    public const string SpringCohort = "Весна-2026", AutumnCohort = "Осень-2026", WinterCohort = "Зима-2027";

    /// <summary>
    /// A demo apprenticeship scheme for the first organisation: employers with positions and trained mentors in Almaty's
    /// districts; the spring cohort, oversubscribed and drawn by lottery (plan, seed and hash recorded as Qadam records a
    /// draw), its winners placed and completed, those not drawn followed up as the randomised comparison group; the autumn
    /// cohort waiting to be matched; and in Almaty Region an oversubscribed winter cohort for the coordinator to draw.
    /// The first demo employer account is linked to the first employer.
    /// </summary>
    /// <remarks>Deterministic for a given date: people are taken in the order they were created and the applicants' ids
    /// come from their own seeded sequence, so the lottery (which ranks entrants by id) draws the same winners in every
    /// run; the comparison group's completion follow-up reaches three in four, so its counts are never a suppressed 1–4.</remarks>
    private async Task SeedSchemeAsync(Organisation org, IReadOnlyList<Person> created, Random r, DateTimeOffset now, CancellationToken ct)
    {
        var districts = await db.Localities.Where(l => l.RegionCode == "KZ-75").OrderBy(l => l.Id).ToListAsync(ct);
        if (districts.Count == 0) return;
        var employers = new List<(Employer Employer, Position Position)>();
        for (var k = 0; k < DemoEmployers.Length; k++)
        {
            var d = DemoEmployers[k];
            var locality = districts[(k + 1) % districts.Count];
            var e = new Employer { OrganisationId = org.Id, Name = d.Name, Type = d.Type, Sector = d.Sector, RegionCode = "KZ-75", LocalityId = locality.Id, ContactPerson = MentorNames[^(1 + k % 3)] };
            var p = new Position { EmployerId = e.Id, Title = d.Title, Sector = d.Sector, RequiredSkills = d.Skills, LocalityId = locality.Id, Slots = d.Slots, MonthlySubsidy = d.Subsidy, Project = k % 2 == 0 ? "ПРООН: профилактика экстремизма 2026" : "Акимат: занятость молодёжи" };
            e.Mentors.Add(new Mentor { EmployerId = e.Id, Name = MentorNames[k % MentorNames.Length], Capacity = 2, TrainingDone = true, TrainedOn = new DateOnly(2026, 2, 10) });
            if (k % 3 == 0) e.Mentors.Add(new Mentor { EmployerId = e.Id, Name = MentorNames[(k + 5) % MentorNames.Length], Capacity = 1, TrainingDone = k != 3 });
            db.Employers.Add(e);
            db.Positions.Add(p);
            employers.Add((e, p));
        }
        var employerUser = await db.Users.FirstOrDefaultAsync(u => u.Email == Login(Roles.Employer, 1), ct);
        if (employerUser is not null) db.EmployerAccounts.Add(new EmployerAccount { UserId = employerUser.Id, EmployerId = employers[0].Employer.Id });

        var people = created.Where(p => p.OrganisationId == org.Id && p.DateOfBirth is { } b && b <= DateOnly.FromDateTime(now.UtcDateTime).AddYears(-16)).ToList();
        var applicantIds = new Random(75);
        Guid NextApplicantId()
        {
            Span<byte> bytes = stackalloc byte[16];
            applicantIds.NextBytes(bytes);
            bytes[7] = (byte)(bytes[7] & 0x0F | 0x40); // a version-4 (random) id
            bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
            return new Guid(bytes);
        }
        var earlier = people.Take(people.Count / 3).ToList();
        var waiting = people.Skip(people.Count / 3).Take(40).ToList();
        var spare = people.Skip(people.Count / 3 + 40 + 30).ToList();
        SchemeApplicant Applicant(Person p, string cohort, DateOnly applied, string region = "KZ-75", IReadOnlyList<Locality>? places = null) => new()
        {
            Id = NextApplicantId(), OrganisationId = org.Id, PersonId = p.Id, AppliedOn = applied, Cohort = cohort, Education = (Education)(2 + r.Next(3)),
            Skills = string.Join(',', DemoSkills.OrderBy(_ => r.Next()).Take(1 + r.Next(3))),
            PreferredSectors = string.Join(',', Sectors.All.Where(x => DemoEmployers.Any(d => d.Sector == x) || RegionEmployers.Any(d => d.Sector == x)).OrderBy(_ => r.Next()).Take(2 + r.Next(2))),
            LocalityId = (places ?? districts)[r.Next((places ?? districts).Count)].Id, RegionCode = region, MaxTravelKm = new[] { 5, 10, 15, 25 }[r.Next(4)],
        };
        var coordinator = await db.Users.Where(u => u.Email == Login(Roles.Coordinator, 1)).Select(u => u.Id).FirstOrDefaultAsync(ct);
        var start = new DateOnly(2026, 3, 2);
        var springEnd = start.AddMonths(3);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // Consent to evaluation is asked of every applicant at intake; most give it (its own random sequence, so the rest
        // of the demo scheme does not change).
        var asked = new Random(2026);
        void AskEvaluation(Person p)
        {
            if (asked.NextDouble() < 0.85 && !db.Consents.Local.Any(c => c.PersonId == p.Id && c.Purpose == ConsentPurpose.Evaluation && c.WithdrawnAt == null))
                db.Consents.Add(new Consent { PersonId = p.Id, Purpose = ConsentPurpose.Evaluation, GivenBy = ConsentGiver.Person, GivenAt = new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero), RecordedByUserId = coordinator });
        }

        // The spring cohort was oversubscribed and drawn by lottery (issue #11), stratified by region and sex, from a locked
        // plan: the winners were placed; those not drawn were followed up from the cohort's planned end, with their consent
        // to follow-up contact — the randomised comparison group of the scheme's own evaluation.
        var pool = earlier.Concat(people.Skip(people.Count / 3 + waiting.Count).Take(30)).ToList();
        var springApplicants = pool.Select(p => (Person: p, Applicant: Applicant(p, SpringCohort, new DateOnly(2026, 2, 1)))).ToList();
        var entrants = springApplicants.Select(x => new Qadam.Statistics.LotteryEntrant(x.Applicant.Id.ToString(), $"KZ-75|{x.Person.Sex.ToString().ToLowerInvariant()}")).ToList();
        var lotterySeed = 20260215L;
        var places = earlier.Count;
        var springDraw = entrants.Count > places && places > 0 ? Qadam.Statistics.Lottery.Draw(entrants, places, (ulong)lotterySeed) : null;
        var winners = springDraw?.Drawn.ToHashSet() ?? springApplicants.Select(x => x.Applicant.Id.ToString()).ToHashSet();
        if (springDraw is not null)
        {
            var lottery = new CohortLottery
            {
                OrganisationId = org.Id, RegionCode = "KZ-75", Cohort = SpringCohort, StartsOn = start, Places = places, Seed = lotterySeed, PlanHash = springDraw.PlanHash,
                LockedByUserId = coordinator, LockedAt = new DateTimeOffset(2026, 2, 16, 5, 0, 0, TimeSpan.Zero),
            };
            lottery.MarkDrawn(coordinator, new DateTimeOffset(2026, 2, 16, 5, 30, 0, TimeSpan.Zero));
            db.CohortLotteries.Add(lottery);
            var rank = springDraw.WaitingList.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i + 1);
            foreach (var e in entrants)
                db.LotteryEntries.Add(new LotteryEntry { LotteryId = lottery.Id, ApplicantId = Guid.Parse(e.Id), Stratum = e.Stratum, Drawn = winners.Contains(e.Id), WaitingRank = rank.TryGetValue(e.Id, out var k) ? k : null });
        }
        var placedIndex = 0;
        var comparisonIndex = 0;
        foreach (var (p, a) in springApplicants)
        {
            db.SchemeApplicants.Add(a);
            AskEvaluation(p);
            if (!winners.Contains(a.Id.ToString()))
            {
                if (!db.Consents.Local.Any(c => c.PersonId == p.Id && c.Purpose == ConsentPurpose.FollowUpContact && c.WithdrawnAt == null))
                    db.Consents.Add(new Consent { PersonId = p.Id, Purpose = ConsentPurpose.FollowUpContact, GivenBy = ConsentGiver.Person, GivenAt = new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero), RecordedByUserId = coordinator });
                var c = comparisonIndex++;
                foreach (var f in Scheme.PlacementService.FollowUpSchedule(a.Id, springEnd))
                {
                    var draw = r.NextDouble();
                    // Three in four are reached at completion (every fourth is lost), 60% at the later milestones.
                    if (f.DueOn <= today && (f.Milestone == FollowUpMilestone.Completion ? c % 4 != 3 : draw < 0.6))
                    {
                        f.RecordedOn = f.DueOn.AddDays(r.Next(0, 14));
                        f.Employment = r.NextDouble() < 0.28 ? EmploymentStatus.FullTime : (EmploymentStatus)(2 + r.Next(4));
                        f.SameEmployer = null;
                        f.IncomeBand = f.Employment is EmploymentStatus.FullTime ? "85to150k" : "none";
                    }
                    db.FollowUps.Add(f);
                }
                continue;
            }
            var k = placedIndex++;
            a.Status = ApplicantStatus.Placed;
            var (employer, position) = employers[k % employers.Count];
            var placement = Placement.Start(a.Id, position.Id, start, 3, employer.Id);
            placement.MentorId = employer.Mentors[0].Id;
            db.Placements.Add(placement);
            var subsidies = Scheme.PlacementService.SubsidySchedule(placement, position).ToList();
            if (k % 7 == 3)
            {
                placement.End(PlacementStatus.DroppedOut, start.AddDays(40), "Переехала с семьёй в другой город");
                foreach (var s in subsidies.Where(s => s.Month > placement.EndsOn)) s.Withhold("Стажировка прекращена досрочно: выбыла");
            }
            else
            {
                placement.Complete(placement.PlannedEndOn);
                foreach (var f in Scheme.PlacementService.FollowUpSchedule(a.Id, placement.EndsOn))
                {
                    if (f.DueOn <= today && r.NextDouble() < (f.Milestone == FollowUpMilestone.Completion ? 0.9 : 0.75))
                    {
                        f.RecordedOn = f.DueOn.AddDays(r.Next(0, 10));
                        f.Employment = r.NextDouble() < 0.45 ? EmploymentStatus.FullTime : (EmploymentStatus)(2 + r.Next(4));
                        f.SameEmployer = f.Employment is EmploymentStatus.FullTime or EmploymentStatus.PartTime ? r.NextDouble() < 0.6 : null;
                        f.IncomeBand = f.Employment is EmploymentStatus.FullTime ? "85to150k" : "none";
                    }
                    db.FollowUps.Add(f);
                }
            }
            foreach (var s in subsidies.Where(s => s.Status == SubsidyStatus.Due && s.Month <= placement.EndsOn)) s.Pay(s.AmountDue, s.Month.AddMonths(1));
            db.SubsidyPayments.AddRange(subsidies);
        }
        foreach (var p in waiting) db.SchemeApplicants.Add(Applicant(p, AutumnCohort, new DateOnly(2026, 10, 1)));

        // Almaty Region's winter cohort: more eligible applicants than places, waiting for the coordinator's lottery.
        var regional = await db.Localities.Where(l => l.RegionCode == "KZ-19").OrderBy(l => l.Id).ToListAsync(ct);
        if (regional.Count >= 2)
        {
            foreach (var d in RegionEmployers)
            {
                var locality = regional[d.Locality];
                var e = new Employer { OrganisationId = org.Id, Name = d.Name, Type = d.Type, Sector = d.Sector, RegionCode = "KZ-19", LocalityId = locality.Id, ContactPerson = MentorNames[d.Locality + 3] };
                e.Mentors.Add(new Mentor { EmployerId = e.Id, Name = MentorNames[d.Locality + 6], Capacity = d.Slots, TrainingDone = true, TrainedOn = new DateOnly(2026, 9, 1) });
                db.Employers.Add(e);
                db.Positions.Add(new Position { EmployerId = e.Id, Title = d.Title, Sector = d.Sector, RequiredSkills = d.Skills, LocalityId = locality.Id, Slots = d.Slots, MonthlySubsidy = d.Subsidy, Project = "Акимат: занятость молодёжи" });
            }
            foreach (var p in spare.Take(16))
            {
                var a = Applicant(p, WinterCohort, new DateOnly(2026, 11, 20), "KZ-19", regional);
                a.MaxTravelKm = 100; // Konaev and Kaskelen are about 85 km apart: every winner can reach every place
                db.SchemeApplicants.Add(a);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static readonly string[] KazakhWomen = ["Меруерт", "Айгерім", "Әлия", "Жанар", "Аружан", "Дана", "Гүлнар", "Сәуле", "Назерке", "Інкәр", "Балнұр", "Жансая"];
    private static readonly string[] KazakhMen = ["Ерлан", "Нұрлан", "Қуаныш", "Дәурен", "Асхат", "Айдос", "Бауыржан", "Ержан", "Санжар", "Темірлан", "Әлихан", "Мирас"];
    private static readonly string[] RussianWomen = ["Анна", "Екатерина", "Ольга", "Юлия", "Наталья", "Алина"];
    private static readonly string[] RussianMen = ["Дмитрий", "Сергей", "Иван", "Артём", "Никита", "Максим"];
    private static readonly string[] KazakhFamilyStems = ["Сапаров", "Жумабаев", "Нұрланов", "Қасымов", "Серікбаев", "Оспанов", "Ахметов", "Төлеуов", "Бекмұхамбетов", "Исаев"];
    private static readonly string[] RussianFamilyStems = ["Иванов", "Ким", "Петров", "Смирнов", "Ли", "Соколов"];
    private static readonly string[] LatinWomen = ["Meruyert", "Aigerim", "Aliya", "Zhanar", "Dana"];
    private static readonly string[] LatinFamily = ["Saparova", "Zhumabayeva", "Kassymova", "Ospanova"];

    private Person SyntheticPerson(Random r, int i, Organisation org, Guid createdBy, DateTimeOffset now) =>
        MakePerson(r, i, org.Id, org.RegionCode, org.RegionCode == "KZ-75" ? "Алматы" : "Қызылорда", createdBy, now, index);

    /// <summary>A synthetic young person with a realistic Kazakh, Russian or Latin-spelled name, birth date, IIN and phone,
    /// encrypted and blind-indexed exactly as the application does (<see cref="PersonValidator.ApplyTo"/>).</summary>
    /// <param name="nationalNames">The synthetic national data set's wide name lists (<see cref="SyntheticNames"/>) rather than the demo's short ones.</param>
    internal static Person MakePerson(Random r, int i, Guid organisationId, string? region, string? locality, Guid? createdBy, DateTimeOffset now, BlindIndex index,
        bool nationalNames = false)
    {
        var female = r.NextDouble() < 0.62; // most participants in the programmes are young women
        var russian = !nationalNames && r.NextDouble() < 0.2;
        var latin = !nationalNames && !russian && female && r.NextDouble() < 0.08;
        string given, family;
        string? patronymic = null;
        if (nationalNames) (given, family, patronymic) = SyntheticNames.Draw(r, female);
        else if (latin) { given = Pick(r, LatinWomen); family = Pick(r, LatinFamily); }
        else if (russian)
        {
            given = female ? Pick(r, RussianWomen) : Pick(r, RussianMen);
            var stem = Pick(r, RussianFamilyStems);
            family = female && stem.EndsWith('в') ? stem + "а" : stem;
            patronymic = female ? Pick(r, ["Сергеевна", "Александровна", "Игоревна"]) : Pick(r, ["Сергеевич", "Александрович", "Игоревич"]);
        }
        else
        {
            given = female ? Pick(r, KazakhWomen) : Pick(r, KazakhMen);
            var stem = Pick(r, KazakhFamilyStems);
            family = female ? stem + "а" : stem;
            patronymic = r.NextDouble() < 0.5 ? Pick(r, KazakhMen) + (female ? "қызы" : "ұлы") : null;
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var dob = today.AddDays(-(int)(365.25 * (14 + r.NextDouble() * 16)));
        var sex = female ? Sex.Female : Sex.Male;
        var iin = r.NextDouble() < 0.7 ? MakeIin(r, dob, sex) : null;
        var phone = r.NextDouble() < 0.6 ? $"+77{r.Next(0, 8)}{r.Next(0, 10_000_000):D7}{r.Next(0, 10)}"[..12] : null;
        var person = new Person { GivenName = given, FamilyName = family, OrganisationId = organisationId, CreatedAt = now.AddDays(-r.Next(0, 400)), CreatedByUserId = createdBy, Version = 1 };
        person.UpdatedAt = person.CreatedAt;
        new ValidPerson(given, family, patronymic, sex, dob, iin, phone, null, null, region, locality,
            // Disability as intake records it: about 1 in 14 says yes, a third is not recorded (no random draw, so the rest of the demo is unchanged).
            i % 14 == 5 ? "yes" : i % 3 == 0 ? null : "no").ApplyTo(person, index);
        return person;
    }

    internal static IEnumerable<Consent> SyntheticConsents(Random r, Person p, Guid by, DateTimeOffset now)
    {
        var minor = p.IsMinorOn(DateOnly.FromDateTime(now.UtcDateTime));
        var giver = minor ? ConsentGiver.Guardian : ConsentGiver.Person;
        var guardian = minor ? "Guardian of record (demo)" : null;
        yield return new Consent { PersonId = p.Id, Purpose = ConsentPurpose.Services, GivenBy = giver, GuardianName = guardian, GivenAt = p.CreatedAt, RecordedByUserId = by };
        if (r.NextDouble() < 0.4)
            yield return new Consent { PersonId = p.Id, Purpose = ConsentPurpose.FollowUpContact, GivenBy = giver, GuardianName = guardian, GivenAt = p.CreatedAt, RecordedByUserId = by };
        if (r.NextDouble() < 0.7)
            yield return new Consent { PersonId = p.Id, Purpose = ConsentPurpose.AnonymousStatistics, GivenBy = giver, GuardianName = guardian, GivenAt = p.CreatedAt, RecordedByUserId = by };
        if (r.NextDouble() < 0.3)
            yield return new Consent { PersonId = p.Id, Purpose = ConsentPurpose.Evaluation, GivenBy = giver, GuardianName = guardian, GivenAt = p.CreatedAt, RecordedByUserId = by };
    }

    private static string MakeIin(Random r, DateOnly dob, Sex sex)
    {
        while (true)
            if (Iin.Make(dob, sex, r.Next(0, 10000)) is { } iin) return iin;
    }

    private static string Pick(Random r, string[] options) => options[r.Next(options.Length)];
}
