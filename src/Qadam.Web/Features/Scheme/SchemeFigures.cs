using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Scheme;

/// <summary>Employment at one milestone: the denominator (completers whose follow-up is due), how many were reached,
/// how many were lost to follow-up, and full-time employment among those reached and among all due (lost counted as
/// not employed — the lower bound). Counts of 1–4 are suppressed (null) so that small groups are never revealed.</summary>
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
        FigureRow Row(string group, IReadOnlyCollection<Unit> xs)
        {
            var milestones = new[] { FollowUpMilestone.Completion, FollowUpMilestone.Month3, FollowUpMilestone.Month6, FollowUpMilestone.Month12 }.Select(m =>
            {
                // Due: every completer whose milestone date has passed, whether or not a follow-up was ever scheduled —
                // a completer nobody followed up counts as lost, never as missing from the denominator.
                var due = xs.Where(u => u.Status == PlacementStatus.Completed && u.EndsOn is { } end && end.AddMonths((int)m) <= today)
                    .Select(u => u.FollowUps.FirstOrDefault(f => f.Milestone == m)).ToList();
                var reached = due.Count(f => f?.Employment is not null);
                var fullTime = due.Count(f => f?.Employment == EmploymentStatus.FullTime);
                int? sDue = Cell(due.Count), sReached = Cell(reached), sFull = Cell(fullTime);
                return new MilestoneFigure(m.ToString(), sDue, sReached, Cell(due.Count - reached), sFull,
                    sFull is null || sReached is null || reached == 0 ? null : Math.Round((double)fullTime / reached, 3),
                    sFull is null || sDue is null || due.Count == 0 ? null : Math.Round((double)fullTime / due.Count, 3));
            }).ToList();
            return new FigureRow(group, Cell(xs.Count), Cell(xs.Count(u => u.Status is not null)), Cell(xs.Count(u => u.Status == PlacementStatus.Active)),
                Cell(xs.Count(u => u.Status == PlacementStatus.Completed)), Cell(xs.Count(u => u.Status == PlacementStatus.DroppedOut)),
                Cell(xs.Count(u => u.Status == PlacementStatus.Terminated)), milestones);
        }
        // The comparison group: never placed, followed up at the same milestones (their follow-ups carry the due dates).
        var comparison = new[] { FollowUpMilestone.Completion, FollowUpMilestone.Month3, FollowUpMilestone.Month6, FollowUpMilestone.Month12 }.Select(m =>
        {
            var due = units.Where(u => u.Status is null).Select(u => u.FollowUps.FirstOrDefault(f => f.Milestone == m)).Where(f => f is not null && f.DueOn <= today).ToList();
            var reached = due.Count(f => f!.Employment is not null);
            var fullTime = due.Count(f => f!.Employment == EmploymentStatus.FullTime);
            int? sDue = Cell(due.Count), sReached = Cell(reached), sFull = Cell(fullTime);
            return new MilestoneFigure(m.ToString(), sDue, sReached, Cell(due.Count - reached), sFull,
                sFull is null || sReached is null || reached == 0 ? null : Math.Round((double)fullTime / reached, 3),
                sFull is null || sDue is null || due.Count == 0 ? null : Math.Round((double)fullTime / due.Count, 3));
        }).ToList();
        return new SchemeFiguresDto(Row("all", units),
            units.GroupBy(u => u.Sex).OrderBy(g => g.Key).Select(g => Row(g.Key, g.ToList())).ToList(),
            units.GroupBy(u => u.AgeBand).OrderBy(g => g.Key).Select(g => Row(g.Key, g.ToList())).ToList(),
            units.GroupBy(u => u.Region).OrderBy(g => g.Key).Select(g => Row(g.Key, g.ToList())).ToList(),
            Threshold, today.ToString("yyyy-MM-dd"),
            "Counts from the records; status is each applicant's latest placement. Employment share = full-time at the milestone among completers reached; "
            + "the lower bound counts those lost to follow-up as not employed. Counts of 1–4 are suppressed.") { Comparison = comparison };
    }

    private static int? Cell(int n) => n is > 0 and < Threshold ? null : n;

    private static string Band(DateOnly? birth, DateOnly on)
    {
        if (birth is not { } b) return "unknown";
        var age = on.Year - b.Year - (on < b.AddYears(on.Year - b.Year) ? 1 : 0);
        return age switch { < 15 => "Under15", <= 17 => "From15To17", <= 24 => "From18To24", <= 29 => "From25To29", _ => "From30" };
    }

    private sealed record Unit(string Sex, string AgeBand, string Region, PlacementStatus? Status, DateOnly? EndsOn, List<FollowUp> FollowUps);
}
