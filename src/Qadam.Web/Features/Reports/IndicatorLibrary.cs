using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Features.Hotline;
using Qadam.Web.Features.Psychosocial;

namespace Qadam.Web.Features.Reports;

/// <summary>
/// One unit an indicator counts (a person, a contact, a session, an employer), dated to the period it falls in, with
/// the disaggregations the records hold ("unknown" where they do not). For a share, <see cref="Yes"/> says whether the
/// unit is in the numerator; every unit is in the denominator.
/// </summary>
public sealed record Fact(DateOnly On, string Sex, string AgeBand, string Region, bool? Yes = null, string Disability = IndicatorLibrary.Unknown);

/// <summary>What a computed indicator counts: the implementing organisations' records within the project's dates and regions.</summary>
public sealed record FactQuery(QadamDbContext Db, IReadOnlyList<Guid> Organisations, DateOnly From, DateOnly To, IReadOnlySet<string> Regions, string? Parameter)
{
    public bool InRegion(string? region) => Regions.Count == 0 || region is null || Regions.Contains(region);
}

/// <param name="Parameter">What the parameter chooses (null: none): <c>serviceType</c>, <c>category</c>, <c>milestone</c>,
/// <c>activityKind</c>, <c>instrument</c>, <c>study</c>.</param>
/// <param name="Distinct">Counts distinct people (or employers), each in the period of their first qualifying record, so
/// that periods add up to the project's total.</param>
public sealed record IndicatorDefinition(string Key, IndicatorMeasure Measure, string[] Dimensions, string? Parameter, bool Distinct, string Method,
    Func<FactQuery, CancellationToken, Task<List<Fact>>> Facts);

/// <summary>
/// The library of computed indicators (issue #12). Every definition reads the records the features keep, projects only
/// what an aggregate needs (dates, sex, birth date, region; never a name), and says in <see cref="IndicatorDefinition.Method"/>
/// exactly what it counts. Definitions are stable keys: a frozen report stores the keys and their methods.
/// </summary>
public static class IndicatorLibrary
{
    public const string Unknown = "unknown";
    public static readonly string[] PersonDimensions = ["sex", "ageBand", "region", "disability"];
    private static readonly string[] RegionOnly = ["region"];

    public static readonly IReadOnlyList<IndicatorDefinition> All =
    [
        new("people.service", IndicatorMeasure.Unit, PersonDimensions, "serviceType", true,
            "Distinct people who received a service of the type (a case service delivered, or for psychological consultation also an individual consultation) from an implementing organisation, each counted once, in the period of their first such service.",
            PeopleServedAsync),
        new("contacts.category", IndicatorMeasure.Unit, PersonDimensions, "category", false,
            "Completed hotline contacts of the implementing organisations with the category (or any of its sub-categories; all contacts when none is chosen), by the date the contact started; sex, age band and region of the person at risk as the operator recorded them.",
            ContactsAsync),
        new("referrals.people", IndicatorMeasure.Unit, PersonDimensions, null, true,
            "Distinct people referred or transferred by an implementing organisation to another organisation, each counted once, in the period of their first referral.",
            PeopleReferredAsync),
        new("referrals.accepted", IndicatorMeasure.Unit, PersonDimensions, null, false,
            "Referrals and transfers sent by an implementing organisation that the receiving organisation accepted, by the date of acceptance.",
            ReferralsAcceptedAsync),
        new("scheme.placed", IndicatorMeasure.Unit, PersonDimensions, null, true,
            "Distinct apprentices placed with an employer, each counted once, in the period their first placement started.",
            PlacedAsync),
        new("scheme.completed", IndicatorMeasure.Unit, PersonDimensions, null, false,
            "Placements completed (the full three months), by the date the placement ended.",
            CompletedAsync),
        new("scheme.employed", IndicatorMeasure.Percentage, PersonDimensions, "milestone", false,
            "Share employed full-time at the milestone among completers reached at that follow-up, by the follow-up's due date. Completers not reached are not in the denominator; the scheme's figures show them as lost to follow-up.",
            EmployedAsync),
        new("scheme.employers", IndicatorMeasure.Unit, RegionOnly, null, true,
            "Distinct employers with at least one apprentice, each counted once, in the period their first placement started; by the employer's region.",
            EmployersAsync),
        new("activities.sessions", IndicatorMeasure.Unit, RegionOnly, "activityKind", false,
            "Sessions delivered by the implementing organisations (of group activities of the kind, or of any kind), by session date; by the activity's region.",
            SessionsAsync),
        new("activities.attendees", IndicatorMeasure.Unit, PersonDimensions, "activityKind", true,
            "Distinct registered people who attended a session (of the kind, or of any), each once, in the period of their first attendance; plus anonymous attendance as counted at each session (by sex and age band), which cannot be de-duplicated.",
            AttendeesAsync),
        new("volunteers.trained", IndicatorMeasure.Unit, PersonDimensions, null, true,
            "Distinct people who attended a session of a volunteer training, each once, in the period of their first such session.",
            VolunteersTrainedAsync),
        new("volunteers.peers", IndicatorMeasure.Unit, PersonDimensions, null, false,
            "Peers reached at peer-outreach events run by volunteers: anonymous attendance as counted (by sex and age band) plus registered attendees, by session date.",
            PeersReachedAsync),
        new("instrument.improvement", IndicatorMeasure.Percentage, PersonDimensions, "instrument", true,
            "Share of people with reliable improvement between their first and their last complete score on the instrument (the thresholds the psychosocial figures use), among people with at least two complete scores; each person once, in the period of their last score.",
            ImprovementAsync),
        new("study.estimate", IndicatorMeasure.Unit, [], "study", false,
            "The point estimate of a completed evaluation study, with its 95% interval and method; reported in the period the study completed.",
            (_, _) => Task.FromResult(new List<Fact>())),
    ];

    public static IndicatorDefinition? Find(string? key) => All.FirstOrDefault(d => d.Key == key);

    /// <summary>The values a parameter may take (codes; the labels are in the resources).</summary>
    public static IReadOnlyList<string> ParameterValues(string? parameter) => parameter switch
    {
        "serviceType" => Enum.GetNames<CaseServiceType>().Select(Camel).ToList(),
        "category" => ContactCategories.All.Where(c => c.Parent is null).Select(c => c.Code).ToList(),
        "milestone" => Enum.GetNames<FollowUpMilestone>().Select(Camel).ToList(),
        "activityKind" => Enum.GetNames<ActivityKind>().Select(Camel).ToList(),
        "instrument" => ["phq9", "gad7", "who5", "brs", "k10"],
        _ => [],
    };

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];

    private static T? EnumOf<T>(string? value) where T : struct, Enum => Enum.TryParse<T>(value, ignoreCase: true, out var v) ? v : null;

    public static string AgeBandOn(DateOnly? birth, DateOnly on)
    {
        if (birth is not { } b) return Unknown;
        var age = on.Year - b.Year - (on < b.AddYears(on.Year - b.Year) ? 1 : 0);
        return age switch { < 15 => "under15", <= 17 => "from15To17", <= 24 => "from18To24", <= 29 => "from25To29", _ => "from30" };
    }

    public static string SexOf(Sex? s) => s switch { Sex.Female => "female", Sex.Male => "male", _ => Unknown };

    public static string BandOf(AgeBand? b) => b is { } x ? Camel(x.ToString()) : Unknown;

    /// <summary>Aggregate-only reads of people: sex, birth date and region, around the person scope on purpose (no name leaves here).</summary>
    private static async Task<Dictionary<Guid, (Sex Sex, DateOnly? Birth, string? Region, string? Disability)>> PeopleAsync(QadamDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        var result = new Dictionary<Guid, (Sex, DateOnly?, string?, string?)>();
        foreach (var chunk in list.Chunk(500))
            foreach (var p in await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => chunk.Contains(p.Id))
                         .Select(p => new { p.Id, p.Sex, p.DateOfBirth, p.RegionCode, p.Disability }).ToListAsync(ct))
                result[p.Id] = (p.Sex, p.DateOfBirth, p.RegionCode, p.Disability);
        return result;
    }

    /// <summary>People's facts: the earliest date per person when <paramref name="distinct"/>, else one fact per record.</summary>
    private static async Task<List<Fact>> PersonFactsAsync(FactQuery q, IEnumerable<(Guid Person, DateOnly On, bool? Yes)> records, bool distinct, CancellationToken ct, string? regionOverride = null)
    {
        var rows = records.Where(r => r.On >= q.From && r.On <= q.To).ToList();
        if (distinct) rows = rows.GroupBy(r => r.Person).Select(g => g.OrderBy(r => r.On).First()).ToList();
        var people = await PeopleAsync(q.Db, rows.Select(r => r.Person), ct);
        return rows.Where(r => people.ContainsKey(r.Person) && q.InRegion(regionOverride ?? people[r.Person].Region))
            .Select(r =>
            {
                var p = people[r.Person];
                return new Fact(r.On, SexOf(p.Sex), AgeBandOn(p.Birth, r.On), regionOverride ?? p.Region ?? Unknown, r.Yes, p.Disability ?? Unknown);
            }).ToList();
    }

    private static async Task<List<Fact>> PeopleServedAsync(FactQuery q, CancellationToken ct)
    {
        var type = EnumOf<CaseServiceType>(q.Parameter);
        var services = await (from s in q.Db.CaseServices.AsNoTracking()
                              join c in q.Db.Cases.IgnoreQueryFilters() on s.CaseId equals c.Id
                              where q.Organisations.Contains(s.ProviderOrganisationId) && (type == null || s.Type == type) && s.DeliveredOn >= q.From && s.DeliveredOn <= q.To
                              select new { c.PersonId, s.DeliveredOn }).ToListAsync(ct);
        var records = services.Select(s => (s.PersonId, s.DeliveredOn, (bool?)null)).ToList();
        if (type is null or CaseServiceType.PsychologicalConsultation)
            records.AddRange((await q.Db.Consultations.AsNoTracking()
                .Where(c => q.Organisations.Contains(c.OrganisationId) && c.Date >= q.From && c.Date <= q.To)
                .Select(c => new { c.PersonId, c.Date }).ToListAsync(ct)).Select(c => (c.PersonId, c.Date, (bool?)null)));
        return await PersonFactsAsync(q, records, distinct: true, ct);
    }

    private static async Task<List<Fact>> ContactsAsync(FactQuery q, CancellationToken ct)
    {
        var start = new DateTimeOffset(q.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(q.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var contacts = await q.Db.Contacts.AsNoTracking()
            .Where(c => q.Organisations.Contains(c.OrganisationId) && c.Status == ContactStatus.Completed && c.StartedAt >= start && c.StartedAt < end)
            .Select(c => new { c.StartedAt, c.Categories, c.PersonAtRisk.Sex, c.PersonAtRisk.AgeBand, Region = c.PersonAtRisk.RegionCode ?? c.Caller.RegionCode })
            .ToListAsync(ct);
        bool Matches(string categories) => string.IsNullOrEmpty(q.Parameter) || categories.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Any(code => code == q.Parameter || ContactCategories.Find(code)?.Parent == q.Parameter);
        return contacts.Where(c => Matches(c.Categories) && q.InRegion(c.Region))
            .Select(c => new Fact(DateOnly.FromDateTime(c.StartedAt.UtcDateTime), SexOf(c.Sex), BandOf(c.AgeBand), c.Region ?? Unknown)).ToList();
    }

    private static async Task<List<Fact>> PeopleReferredAsync(FactQuery q, CancellationToken ct)
    {
        var sent = await q.Db.Referrals.AsNoTracking().Where(r => q.Organisations.Contains(r.FromOrganisationId))
            .Select(r => new { r.PersonId, r.SentAt }).ToListAsync(ct);
        return await PersonFactsAsync(q, sent.Select(r => (r.PersonId, DateOnly.FromDateTime(r.SentAt.UtcDateTime), (bool?)null)), distinct: true, ct);
    }

    private static async Task<List<Fact>> ReferralsAcceptedAsync(FactQuery q, CancellationToken ct)
    {
        var accepted = await q.Db.Referrals.AsNoTracking()
            .Where(r => q.Organisations.Contains(r.FromOrganisationId) && r.AnsweredAt != null
                && (r.Status == ReferralStatus.Accepted || r.Status == ReferralStatus.Completed))
            .Select(r => new { r.PersonId, r.AnsweredAt }).ToListAsync(ct);
        return await PersonFactsAsync(q, accepted.Select(r => (r.PersonId, DateOnly.FromDateTime(r.AnsweredAt!.Value.UtcDateTime), (bool?)null)), distinct: false, ct);
    }

    private static async Task<List<(Guid Applicant, Guid Person, string? Region)>> ApplicantsAsync(FactQuery q, CancellationToken ct) =>
        (await q.Db.SchemeApplicants.AsNoTracking().Where(a => q.Organisations.Contains(a.OrganisationId))
            .Select(a => new { a.Id, a.PersonId, a.RegionCode }).ToListAsync(ct)).Select(a => (a.Id, a.PersonId, a.RegionCode)).ToList();

    private static async Task<List<Fact>> SchemeFactsAsync(FactQuery q, IEnumerable<(Guid Applicant, DateOnly On, bool? Yes)> rows, bool distinct, CancellationToken ct)
    {
        var applicants = (await ApplicantsAsync(q, ct)).ToDictionary(a => a.Applicant);
        var inScope = rows.Where(r => applicants.ContainsKey(r.Applicant)).ToList();
        if (distinct) inScope = inScope.Where(r => r.On >= q.From && r.On <= q.To).GroupBy(r => r.Applicant).Select(g => g.OrderBy(r => r.On).First()).ToList();
        var people = await PeopleAsync(q.Db, inScope.Select(r => applicants[r.Applicant].Person), ct);
        return inScope.Where(r => r.On >= q.From && r.On <= q.To)
            .Select(r => (r, a: applicants[r.Applicant]))
            .Where(x => people.ContainsKey(x.a.Person) && q.InRegion(x.a.Region ?? people[x.a.Person].Region))
            .Select(x =>
            {
                var p = people[x.a.Person];
                return new Fact(x.r.On, SexOf(p.Sex), AgeBandOn(p.Birth, x.r.On), x.a.Region ?? p.Region ?? Unknown, x.r.Yes, p.Disability ?? Unknown);
            }).ToList();
    }

    private static async Task<List<Fact>> PlacedAsync(FactQuery q, CancellationToken ct) =>
        await SchemeFactsAsync(q, (await q.Db.Placements.AsNoTracking().Select(p => new { p.ApplicantId, p.StartsOn }).ToListAsync(ct))
            .Select(p => (p.ApplicantId, p.StartsOn, (bool?)null)), distinct: true, ct);

    private static async Task<List<Fact>> CompletedAsync(FactQuery q, CancellationToken ct) =>
        await SchemeFactsAsync(q, (await q.Db.Placements.AsNoTracking().Where(p => p.Status == PlacementStatus.Completed).Select(p => new { p.ApplicantId, p.EndsOn }).ToListAsync(ct))
            .Select(p => (p.ApplicantId, p.EndsOn, (bool?)null)), distinct: false, ct);

    private static async Task<List<Fact>> EmployedAsync(FactQuery q, CancellationToken ct)
    {
        var milestone = EnumOf<FollowUpMilestone>(q.Parameter) ?? FollowUpMilestone.Completion;
        // Completers only (the comparison group's follow-ups are the evaluation's, not the scheme's output).
        var completers = q.Db.Placements.Where(p => p.Status == PlacementStatus.Completed).Select(p => p.ApplicantId);
        var followUps = await q.Db.FollowUps.AsNoTracking()
            .Where(f => f.Milestone == milestone && f.Employment != null && completers.Contains(f.ApplicantId))
            .Select(f => new { f.ApplicantId, f.DueOn, f.Employment }).ToListAsync(ct);
        return await SchemeFactsAsync(q, followUps.Select(f => (f.ApplicantId, f.DueOn, (bool?)(f.Employment == EmploymentStatus.FullTime))), distinct: false, ct);
    }

    private static async Task<List<Fact>> EmployersAsync(FactQuery q, CancellationToken ct)
    {
        var applicants = (await ApplicantsAsync(q, ct)).Select(a => a.Applicant).ToHashSet();
        var placements = await q.Db.Placements.AsNoTracking().Where(p => p.StartsOn >= q.From && p.StartsOn <= q.To)
            .Select(p => new { p.ApplicantId, p.EmployerId, p.StartsOn }).ToListAsync(ct);
        var first = placements.Where(p => applicants.Contains(p.ApplicantId)).GroupBy(p => p.EmployerId).Select(g => (g.Key, g.Min(p => p.StartsOn))).ToList();
        var ids = first.Select(f => f.Key).ToList();
        var regions = await q.Db.Employers.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.RegionCode }).ToDictionaryAsync(e => e.Id, e => e.RegionCode, ct);
        return first.Where(f => q.InRegion(regions.GetValueOrDefault(f.Key)))
            .Select(f => new Fact(f.Item2, Unknown, Unknown, regions.GetValueOrDefault(f.Key) ?? Unknown)).ToList();
    }

    private sealed record SessionRow(Guid Session, DateOnly Date, string? Region, ActivityKind Kind);

    private static async Task<List<SessionRow>> SessionRowsAsync(FactQuery q, ActivityKind[]? kinds, CancellationToken ct) =>
        (await (from s in q.Db.ActivitySessions.AsNoTracking()
                join a in q.Db.GroupActivities.AsNoTracking() on s.ActivityId equals a.Id
                where q.Organisations.Contains(a.OrganisationId) && s.Date >= q.From && s.Date <= q.To
                select new { s.Id, s.Date, a.RegionCode, a.Kind }).ToListAsync(ct))
            .Where(s => (kinds is null || kinds.Contains(s.Kind)) && q.InRegion(s.RegionCode)).Select(s => new SessionRow(s.Id, s.Date, s.RegionCode, s.Kind)).ToList();

    private static ActivityKind[]? Kinds(string? parameter) => EnumOf<ActivityKind>(parameter) is { } k ? [k] : null;

    private static async Task<List<Fact>> SessionsAsync(FactQuery q, CancellationToken ct) =>
        (await SessionRowsAsync(q, Kinds(q.Parameter), ct)).Select(s => new Fact(s.Date, Unknown, Unknown, s.Region ?? Unknown)).ToList();

    /// <summary>Registered attendees (distinct, in the period of their first session, or one fact per attendance) and anonymous head-counts.</summary>
    private static async Task<List<Fact>> AttendanceAsync(FactQuery q, ActivityKind[]? kinds, bool distinct, bool headcounts, CancellationToken ct)
    {
        var sessions = (await SessionRowsAsync(q, kinds, ct)).ToDictionary(s => s.Session);
        var ids = sessions.Keys.ToList();
        var attendance = new List<(Guid Person, Guid Session)>();
        foreach (var chunk in ids.Chunk(500))
            attendance.AddRange((await q.Db.SessionAttendances.AsNoTracking().Where(a => chunk.Contains(a.SessionId)).Select(a => new { a.PersonId, a.SessionId }).ToListAsync(ct))
                .Select(a => (a.PersonId, a.SessionId)));
        var rows = attendance.Select(a => (a.Person, sessions[a.Session].Date, (bool?)null)).ToList();
        var facts = await PersonFactsAsync(q, rows, distinct, ct);
        if (headcounts)
            foreach (var chunk in ids.Chunk(500))
                foreach (var h in await q.Db.SessionHeadcounts.AsNoTracking().Where(h => chunk.Contains(h.SessionId)).ToListAsync(ct))
                    for (var i = 0; i < h.Count; i++)
                        facts.Add(new Fact(sessions[h.SessionId].Date, SexOf(h.Sex), BandOf(h.AgeBand), sessions[h.SessionId].Region ?? Unknown));
        return facts;
    }

    private static Task<List<Fact>> AttendeesAsync(FactQuery q, CancellationToken ct) => AttendanceAsync(q, Kinds(q.Parameter), distinct: true, headcounts: true, ct);

    private static Task<List<Fact>> VolunteersTrainedAsync(FactQuery q, CancellationToken ct) => AttendanceAsync(q, [ActivityKind.VolunteerTraining], distinct: true, headcounts: false, ct);

    private static Task<List<Fact>> PeersReachedAsync(FactQuery q, CancellationToken ct) => AttendanceAsync(q, [ActivityKind.PeerOutreach], distinct: false, headcounts: true, ct);

    private static async Task<List<Fact>> ImprovementAsync(FactQuery q, CancellationToken ct)
    {
        var code = q.Parameter ?? "phq9";
        var scores = await q.Db.Measurements.AsNoTracking()
            .Where(m => q.Organisations.Contains(m.OrganisationId) && m.Instrument == code && m.Complete && m.Total != null && m.TakenOn <= q.To)
            .Select(m => new { m.PersonId, m.TakenOn, m.CreatedAt, m.Total }).ToListAsync(ct);
        var pairs = scores.GroupBy(m => m.PersonId).Where(g => g.Count() >= 2).Select(g =>
        {
            var ordered = g.OrderBy(m => m.TakenOn).ThenBy(m => m.CreatedAt).ToList();
            return (g.Key, ordered[^1].TakenOn, (bool?)(Caseload.Direction(code, ordered[0].Total, ordered[^1].Total) == "improved"));
        });
        return await PersonFactsAsync(q, pairs, distinct: false, ct);
    }
}
