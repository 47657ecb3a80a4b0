using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Qadam.Domain;

namespace Qadam.Data;

/// <summary>
/// Derives a person's access keys (ADR 0014) from the records that grant access. The rules are the scope's (ADR 0005),
/// written once here: an organisation reaches a record it owns, is shared under an active consent or has accepted (or
/// completed) a referral for; a user reaches a record they registered, or whose open case they are assigned to, or with
/// whom they have held a consultation, while their organisation reaches it; a coordinator's organisation reaches its
/// scheme's applicants while it reaches them; a break-glass grant until it expires; an employer and a mentor the people
/// placed with them.
/// </summary>
public static class PersonKeys
{
    /// <summary>The people whose keys a pending save may change (current and original values of every granting record).</summary>
    internal sealed class Touched
    {
        public HashSet<Guid> People { get; } = [];
        public HashSet<Guid> Cases { get; } = [];
        public HashSet<Guid> Applicants { get; } = [];
        /// <summary>Every touched person is being added and nothing else that grants access is in the save: their keys follow from the rows alone.</summary>
        public List<Person> Added { get; } = [];
        public bool OnlyAdded { get; set; } = true;
        public bool IsEmpty => People.Count == 0 && Cases.Count == 0 && Applicants.Count == 0;
    }

    internal static Touched Collect(ChangeTracker tracker)
    {
        var touched = new Touched();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Person p:
                    if (entry.State != EntityState.Modified || Changed(entry, nameof(Person.OrganisationId), nameof(Person.CreatedByUserId)))
                        touched.People.Add(p.Id);
                    if (entry.State == EntityState.Added) touched.Added.Add(p);
                    else touched.OnlyAdded = false;
                    break;
                case Consent: Add(touched.People, entry, nameof(Consent.PersonId)); break;
                case Referral: Add(touched.People, entry, nameof(Referral.PersonId)); break;
                case Consultation: Add(touched.People, entry, nameof(Consultation.PersonId)); break;
                case SchemeApplicant: Add(touched.People, entry, nameof(SchemeApplicant.PersonId)); break;
                case BreakGlassGrant: Add(touched.People, entry, nameof(BreakGlassGrant.PersonId)); break;
                case CaseAssignment: Add(touched.Cases, entry, nameof(CaseAssignment.CaseId)); break;
                case Placement: Add(touched.Applicants, entry, nameof(Placement.ApplicantId)); break;
            }
            if (entry.Entity is Consent or Referral or Consultation or SchemeApplicant or BreakGlassGrant or CaseAssignment or Placement) touched.OnlyAdded = false;
        }
        return touched;
    }

    /// <summary>
    /// The keys of people being created with nothing else that grants access (no row can refer to a person not yet saved):
    /// their organisation's, and their registrar's while the registrar belongs to it. <paramref name="organisationOf"/>
    /// answers a registrar's organisation (the signed-in user's is known without a query).
    /// </summary>
    internal static async Task<List<PersonKey>> OfNewAsync(IEnumerable<Person> people, Func<Guid, Task<Guid?>> organisationOf)
    {
        var keys = new List<PersonKey>();
        foreach (var p in people)
        {
            if (p.OrganisationId == Guid.Empty) continue;
            keys.Add(new PersonKey { PersonId = p.Id, Kind = PersonKeyKind.Organisation, Principal = p.OrganisationId });
            if (p.CreatedByUserId is { } by && await organisationOf(by) == p.OrganisationId)
                keys.Add(new PersonKey { PersonId = p.Id, Kind = PersonKeyKind.Registered, Principal = by });
        }
        return keys;
    }

    private static bool Changed(EntityEntry entry, params string[] properties) => properties.Any(p => entry.Property(p).IsModified);

    private static void Add(HashSet<Guid> into, EntityEntry entry, string property)
    {
        var p = entry.Property(property);
        if (p.CurrentValue is Guid current && current != Guid.Empty) into.Add(current);
        if (entry.State != EntityState.Added && p.OriginalValue is Guid original && original != Guid.Empty) into.Add(original);
    }

    /// <summary>Resolves the touched cases and applicants to their people, after the save (their rows are then in the database).</summary>
    internal static async Task<HashSet<Guid>> PeopleOfAsync(QadamDbContext db, Touched touched, CancellationToken ct)
    {
        var people = new HashSet<Guid>(touched.People);
        foreach (var chunk in touched.Cases.Chunk(Chunk))
            people.UnionWith(await db.Cases.IgnoreQueryFilters().Where(c => chunk.Contains(c.Id)).Select(c => c.PersonId).ToListAsync(ct));
        foreach (var chunk in touched.Applicants.Chunk(Chunk))
            people.UnionWith(await db.SchemeApplicants.IgnoreQueryFilters().Where(a => chunk.Contains(a.Id)).Select(a => a.PersonId).ToListAsync(ct));
        return people;
    }

    private const int Chunk = 1000;

    /// <summary>Replaces the keys of <paramref name="people"/> with those derived from the database as it is now (inside the caller's transaction).</summary>
    internal static async Task<List<PersonKey>> DeriveAsync(QadamDbContext db, IReadOnlyCollection<Guid> people, DateTimeOffset now, CancellationToken ct)
    {
        var keys = new List<PersonKey>();
        foreach (var chunk in people.Chunk(Chunk))
            keys.AddRange(await DeriveChunkAsync(db, chunk, now, ct));
        return keys;
    }

    private static async Task<List<PersonKey>> DeriveChunkAsync(QadamDbContext db, Guid[] ids, DateTimeOffset now, CancellationToken ct)
    {
        var owners = await db.People.IgnoreQueryFilters().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.OrganisationId, p.CreatedByUserId }).ToListAsync(ct);
        var shared = await db.Consents.IgnoreQueryFilters()
            .Where(c => ids.Contains(c.PersonId) && c.Purpose == ConsentPurpose.SharingWithOrganisation && c.TargetOrganisationId != null && c.WithdrawnAt == null)
            .Select(c => new { c.PersonId, Organisation = c.TargetOrganisationId!.Value }).ToListAsync(ct);
        var referred = await db.Referrals.IgnoreQueryFilters()
            .Where(r => ids.Contains(r.PersonId) && (r.Status == ReferralStatus.Accepted || r.Status == ReferralStatus.Completed))
            .Select(r => new { r.PersonId, Organisation = r.ToOrganisationId }).ToListAsync(ct);
        var assigned = await db.CaseAssignments.IgnoreQueryFilters().Where(a => a.EndedAt == null)
            .Join(db.Cases.IgnoreQueryFilters().Where(c => ids.Contains(c.PersonId)), a => a.CaseId, c => c.Id, (a, c) => new { c.PersonId, a.UserId })
            .ToListAsync(ct);
        var consulted = await db.Consultations.IgnoreQueryFilters().Where(c => ids.Contains(c.PersonId))
            .Select(c => new { c.PersonId, UserId = c.PsychologistUserId }).Distinct().ToListAsync(ct);
        var applied = await db.SchemeApplicants.IgnoreQueryFilters().Where(a => ids.Contains(a.PersonId))
            .Select(a => new { a.PersonId, a.OrganisationId }).ToListAsync(ct);
        var placed = await db.Placements.IgnoreQueryFilters()
            .Join(db.SchemeApplicants.IgnoreQueryFilters().Where(a => ids.Contains(a.PersonId)), pl => pl.ApplicantId, a => a.Id, (pl, a) => new { a.PersonId, pl.EmployerId, pl.MentorId })
            .ToListAsync(ct);
        var grants = await db.BreakGlassGrants.IgnoreQueryFilters().Where(g => ids.Contains(g.PersonId) && g.ExpiresAt > now)
            .Select(g => new { g.PersonId, g.UserId, g.ExpiresAt }).ToListAsync(ct);

        var workers = owners.Where(o => o.CreatedByUserId != null).Select(o => o.CreatedByUserId!.Value)
            .Concat(assigned.Select(a => a.UserId)).Concat(consulted.Select(c => c.UserId)).Distinct().ToArray();
        var organisationOf = new Dictionary<Guid, Guid>();
        foreach (var chunk in workers.Chunk(Chunk))
            foreach (var u in await db.Users.Where(u => chunk.Contains(u.Id)).Select(u => new { u.Id, u.OrganisationId }).ToListAsync(ct))
                organisationOf[u.Id] = u.OrganisationId;

        var reach = owners.Select(o => (Person: o.Id, Organisation: o.OrganisationId))
            .Concat(shared.Select(s => (s.PersonId, s.Organisation)))
            .Concat(referred.Select(r => (r.PersonId, r.Organisation)))
            .Where(x => x.Organisation != Guid.Empty).ToHashSet();
        bool Reaches(Guid person, Guid organisation) => reach.Contains((person, organisation));
        bool UserReaches(Guid person, Guid user) => organisationOf.TryGetValue(user, out var org) && Reaches(person, org);

        var keys = new HashSet<(Guid Person, PersonKeyKind Kind, Guid Principal)>();
        foreach (var (person, organisation) in reach) keys.Add((person, PersonKeyKind.Organisation, organisation));
        foreach (var o in owners)
            if (o.CreatedByUserId is { } by && UserReaches(o.Id, by)) keys.Add((o.Id, PersonKeyKind.Registered, by));
        foreach (var w in assigned.Select(a => (a.PersonId, a.UserId)).Concat(consulted.Select(c => (c.PersonId, c.UserId))))
            if (UserReaches(w.PersonId, w.UserId)) keys.Add((w.PersonId, PersonKeyKind.Worker, w.UserId));
        foreach (var a in applied)
            if (Reaches(a.PersonId, a.OrganisationId)) keys.Add((a.PersonId, PersonKeyKind.SchemeParticipant, a.OrganisationId));
        foreach (var pl in placed)
        {
            keys.Add((pl.PersonId, PersonKeyKind.Employer, pl.EmployerId));
            if (pl.MentorId is { } mentor) keys.Add((pl.PersonId, PersonKeyKind.Mentor, mentor));
        }
        var result = keys.Select(k => new PersonKey { PersonId = k.Person, Kind = k.Kind, Principal = k.Principal }).ToList();
        // A user may hold several grants for one person; the key lasts as long as the latest.
        result.AddRange(grants.GroupBy(g => (g.PersonId, g.UserId))
            .Select(g => new PersonKey { PersonId = g.Key.PersonId, Kind = PersonKeyKind.BreakGlass, Principal = g.Key.UserId, ExpiresAt = g.Max(x => x.ExpiresAt) }));
        return result;
    }

    /// <summary>
    /// Derives the keys of every person from scratch (after the migration that adds them, or by <c>qadam access rebuild</c>),
    /// in chunks, each in its own transaction. Returns the number of people.
    /// </summary>
    public static async Task<int> RebuildAllAsync(QadamDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        var ids = await db.People.IgnoreQueryFilters().Select(p => p.Id).ToListAsync(ct);
        foreach (var chunk in ids.Chunk(5000))
            await db.ReplaceKeysAsync(chunk, now, ct);
        return ids.Count;
    }
}
