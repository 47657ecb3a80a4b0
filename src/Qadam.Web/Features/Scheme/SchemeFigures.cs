using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Statistics;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Scheme;

/// <summary>Employment at one milestone: the denominator (completers whose follow-up is due), how many were reached,
/// how many were lost to follow-up, and full-time employment among those reached and among all due (lost counted as
/// not employed — the lower bound). Counts of 1–4 are suppressed (null), and so are the cells that would give them back.</summary>
public sealed record MilestoneFigure(string Milestone, int? Due, int? Reached, int? LostToFollowUp, int? FullTime, double? ShareOfReached, double? ShareOfDue)
{
    /// <summary>Reached over due: the response rate (differential attrition between the groups is the first thing to check).</summary>
    public double? ResponseRate => Due is > 0 && Reached is { } r ? Math.Round((double)r / Due.Value, 3) : null;
}
public sealed record FigureRow(string Group, int? Applicants, int? Placed, int? Active, int? Completed, int? DroppedOut, int? Terminated, IReadOnlyList<MilestoneFigure> Milestones);
public sealed record SchemeFiguresDto(FigureRow Overall, IReadOnlyList<FigureRow> BySex, IReadOnlyList<FigureRow> ByAgeBand, IReadOnlyList<FigureRow> ByRegion,
    int SuppressionThreshold, string AsOf, string Method)
{
    /// <summary>The comparison group (eligible applicants never placed, followed up from their cohort's planned end), milestone by milestone.</summary>
    public IReadOnlyList<MilestoneFigure> Comparison { get; init; } = [];
}

/// <summary>
/// The scheme's figures, every one computed from the records with its denominator shown. "Employed full-time at
/// completion" is full-time at the completion follow-up among completers reached, with those not reached shown
/// beside it as lost to follow-up, never silently dropped.
/// </summary>
public sealed class SchemeFigures(QadamDbContext db, TimeProvider clock, Access access)
{
    public const int Threshold = 5;

    public async Task<SchemeFiguresDto> ComputeAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeFigures);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // Aggregates only (sex and birth date projected, cells below 5 suppressed), for roles that see no person at all:
        // the one place that reads people around the scope, on purpose.
        var applicants = await (from a in db.SchemeApplicants.AsNoTracking()
                                join p in db.People.IgnoreQueryFilters() on a.PersonId equals p.Id
                                where a.OrganisationId == user.OrganisationId && a.Status != ApplicantStatus.Withdrawn
                                select new { a.Id, a.AppliedOn, a.RegionCode, p.Sex, p.DateOfBirth }).ToListAsync(ct);
        var ids = applicants.Select(a => a.Id).ToList();
        var placements = (await db.Placements.AsNoTracking().Where(p => ids.Contains(p.ApplicantId)).Select(p => new { p.ApplicantId, p.Status, p.EndsOn, p.Id }).ToListAsync(ct))
            .GroupBy(p => p.ApplicantId).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Id).First());
        var followUps = (await db.FollowUps.AsNoTracking().Where(f => ids.Contains(f.ApplicantId)).ToListAsync(ct)).ToLookup(f => f.ApplicantId);

        var units = applicants.Select(a => new Unit(a.Sex == Sex.Female ? "female" : "male", Band(a.DateOfBirth, a.AppliedOn), a.RegionCode ?? "",
            placements.TryGetValue(a.Id, out var s) ? s.Status : null, placements.TryGetValue(a.Id, out var e) ? e.EndsOn : null, followUps[a.Id].ToList())).ToList();
        var milestones = new[] { FollowUpMilestone.Completion, FollowUpMilestone.Month3, FollowUpMilestone.Month6, FollowUpMilestone.Month12 };
        Raw Count(IReadOnlyCollection<Unit> xs) => new(xs.Count,
            [xs.Count(u => u.Status == PlacementStatus.Active), xs.Count(u => u.Status == PlacementStatus.Completed),
             xs.Count(u => u.Status == PlacementStatus.DroppedOut), xs.Count(u => u.Status == PlacementStatus.Terminated)],
            milestones.Select(m =>
            {
                // Due: every completer whose milestone date has passed, whether or not a follow-up was ever scheduled —
                // a completer nobody followed up counts as lost, never as missing from the denominator.
                var due = xs.Where(u => u.Status == PlacementStatus.Completed && u.EndsOn is { } end && end.AddMonths((int)m) <= today)
                    .Select(u => u.FollowUps.FirstOrDefault(f => f.Milestone == m)).ToList();
                var reached = due.Count(f => f?.Employment is not null);
                return (Reached: reached, Lost: due.Count - reached, FullTime: due.Count(f => f?.Employment == EmploymentStatus.FullTime));
            }).ToArray());
        var overall = Count(units);
        var dimensions = new[]
        {
            units.GroupBy(u => u.Sex).OrderBy(g => g.Key).Select(g => (g.Key, Count(g.ToList()))).ToList(),
            units.GroupBy(u => u.AgeBand).OrderBy(g => g.Key).Select(g => (g.Key, Count(g.ToList()))).ToList(),
            units.GroupBy(u => u.Region).OrderBy(g => g.Key).Select(g => (g.Key, Count(g.ToList()))).ToList(),
        };

        // Complementary suppression (Qadam.Statistics.Disclosure), table by table: per dimension the groups are the rows
        // and the overall figures the margins (placed = active + completed + dropped out + terminated; due = reached + lost),
        // so no hidden cell can be recomputed from its group's other figures or from the overall row. The overall row is
        // shared by the three dimensions: a total hidden in one is hidden in all, and the tables are suppressed again
        // until they agree.
        var hiddenOverall = new HashSet<string>();
        List<FigureRow>[] rows;
        while (true)
        {
            var before = hiddenOverall.Count;
            rows = dimensions.Select(groups => Suppressed(groups, hiddenOverall)).ToArray();
            if (hiddenOverall.Count == before) break;
        }
        var overallRow = Suppressed([("all", overall)], hiddenOverall, overallOnly: true)[0];
        // The comparison group: never placed, followed up at the same milestones (their follow-ups carry the due dates).
        var comparison = milestones.Select(m =>
        {
            var due = units.Where(u => u.Status is null).Select(u => u.FollowUps.FirstOrDefault(f => f.Milestone == m)).Where(f => f is not null && f.DueOn <= today).ToList();
            var reached = due.Count(f => f!.Employment is not null);
            var t = Disclosure.Suppress(new long[,] { { reached, due.Count - reached } });
            var full = Disclosure.Suppress(new long[,] { { due.Count(f => f!.Employment == EmploymentStatus.FullTime) } });
            return Figure(m, t[0, 2], t[0, 0], t[0, 1], full[0, 0]);
        }).ToList();
        return new SchemeFiguresDto(overallRow, rows[0], rows[1], rows[2], Threshold, today.ToString("yyyy-MM-dd"),
            "Counts from the records; status is each applicant's latest placement. Employment share = full-time at the milestone among completers reached; "
            + "the lower bound counts those lost to follow-up as not employed. Counts of 1–4 are suppressed, and so are the cells that would let them be "
            + "recomputed from a row or a total (complementary suppression); a share is shown only when its numerator and denominator are.") { Comparison = comparison };

        List<FigureRow> Suppressed(IReadOnlyList<(string Key, Raw Raw)> groups, HashSet<string> hidden, bool overallOnly = false)
        {
            var k = groups.Count;
            // Overall cells are the margins (row k); hidden ones stay hidden.
            SafeTable Table(Func<Raw, long[]> cells, string[] keys, string grand)
            {
                var interior = new long[k, keys.Length];
                for (var i = 0; i < k; i++) { var v = cells(groups[i].Raw); for (var j = 0; j < keys.Length; j++) interior[i, j] = v[j]; }
                var t = Disclosure.Suppress(interior, Threshold, (i, j) => i == k && hidden.Contains(j < keys.Length ? keys[j] : grand));
                if (!overallOnly)
                {
                    for (var j = 0; j < keys.Length; j++) if (t.ColumnTotal(j).Hidden) hidden.Add(keys[j]);
                    if (t.GrandTotal.Hidden) hidden.Add(grand);
                }
                return t;
            }
            var applicantsTable = Table(r => [r.Applicants], ["applicants"], "applicants");
            var statusTable = Table(r => r.Statuses.Select(x => (long)x).ToArray(), ["active", "completed", "droppedOut", "terminated"], "placed");
            var milestoneTables = milestones.Select((m, n) => (
                Follow: Table(r => [r.Milestones[n].Reached, r.Milestones[n].Lost], [$"{m}.reached", $"{m}.lost"], $"{m}.due"),
                Full: Table(r => [r.Milestones[n].FullTime], [$"{m}.fullTime"], $"{m}.fullTime"))).ToList();
            // With overallOnly the one "group" is the overall row itself: its cells are the tables' interior (row 0).
            return groups.Select((g, i) => new FigureRow(g.Key, Show(applicantsTable[i, 0]), Show(statusTable.RowTotal(i)), Show(statusTable[i, 0]),
                Show(statusTable[i, 1]), Show(statusTable[i, 2]), Show(statusTable[i, 3]),
                milestones.Select((m, n) => Figure(m, milestoneTables[n].Follow.RowTotal(i), milestoneTables[n].Follow[i, 0], milestoneTables[n].Follow[i, 1], milestoneTables[n].Full[i, 0])).ToList()))
                .ToList();
        }
    }

    private static int? Show(SafeCell c) => c.Hidden ? null : (int)c.Count;

    private static MilestoneFigure Figure(FollowUpMilestone m, SafeCell due, SafeCell reached, SafeCell lost, SafeCell fullTime) =>
        new(m.ToString(), Show(due), Show(reached), Show(lost), Show(fullTime),
            Disclosure.Rate(fullTime, reached) is { } a ? Math.Round(a, 3) : null, Disclosure.Rate(fullTime, due) is { } b ? Math.Round(b, 3) : null);

    private sealed record Raw(int Applicants, int[] Statuses, (int Reached, int Lost, int FullTime)[] Milestones);

    private static int? Cell(int n) => n is > 0 and < Threshold ? null : n;

    private static string Band(DateOnly? birth, DateOnly on)
    {
        if (birth is not { } b) return "unknown";
        var age = on.Year - b.Year - (on < b.AddYears(on.Year - b.Year) ? 1 : 0);
        return age switch { < 15 => "Under15", <= 17 => "From15To17", <= 24 => "From18To24", <= 29 => "From25To29", _ => "From30" };
    }

    private sealed record Unit(string Sex, string AgeBand, string Region, PlacementStatus? Status, DateOnly? EndsOn, List<FollowUp> FollowUps);
}
