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
        for (var i = 0; i < people; i++)
        {
            var orgIndex = i % 2;
            var person = SyntheticPerson(random, i, orgs[orgIndex], caseworkers[orgIndex], now);
            db.People.Add(person);
            entries.Add(AuditEntry.About(person, new Actor(null, "demo-seed", orgs[orgIndex].Id, null), AuditAction.Person_Created, new { source = "demo" }));
            foreach (var consent in SyntheticConsents(random, person, caseworkers[orgIndex], now)) db.Consents.Add(consent);
        }
        await audit.SaveWithAuditAsync(entries, ct);
        await SeedSchemeAsync(orgs[0], random, now, ct);
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
        return true;
    }

    private static readonly (string Name, EmployerType Type, string Sector, string Title, string Skills, int Slots, decimal Subsidy)[] DemoEmployers =
    [
        ("Nan Uii Bakery LLP", EmployerType.PrivateBusiness, "hospitality", "Baker's apprentice", "baking,hygiene", 3, 85000),
        ("Alatau Auto Service", EmployerType.PrivateBusiness, "services", "Car mechanic apprentice", "mechanics,driving", 2, 90000),
        ("Medeu District Akimat", EmployerType.LocalGovernmentBody, "public", "Office assistant", "computer,documents", 2, 80000),
        ("Zhetysu Sewing Workshop", EmployerType.Enterprise, "manufacturing", "Seamstress apprentice", "sewing", 4, 85000),
        ("Turksib Logistics", EmployerType.Enterprise, "transport", "Warehouse assistant", "driving,inventory", 3, 90000),
        ("Bostandyk IT Hub", EmployerType.PrivateBusiness, "it", "Junior support technician", "computer,english", 2, 95000),
        ("Auezov Family Clinic", EmployerType.Enterprise, "health", "Care assistant", "care,hygiene", 2, 85000),
        ("Jas Daryn Public Foundation", EmployerType.CivilSocietyOrganisation, "education", "Youth worker assistant", "communication,computer", 2, 80000),
    ];

    /// <summary>
    /// A demo apprenticeship scheme for the first organisation: employers with positions and trained mentors in
    /// Almaty's districts, an earlier cohort already completed (with follow-ups, so the figures have something to
    /// show) and a waiting cohort to match. The first demo employer account is linked to the first employer.
    /// </summary>
    private async Task SeedSchemeAsync(Organisation org, Random r, DateTimeOffset now, CancellationToken ct)
    {
        var districts = await db.Localities.Where(l => l.RegionCode == "KZ-75").OrderBy(l => l.Id).ToListAsync(ct);
        if (districts.Count == 0) return;
        var employers = new List<(Employer Employer, Position Position)>();
        for (var k = 0; k < DemoEmployers.Length; k++)
        {
            var d = DemoEmployers[k];
            var locality = districts[(k + 1) % districts.Count];
            var e = new Employer { OrganisationId = org.Id, Name = d.Name, Type = d.Type, Sector = d.Sector, RegionCode = "KZ-75", LocalityId = locality.Id, ContactPerson = "Demo contact" };
            var p = new Position { EmployerId = e.Id, Title = d.Title, Sector = d.Sector, RequiredSkills = d.Skills, LocalityId = locality.Id, Slots = d.Slots, MonthlySubsidy = d.Subsidy, Project = k % 2 == 0 ? "UNDP PVE 2026" : "Akimat youth employment" };
            e.Mentors.Add(new Mentor { EmployerId = e.Id, Name = $"Mentor {k + 1}", Capacity = 2, TrainingDone = true, TrainedOn = new DateOnly(2026, 2, 10) });
            if (k % 3 == 0) e.Mentors.Add(new Mentor { EmployerId = e.Id, Name = $"Mentor {k + 1}b", Capacity = 1, TrainingDone = k != 3 });
            db.Employers.Add(e);
            db.Positions.Add(p);
            employers.Add((e, p));
        }
        var employerUser = await db.Users.FirstOrDefaultAsync(u => u.Email == Login(Roles.Employer, 1), ct);
        if (employerUser is not null) db.EmployerAccounts.Add(new EmployerAccount { UserId = employerUser.Id, EmployerId = employers[0].Employer.Id });

        var skills = new[] { "baking", "hygiene", "mechanics", "driving", "computer", "documents", "sewing", "inventory", "english", "care", "communication" };
        var people = db.People.Local.Where(p => p.OrganisationId == org.Id && p.DateOfBirth is { } b && b <= DateOnly.FromDateTime(now.UtcDateTime).AddYears(-16))
            .OrderBy(p => p.Id).ToList();
        var earlier = people.Take(people.Count / 3).ToList();
        var waiting = people.Skip(people.Count / 3).Take(40).ToList();
        SchemeApplicant Applicant(Person p, string cohort, DateOnly applied) => new()
        {
            OrganisationId = org.Id, PersonId = p.Id, AppliedOn = applied, Cohort = cohort, Education = (Education)(2 + r.Next(3)),
            Skills = string.Join(',', skills.OrderBy(_ => r.Next()).Take(1 + r.Next(3))),
            PreferredSectors = string.Join(',', Sectors.All.Where(x => DemoEmployers.Any(d => d.Sector == x)).OrderBy(_ => r.Next()).Take(2 + r.Next(2))),
            LocalityId = districts[r.Next(districts.Count)].Id, RegionCode = "KZ-75", MaxTravelKm = new[] { 5, 10, 15, 25 }[r.Next(4)],
        };
        var start = new DateOnly(2026, 3, 2);
        foreach (var (p, k) in earlier.Select((p, k) => (p, k)))
        {
            var a = Applicant(p, "2026-spring", new DateOnly(2026, 2, 1));
            a.Status = ApplicantStatus.Placed;
            db.SchemeApplicants.Add(a);
            var (employer, position) = employers[k % employers.Count];
            var placement = Placement.Start(a.Id, position.Id, start, 3, employer.Id);
            placement.MentorId = employer.Mentors[0].Id;
            db.Placements.Add(placement);
            var subsidies = Scheme.PlacementService.SubsidySchedule(placement, position).ToList();
            if (k % 7 == 3)
            {
                placement.End(PlacementStatus.DroppedOut, start.AddDays(40), "Moved to another city with family");
                foreach (var s in subsidies.Where(s => s.Month > placement.EndsOn)) s.Withhold("Placement ended early: dropped out");
            }
            else
            {
                placement.Complete(placement.PlannedEndOn);
                foreach (var f in Scheme.PlacementService.FollowUpSchedule(a.Id, placement.EndsOn))
                {
                    if (f.DueOn <= DateOnly.FromDateTime(now.UtcDateTime) && r.NextDouble() < (f.Milestone == FollowUpMilestone.Completion ? 0.9 : 0.75))
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
        foreach (var p in waiting) db.SchemeApplicants.Add(Applicant(p, "2026-autumn", new DateOnly(2026, 10, 1)));

        // The spring cohort was oversubscribed: those eligible but not placed were followed up from the cohort's planned end,
        // with their consent to follow-up contact — the comparison group of the scheme's own evaluation (issue #11).
        var coordinator = await db.Users.Where(u => u.Email == Login(Roles.Coordinator, 1)).Select(u => u.Id).FirstOrDefaultAsync(ct);
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
        foreach (var p in earlier) AskEvaluation(p);
        foreach (var p in people.Skip(people.Count / 3 + waiting.Count).Take(30))
        {
            var a = Applicant(p, "2026-spring", new DateOnly(2026, 2, 1));
            db.SchemeApplicants.Add(a);
            AskEvaluation(p);
            if (!db.Consents.Local.Any(c => c.PersonId == p.Id && c.Purpose == ConsentPurpose.FollowUpContact && c.WithdrawnAt == null))
                db.Consents.Add(new Consent { PersonId = p.Id, Purpose = ConsentPurpose.FollowUpContact, GivenBy = ConsentGiver.Person, GivenAt = new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero), RecordedByUserId = coordinator });
            foreach (var f in Scheme.PlacementService.FollowUpSchedule(a.Id, springEnd))
            {
                if (f.DueOn <= today && r.NextDouble() < (f.Milestone == FollowUpMilestone.Completion ? 0.75 : 0.6))
                {
                    f.RecordedOn = f.DueOn.AddDays(r.Next(0, 14));
                    f.Employment = r.NextDouble() < 0.28 ? EmploymentStatus.FullTime : (EmploymentStatus)(2 + r.Next(4));
                    f.SameEmployer = null;
                    f.IncomeBand = f.Employment is EmploymentStatus.FullTime ? "85to150k" : "none";
                }
                db.FollowUps.Add(f);
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

    private Person SyntheticPerson(Random r, int i, Organisation org, Guid createdBy, DateTimeOffset now)
    {
        var female = r.NextDouble() < 0.62; // most participants in the programmes are young women
        var russian = r.NextDouble() < 0.2;
        var latin = !russian && female && r.NextDouble() < 0.08;
        string given, family;
        string? patronymic = null;
        if (latin) { given = Pick(r, LatinWomen); family = Pick(r, LatinFamily); }
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
        var person = new Person { GivenName = given, FamilyName = family, OrganisationId = org.Id, CreatedAt = now.AddDays(-r.Next(0, 400)), CreatedByUserId = createdBy, Version = 1 };
        person.UpdatedAt = person.CreatedAt;
        var locality = org.RegionCode == "KZ-75" ? "Алматы" : "Қызылорда";
        new ValidPerson(given, family, patronymic, sex, dob, iin, phone, null, null, org.RegionCode, locality).ApplyTo(person, index);
        return person;
    }

    private static IEnumerable<Consent> SyntheticConsents(Random r, Person p, Guid by, DateTimeOffset now)
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
