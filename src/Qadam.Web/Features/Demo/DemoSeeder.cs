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

    public async Task<bool> SeedIfEmptyAsync(int people = 300, CancellationToken ct = default)
    {
        if (!QadamServices.IsDemoEnvironment(environment))
            throw new InvalidOperationException($"Demo data can only be seeded in a demo or development environment, not '{environment.EnvironmentName}'.");
        if (await db.Organisations.AnyAsync(ct) || await db.Users.AnyAsync(ct)) return false;

        var now = clock.GetUtcNow();
        var orgs = new[]
        {
            new Organisation { Name = "Almaty Youth Support Centre", Kind = OrganisationKind.SupportCentre, RegionCode = "KZ-75", CreatedAt = now },
            new Organisation { Name = "Kyzylorda Youth Initiatives NGO", Kind = OrganisationKind.Ngo, RegionCode = "KZ-43", CreatedAt = now },
            new Organisation { Name = "UNDP Kazakhstan", Kind = OrganisationKind.UnOffice, RegionCode = "KZ-71", CreatedAt = now },
            new Organisation { Name = "Kyzylorda Regional Akimat, Youth Policy Department", Kind = OrganisationKind.GovernmentBody, RegionCode = "KZ-43", CreatedAt = now },
        };
        db.Organisations.AddRange(orgs);
        await db.SaveChangesAsync(ct);

        for (var n = 1; n <= 2; n++)
            foreach (var role in Roles.All)
            {
                var email = Login(role, n);
                var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, OrganisationId = orgs[n - 1].Id, DisplayName = $"{role} {n} (demo)" };
                var result = await users.CreateAsync(user, Password);
                if (!result.Succeeded) throw new InvalidOperationException("Demo user could not be created: " + string.Join(", ", result.Errors.Select(e => e.Code)));
                await users.AddToRoleAsync(user, role);
            }

        var caseworkers = await db.Users.Where(u => u.Email!.StartsWith("caseworker")).OrderBy(u => u.Email).Select(u => u.Id).ToListAsync(ct);
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
        return true;
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
