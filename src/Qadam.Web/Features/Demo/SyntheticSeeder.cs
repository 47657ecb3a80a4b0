using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;

namespace Qadam.Web.Features.Demo;

/// <summary>
/// A synthetic national data set (issue #13): N people with realistic Kazakh and Russian names, IINs, phones and regions
/// across every region, with their consents and, for some, a scheme application, a hotline call, a case or a consultation,
/// encrypted and blind-indexed exactly as the application does. Written in batches with change tracking off, one audit event per batch. Refuses to run
/// outside the demo and development environments.
/// </summary>
public sealed class SyntheticSeeder(QadamDbContext db, BlindIndex index, AuditLog audit, TimeProvider clock, IHostEnvironment environment)
{
    public const string Cohort = "Синтетика-2027";

    public async Task<int> SeedAsync(int count, int seed = 13, int batch = 2000, CancellationToken ct = default)
    {
        if (!QadamServices.IsDemoEnvironment(environment))
            throw new InvalidOperationException($"Synthetic data can only be seeded in a demo or development environment, not '{environment.EnvironmentName}'.");
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "Seed at least one person.");
        db.UseScope(AccessScope.System);
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.CreatedAt).ThenBy(o => o.Name).Select(o => new { o.Id, o.RegionCode }).ToListAsync(ct);
        if (organisations.Count == 0) throw new InvalidOperationException("Create an organisation first (qadam organisation add, or qadam seed for the demo).");
        // Consents are recorded by a user of the person's organisation (its first), as intake would.
        var recorders = (await db.Users.AsNoTracking().Select(u => new { u.Id, u.OrganisationId }).ToListAsync(ct))
            .GroupBy(u => u.OrganisationId).ToDictionary(g => g.Key, g => g.First().Id);
        var regions = await db.Regions.AsNoTracking().Include(r => r.Localities).OrderBy(r => r.Code).ToListAsync(ct);
        // The staff who take calls, open cases and give consultations, per organisation (where the organisation has them).
        var staff = (await (from ur in db.UserRoles
                            join role in db.Roles on ur.RoleId equals role.Id
                            join u in db.Users on ur.UserId equals u.Id
                            where u.IsActive && (role.Name == Roles.Operator || role.Name == Roles.CaseWorker || role.Name == Roles.Psychologist)
                            orderby u.Email
                            select new { u.OrganisationId, u.Id, Role = role.Name! }).AsNoTracking().ToListAsync(ct))
            .GroupBy(x => (x.OrganisationId, x.Role)).ToDictionary(g => g.Key, g => g.Select(x => x.Id).ToArray());
        Guid? StaffOf(Guid org, string role, Random r) => staff.TryGetValue((org, role), out var ids) ? ids[r.Next(ids.Length)] : null;
        var now = clock.GetUtcNow();
        var written = 0;
        var previous = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var b = 0; written < count; b++)
            {
                var n = Math.Min(batch, count - written);
                var first = written;
                // Each person is drawn from a generator of its own (seed, index), so the set is the same however it is
                // batched, and the encryption and blind indexes are computed on every core.
                var made = Enumerable.Range(first, n).AsParallel().AsOrdered().Select(i =>
                {
                    var r = new Random(HashCode.Combine(seed, i));
                    var org = organisations[i % organisations.Count];
                    // Most people live in their organisation's region; the rest anywhere in the country.
                    var region = r.NextDouble() < 0.8 && org.RegionCode is { } home ? regions.FirstOrDefault(x => x.Code == home) ?? regions[r.Next(regions.Count)] : regions[r.Next(regions.Count)];
                    var locality = region.Localities.Count > 0 ? region.Localities[r.Next(region.Localities.Count)].NameRu : region.NameRu;
                    var person = DemoSeeder.MakePerson(r, i, org.Id, region.Code, locality, recorders.TryGetValue(org.Id, out var by) ? by : null, now, index, nationalNames: true);
                    var consents = DemoSeeder.SyntheticConsents(r, person, recorders.GetValueOrDefault(org.Id), now).ToList();
                    SchemeApplicant? applicant = r.NextDouble() < 0.05
                        ? new SchemeApplicant
                        {
                            OrganisationId = org.Id, PersonId = person.Id, AppliedOn = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-r.Next(0, 90)), Cohort = Cohort,
                            Education = (Education)r.Next(1, 5), Skills = "общение", RegionCode = region.Code, MaxTravelKm = new[] { 10, 25, 50 }[r.Next(3)],
                            LocalityId = region.Localities.Count > 0 ? region.Localities[r.Next(region.Localities.Count)].Id : null,
                        }
                        : null;
                    var work = new Random(HashCode.Combine(seed, i, 7));
                    // About one person in twelve called the hotline (or was called about), one in thirty has a case, one in thirty a consultation.
                    var contact = work.NextDouble() < 0.08 && StaffOf(org.Id, Roles.Operator, work) is { } op ? Call(work, org.Id, op, person, region.Code, now) : null;
                    var file = work.NextDouble() < 0.033 && StaffOf(org.Id, Roles.CaseWorker, work) is { } cw ? CaseOf(work, org.Id, cw, person, contact, now) : null;
                    var session = work.NextDouble() < 0.033 && StaffOf(org.Id, Roles.Psychologist, work) is { } psy ? ConsultationOf(work, org.Id, psy, person, now) : null;
                    return (person, consents, applicant, contact, file, session);
                }).ToList();
                await using (var tx = await db.Database.BeginTransactionAsync(ct))
                {
                    await BulkWriter.InsertAsync(db, made.Select(m => m.person).ToList(), ct);
                    await BulkWriter.InsertAsync(db, made.SelectMany(m => m.person.NameTokens).ToList(), ct);
                    await BulkWriter.InsertAsync(db, made.SelectMany(m => m.consents).ToList(), ct);
                    await BulkWriter.InsertAsync(db, made.Where(m => m.applicant is not null).Select(m => m.applicant!).ToList(), ct);
                    // The same derivation as every save (ADR 0014), for the whole batch at once.
                    await db.ReplaceKeysAsync(made.Select(m => m.person.Id).ToList(), now, ct);
                    // Calls, cases and consultations through the model (a case's and a consultation's worker keys are derived in this save).
                    db.Contacts.AddRange(made.Where(m => m.contact is not null).Select(m => m.contact!));
                    db.Cases.AddRange(made.Where(m => m.file is not null).Select(m => m.file!));
                    db.Consultations.AddRange(made.Where(m => m.session is not null).Select(m => m.session!));
                    var contacts = made.Count(m => m.contact is not null);
                    var cases = made.Count(m => m.file is not null);
                    var consultations = made.Count(m => m.session is not null);
                    await audit.SaveWithAuditAsync([new AuditEntry(Actor.System with { UserName = "synthetic-seed" }, AuditAction.Person_Created, "Synthetic", null,
                        new { count = n, seed, first, contacts, cases, consultations })], ct);
                    await tx.CommitAsync(ct);
                }
                db.ChangeTracker.Clear();
                written += n;
            }
        }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = previous; }
        return written;
    }

    private static readonly string[][] CallCategories =
    [
        ["family-relationships"], ["stress-anxiety", "unemployment"], ["destructive-religious-movement"], ["extremism-information"],
        ["online-recruitment", "peer-pressure"], ["depression"], ["access-to-services"], ["radicalisation-concern", "family-relationships"],
    ];

    private static readonly string[] CallSummaries =
    [
        "Консультация по телефону: информация о программах поддержки молодёжи.",
        "Звонящий расстроен, выслушан; даны контакты психолога центра.",
        "Вопрос о работе и стажировке; направлен к координатору программы.",
        "Ата-анасы баласының жаңа достары туралы алаңдайды; ақпарат берілді.",
    ];

    /// <summary>A completed hotline call about the person (anonymous: parties by sex, age band and region, as operators record them).</summary>
    private Contact Call(Random r, Guid org, Guid operatorId, Person person, string region, DateTimeOffset now)
    {
        var started = now.AddMinutes(-r.Next(60, 60 * 24 * 365));
        var self = r.NextDouble() < 0.4;
        var atRisk = new ContactParty { Sex = person.Sex, AgeBand = (AgeBand)r.Next(2, 5), RegionCode = region };
        var contact = new Contact
        {
            OrganisationId = org, HandledByUserId = operatorId, Channel = r.NextDouble() < 0.8 ? ContactChannel.Phone : ContactChannel.Chat, Line = "114",
            CallerHash = index.Phone($"+7701{r.Next(1_000_000, 9_999_999)}"), StartedAt = started, EndedAt = started.AddMinutes(r.Next(3, 30)),
            CallerRelation = self ? CallerRelation.Self : (CallerRelation)r.Next(2, 7),
            Caller = self ? new ContactParty { Sex = atRisk.Sex, AgeBand = atRisk.AgeBand, RegionCode = region } : new ContactParty { Sex = r.NextDouble() < 0.7 ? Sex.Female : Sex.Male, AgeBand = AgeBand.From30, RegionCode = region },
            PersonAtRisk = atRisk, PersonOfConcern = new ContactParty(), Categories = string.Join(",", CallCategories[r.Next(CallCategories.Length)]),
            Urgency = (ContactUrgency)r.Next(1, 4), Outcome = (ContactOutcome)r.Next(1, 4), Summary = CallSummaries[r.Next(CallSummaries.Length)], CreatedAt = started,
        };
        contact.Complete(contact.EndedAt!.Value);
        return contact;
    }

    /// <summary>An open case of the person's organisation, assigned to the case worker who opened it (from the call, when there was one).</summary>
    private static Case CaseOf(Random r, Guid org, Guid worker, Person person, Contact? contact, DateTimeOffset now)
    {
        var at = contact?.EndedAt?.AddMinutes(10) ?? now.AddDays(-r.Next(1, 365));
        var c = new Case { OrganisationId = org, PersonId = person.Id, OpenedByUserId = worker, CreatedAt = at, UpdatedAt = at, ContactId = contact?.Id };
        c.Note(worker, at, nameof(Case.Status), null, nameof(CaseStatus.Open));
        c.Workers.Add(new CaseAssignment { CaseId = c.Id, UserId = worker, AssignedAt = at });
        c.Note(worker, at, "Worker", null, worker.ToString());
        return c;
    }

    /// <summary>An individual consultation with the organisation's psychologist (codes of the shipped lists; no clinical note).</summary>
    private static Consultation ConsultationOf(Random r, Guid org, Guid psychologist, Person person, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var on = today.AddDays(-r.Next(0, 180));
        var issues = PsychosocialCodes.PresentingIssues.Take(8).OrderBy(_ => r.Next()).Take(r.Next(1, 3));
        var interventions = PsychosocialCodes.Interventions.Take(6).OrderBy(_ => r.Next()).Take(r.Next(1, 3));
        return new Consultation
        {
            OrganisationId = org, PersonId = person.Id, PsychologistUserId = psychologist, Date = on, DurationMinutes = 50,
            Modality = r.NextDouble() < 0.2 ? ConsultationModality.Online : ConsultationModality.InPerson,
            Issues = string.Join(",", issues), Interventions = string.Join(",", interventions),
            NextAppointmentOn = r.NextDouble() < 0.5 ? on.AddDays(14) : null, CreatedAt = now.AddDays(on.DayNumber - today.DayNumber),
        };
    }
}
