using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Statistics;
using Qadam.Web.Features.Hotline;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Psychosocial;

/// <param name="Direction">improved / worsened / unchanged from the first to the last score (the instrument's fixed threshold where it has one); null with one score.</param>
public sealed record ScoreTrend(string Instrument, double? First, double? Last, string? LastBand, string LastOn, int Measurements, string? Direction);

public sealed record ClientRow(Guid PersonId, string Name, Guid PsychologistId, string Psychologist, int Consultations, string? LastConsultation, string? NextAppointment,
    bool AppointmentOverdue, IReadOnlyList<ScoreTrend> Scores, int OpenAlerts);

public sealed record TeamRow(Guid UserId, string Name, int Clients, int ConsultationsLast30Days, int OpenAlerts, int OverdueAppointments);

public sealed record CaseloadDto(IReadOnlyList<ClientRow> Clients, IReadOnlyList<TeamRow>? Team);

/// <summary>
/// A psychologist's caseload (their clients with the last score and its trend, the next appointment and open alerts), and
/// for a supervisor the team: every psychologist of the organisation with their load. Names shown are an audited list.
/// </summary>
public sealed class Caseload(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access)
{
    public async Task<CaseloadDto> ForAsync(CurrentUser user, Guid? psychologistId, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ConsultationsRead);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var consultations = ConsultationScope.Visible(db, user);
        if (psychologistId is { } only) consultations = consultations.Where(c => c.PsychologistUserId == only);
        var rows = await consultations.AsNoTracking()
            .Select(c => new { c.PersonId, c.PsychologistUserId, c.Date, c.NextAppointmentOn }).ToListAsync(ct);
        var personIds = rows.Select(r => r.PersonId).Distinct().ToList();
        var people = await PersonScope.Visible(db).AsNoTracking().Where(p => personIds.Contains(p.Id)).ToListAsync(ct);
        var measurements = await ConsultationScope.Measurements(db, user).AsNoTracking().Where(m => personIds.Contains(m.PersonId))
            .Select(m => new { m.PersonId, m.Instrument, m.TakenOn, m.CreatedAt, m.Total, m.Band }).ToListAsync(ct);
        var alerts = await ConsultationScope.Alerts(db, user).AsNoTracking().Where(a => a.AcknowledgedAt == null)
            .Select(a => new { a.PersonId, a.PsychologistUserId }).ToListAsync(ct);
        var userIds = rows.Select(r => r.PsychologistUserId).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        var clients = new List<ClientRow>();
        foreach (var g in rows.GroupBy(r => r.PersonId))
        {
            if (people.FirstOrDefault(p => p.Id == g.Key) is not { } person) continue;
            var last = g.OrderByDescending(r => r.Date).First();
            var next = g.Where(r => r.NextAppointmentOn is not null).OrderByDescending(r => r.Date).Select(r => r.NextAppointmentOn).FirstOrDefault();
            var scores = measurements.Where(m => m.PersonId == g.Key).GroupBy(m => m.Instrument).OrderBy(x => x.Key).Select(x =>
            {
                var ordered = x.OrderBy(m => m.TakenOn).ThenBy(m => m.CreatedAt).ToList();
                var (first, lastScore) = (ordered[0], ordered[^1]);
                return new ScoreTrend(x.Key, first.Total, lastScore.Total, lastScore.Band, Iso(lastScore.TakenOn), ordered.Count,
                    ordered.Count < 2 ? null : Direction(x.Key, first.Total, lastScore.Total));
            }).ToList();
            clients.Add(new ClientRow(person.Id, $"{person.GivenName} {person.FamilyName}", last.PsychologistUserId, names.GetValueOrDefault(last.PsychologistUserId, ""),
                g.Count(), Iso(last.Date), next is { } n ? Iso(n) : null, next is { } due && due < today, scores, alerts.Count(a => a.PersonId == g.Key)));
        }
        clients = [.. clients.OrderByDescending(c => c.OpenAlerts).ThenBy(c => c.NextAppointment ?? "9999").ThenBy(c => c.Name, StringComparer.CurrentCulture)];

        List<TeamRow>? team = null;
        if (user.IsIn(Roles.Supervisor))
        {
            var psychologists = await Cases.CaseScope.Colleagues(db, user.OrganisationId)
                .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Psychologist)))
                .Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
            team = psychologists.Select(p => new TeamRow(p.Id, p.DisplayName,
                rows.Where(r => r.PsychologistUserId == p.Id).Select(r => r.PersonId).Distinct().Count(),
                rows.Count(r => r.PsychologistUserId == p.Id && r.Date > today.AddDays(-30)),
                alerts.Count(a => a.PsychologistUserId == p.Id),
                clients.Count(c => c.PsychologistId == p.Id && c.AppointmentOverdue))).OrderBy(t => t.Name, StringComparer.CurrentCulture).ToList();
        }
        var shown = people.Where(p => clients.Any(c => c.PersonId == p.Id)).ToList();
        if (shown.Count > 0) await audit.SaveWithAuditAsync(AuditEntry.Listed(shown, user.Actor, AuditAction.Caseload_Viewed, "caseload", psychologistId), ct);
        return new CaseloadDto(clients, team);
    }

    /// <summary>
    /// Reliable-change thresholds (Jacobson–Truax, 1.96 · √2 · SD · √(1 − α)) for the instruments without a fixed one in common
    /// use: BRS with α 0.85 and SD 0.68 (Smith et al. 2008, sample 1) → 0.73; K10 with α 0.93 and SD 6.0 → 4.4 (so 5 whole points).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double> ReliableChange = new Dictionary<string, double>
    {
        ["brs"] = Math.Round(1.96 * Math.Sqrt(2) * 0.68 * Math.Sqrt(1 - 0.85), 2),
        ["k10"] = Math.Ceiling(1.96 * Math.Sqrt(2) * 6.0 * Math.Sqrt(1 - 0.93)),
    };

    public static string? Direction(string code, double? first, double? last)
    {
        if (first is not { } a || last is not { } b || Instrument.Find(code) is not { } i) return null;
        var gain = i.LowerIsBetter ? a - b : b - a;
        var threshold = i.FixedChange ?? ReliableChange[code];
        return gain >= threshold ? "improved" : gain <= -threshold ? "worsened" : "unchanged";
    }
}

public sealed record OutcomeRow(string Instrument, int WithTwoScores, Proportion ReliableImprovement, int CasesAtFirst, Proportion Recovery);

public sealed record PsychosocialFiguresDto(string From, string To, string Scope, bool SmallCellsSuppressed, int PeopleSupported, IReadOnlyList<FigureTable> People,
    int Consultations, int GroupSessions, int RegisteredAttendances, int AnonymousAttendances, IReadOnlyList<OutcomeRow> Outcomes, string Method);

/// <summary>
/// Programme figures of psychosocial support: people supported (a consultation, or named attendance at a group session, in
/// the period) by sex and age band, consultations, group sessions delivered and attendance, and for each instrument the
/// share of people with two or more complete scores who improved reliably (the fixed threshold in common use) and, of those
/// at caseness at the first score, the share recovered. Supervisors see their organisation in full; managers and M&E
/// officers see every organisation with cells of 1–4 suppressed.
/// </summary>
public sealed class PsychosocialFigures(QadamDbContext db, TimeProvider clock, Access access)
{
    public async Task<(PsychosocialFiguresDto? Figures, FieldErrors Errors)> ComputeAsync(CurrentUser user, string? fromText, string? toText, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.PsychosocialFigures);
        var errors = new FieldErrors();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = Date(fromText, "from", false, errors) ?? today.AddYears(-1);
        var to = Date(toText, "to", false, errors) ?? today;
        if (to < from) errors.Add("to", "Validation.EndBeforeStart");
        if (errors.Any) return (null, errors);
        var all = !user.IsIn(Roles.Supervisor);
        var org = user.OrganisationId;
        var consultations = await db.Consultations.AsNoTracking().Where(c => c.Date >= from && c.Date <= to && (all || c.OrganisationId == org))
            .Select(c => c.PersonId).ToListAsync(ct);
        var sessions = db.ActivitySessions.Where(s => s.Date >= from && s.Date <= to
            && db.GroupActivities.Any(a => a.Id == s.ActivityId && (all || a.OrganisationId == org) && a.Kind != ActivityKind.Training));
        var sessionCount = await sessions.CountAsync(ct);
        var attendees = await db.SessionAttendances.AsNoTracking().Where(a => sessions.Any(s => s.Id == a.SessionId)).Select(a => a.PersonId).ToListAsync(ct);
        var anonymous = await db.SessionHeadcounts.AsNoTracking().Where(h => sessions.Any(s => s.Id == h.SessionId)).SumAsync(h => (int?)h.Count, ct) ?? 0;
        var supported = consultations.Concat(attendees).Distinct().ToList();
        // Only unencrypted, non-identifying columns (sex, date of birth) are read, without the person filter: figures are aggregates.
        var people = await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => supported.Contains(p.Id)).Select(p => new { p.Sex, p.DateOfBirth }).ToListAsync(ct);
        var bands = Enum.GetValues<AgeBand>().Select(b => b.ToString()).ToList();
        string Band(DateOnly? dob)
        {
            if (dob is not { } d) return "unknown";
            var age = to.Year - d.Year - (to < d.AddYears(to.Year - d.Year) ? 1 : 0);
            return (age < 15 ? AgeBand.Under15 : age < 18 ? AgeBand.From15To17 : age < 25 ? AgeBand.From18To24 : age < 30 ? AgeBand.From25To29 : AgeBand.From30).ToString();
        }
        List<Cell> Cells(IEnumerable<string> keys, IEnumerable<string> order) => HotlineFigures.Count(keys, order, all);
        var tables = new List<FigureTable>
        {
            new("sex", people.Count, Cells(people.Select(p => p.Sex == Sex.Female ? "female" : "male"), ["female", "male"])),
            new("ageBand", people.Count, Cells(people.Select(p => Band(p.DateOfBirth)), bands)),
        };

        var scores = await db.Measurements.AsNoTracking().Where(m => m.TakenOn <= to && m.Complete && (all || m.OrganisationId == org))
            .Select(m => new { m.PersonId, m.Instrument, m.TakenOn, m.CreatedAt, m.Total, m.Caseness }).ToListAsync(ct);
        var outcomes = new List<OutcomeRow>();
        foreach (var instrument in Instrument.All)
        {
            var pairs = scores.Where(s => s.Instrument == instrument.Code).GroupBy(s => s.PersonId)
                .Select(g => g.OrderBy(s => s.TakenOn).ThenBy(s => s.CreatedAt).ToList()).Where(l => l.Count >= 2 && l[^1].TakenOn >= from)
                .Select(l => (First: l[0], Last: l[^1])).ToList();
            if (pairs.Count == 0) continue;
            var improved = pairs.Count(p => Caseload.Direction(instrument.Code, p.First.Total, p.Last.Total) == "improved");
            var cases = pairs.Where(p => p.First.Caseness == true).ToList();
            var recovered = cases.Count(p => p.Last.Caseness == false);
            outcomes.Add(new OutcomeRow(instrument.Code, pairs.Count, HotlineFigures.Share(improved, pairs.Count, all), cases.Count, HotlineFigures.Share(recovered, cases.Count, all)));
        }
        var hiddenCount = all && supported.Count is > 0 and < HotlineFigures.SmallCell;
        return (new PsychosocialFiguresDto(Iso(from), Iso(to), all ? "all" : "organisation", all, hiddenCount ? 0 : supported.Count, tables, consultations.Count, sessionCount,
            attendees.Count, anonymous, outcomes,
            "Improvement: the first and last complete score of each person differ by at least the instrument's fixed threshold (PHQ-9 6, GAD-7 4, WHO-5 10 points; " +
            "BRS 0.73 and K10 5 by the Jacobson–Truax index with published reliability and SD). Recovery: at caseness at the first score and not at the last."), errors);
    }
}
