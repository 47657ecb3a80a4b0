using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Matching;
using Qadam.Statistics;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Scheme;

public sealed record LotteryInput(string? RegionCode, string? Cohort, string? StartsOn);

/// <param name="Eligible">Applicants of the cohort with at least one position within reach (the default matching rules).</param>
/// <param name="Places">Places of the positions within reach of at least one eligible applicant.</param>
/// <param name="Priority">Applicants carried over from an earlier lottery's waiting list: they get places before the draw.</param>
public sealed record LotteryPreview(string RegionCode, string Cohort, string StartsOn, int Eligible, int Places, int Priority, bool Oversubscribed,
    IReadOnlyList<LotteryStratumDto> Strata);

public sealed record LotteryStratumDto(string Stratum, string Region, string Sex, int Eligible, int Places);

public sealed record LotteryEntrantDto(Guid ApplicantId, string Name, string Stratum, bool Priority, bool? Drawn, int? WaitingRank, bool Placed);

/// <param name="Seed">Shown once the draw is made (before, only the plan's hash is, so nobody can compute the draw in advance).</param>
/// <param name="Reproduced">The draw recomputed from the stored plan and seed gives the stored result (checked on every read).</param>
public sealed record LotteryDto(Guid Id, string RegionCode, string Cohort, string StartsOn, int Places, int PriorityPlaces, int Eligible, string PlanHash,
    long? Seed, string Status, DateTimeOffset LockedAt, DateTimeOffset? DrawnAt, IReadOnlyList<LotteryStratumDto> Strata, IReadOnlyList<LotteryEntrantDto> Entrants,
    bool? Reproduced, int Version);

/// <summary>
/// A fair lottery for an oversubscribed cohort (issue #11): the coordinator previews eligibility, locks the plan (strata,
/// seed, eligible list, hash: like a pre-registered study), then draws. Winners go to optimal matching as before (a run
/// on the cohort takes only them); those not drawn form the waiting list, in random priority order, and are the
/// randomised comparison group: they are followed up at the cohort's milestones (with consent) and left out of the
/// cohort's matching runs. The waiting list can be carried over to a later cohort, whose lottery gives them places first.
/// </summary>
public sealed class Lotteries(QadamDbContext db, MatchRuns runs, AuditLog audit, TimeProvider clock, Access access)
{
    public IQueryable<CohortLottery> Visible(CurrentUser user) => db.CohortLotteries.Where(l => l.OrganisationId == user.OrganisationId);

    public async Task<(LotteryPreview? Preview, FieldErrors Errors)> PreviewAsync(LotteryInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var (plan, errors) = await PlanAsync(input, user, ct);
        return (plan?.Preview, errors);
    }

    private sealed record Plan(LotteryPreview Preview, DateOnly Starts, List<LotteryEntrant> Entrants, List<Guid> Priority);

    private async Task<(Plan? Plan, FieldErrors Errors)> PlanAsync(LotteryInput input, CurrentUser user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var region = string.IsNullOrWhiteSpace(input.RegionCode) ? null : input.RegionCode.Trim().ToUpperInvariant();
        if (region is null) errors.Add("regionCode", "Validation.Required");
        else if (!await db.Regions.AnyAsync(r => r.Code == region, ct)) errors.Add("regionCode", "Validation.Region");
        var cohort = Text(input.Cohort, "cohort", 100, true, errors);
        var starts = Date(input.StartsOn, "startsOn", true, errors);
        if (errors.Any) return (null, errors);
        if (await Visible(user).AnyAsync(l => l.RegionCode == region && l.Cohort == cohort, ct)) return (null, errors.Add("cohort", "Validation.LotteryExists"));

        var settings = new RunSettings("lottery", region, cohort, starts!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "optimal", new ScoringWeights(), null, false);
        var snapshot = await runs.SnapshotAsync(settings, starts.Value, user, ct);
        // Within reach: the pairs the matching would allow under the default rules (distance, skills).
        var reachable = new HashSet<Guid>();
        var eligible = new List<SnapApplicant>();
        foreach (var a in snapshot.Applicants)
        {
            var any = false;
            foreach (var p in snapshot.Positions)
            {
                if (!MatchRuns.Score(a, p, settings.Weights).Allowed) continue;
                any = true;
                reachable.Add(p.Id);
            }
            if (any) eligible.Add(a);
        }
        var places = snapshot.Positions.Where(p => reachable.Contains(p.Id)).Sum(p => p.Places);
        var ids = eligible.Select(a => a.Id).ToList();
        // Carried over from an earlier lottery's waiting list (a different cohort): they hold a place before the draw.
        var priority = await (from e in db.LotteryEntries
                              join l in db.CohortLotteries on e.LotteryId equals l.Id
                              where ids.Contains(e.ApplicantId) && e.Drawn == false && l.Cohort != cohort
                              orderby e.WaitingRank
                              select e.ApplicantId).Distinct().ToListAsync(ct);
        var personIds = eligible.Select(a => a.PersonId).ToList();
        var sexes = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).Select(p => new { p.Id, p.Sex }).ToDictionaryAsync(p => p.Id, p => p.Sex, ct);
        var entrants = eligible.Where(a => !priority.Contains(a.Id))
            .Select(a => new LotteryEntrant(a.Id.ToString(), $"{a.Region}|{(sexes.TryGetValue(a.PersonId, out var sex) ? sex.ToString().ToLowerInvariant() : "unknown")}")).ToList();
        var drawnPlaces = Math.Max(0, places - priority.Count);
        var strata = entrants.GroupBy(e => e.Stratum).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LotteryStratumDto(g.Key, g.Key.Split('|')[0], g.Key.Split('|')[1], g.Count(), 0)).ToList();
        if (drawnPlaces > 0 && entrants.Count > drawnPlaces)
        {
            var shares = Lottery.Draw(entrants, drawnPlaces, 0).Strata.ToDictionary(s => s.Stratum, s => s.Places); // the allotment does not depend on the seed
            strata = strata.Select(s => s with { Places = shares[s.Stratum] }).ToList();
        }
        var preview = new LotteryPreview(region!, cohort!, settings.StartsOn, eligible.Count, places, priority.Count, drawnPlaces > 0 && entrants.Count > drawnPlaces, strata);
        return (new Plan(preview, starts.Value, entrants, priority), errors);
    }

    /// <summary>Locks the plan: the eligible list with strata, the places and a fresh random seed, under one hash. Refused when the cohort is not oversubscribed.</summary>
    public async Task<(LotteryDto? Lottery, FieldErrors Errors)> LockAsync(LotteryInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var (plan, errors) = await PlanAsync(input, user, ct);
        if (plan is null) return (null, errors);
        if (!plan.Preview.Oversubscribed) return (null, errors.Add("cohort", "Validation.NotOversubscribed"));
        var seed = (long)(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) >> 1) | 1; // positive, never 0
        var places = plan.Preview.Places - plan.Priority.Count;
        var lottery = new CohortLottery
        {
            OrganisationId = user.OrganisationId, RegionCode = plan.Preview.RegionCode, Cohort = plan.Preview.Cohort, StartsOn = plan.Starts,
            Places = places, PriorityPlaces = plan.Priority.Count, Seed = seed, PlanHash = Lottery.PlanHash(plan.Entrants, places, (ulong)seed),
            LockedByUserId = user.Id, LockedAt = clock.GetUtcNow(),
        };
        db.CohortLotteries.Add(lottery);
        db.LotteryEntries.AddRange(plan.Entrants.Select(e => new LotteryEntry { LotteryId = lottery.Id, ApplicantId = Guid.Parse(e.Id), Stratum = e.Stratum }));
        db.LotteryEntries.AddRange(plan.Priority.Select(id => new LotteryEntry { LotteryId = lottery.Id, ApplicantId = id, Stratum = "priority", Priority = true }));
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Lottery_Locked, nameof(CohortLottery), lottery.Id.ToString(),
            new { lottery.RegionCode, lottery.Cohort, eligible = plan.Entrants.Count, places, priority = plan.Priority.Count, hash = lottery.PlanHash })], ct);
        return (await GetAsync(lottery.Id, user, ct, audited: false), errors);
    }

    /// <summary>
    /// Draws from the locked record alone (the plan is re-hashed first: a changed entry list refuses the draw), marks the
    /// winners and the waiting list with its priority, and schedules the follow-ups of those not drawn who consented to
    /// follow-up contact, at the same milestones as the cohort's completers (from its planned end). Once only.
    /// </summary>
    public async Task<LotteryDto?> DrawAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var lottery = await Visible(user).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lottery is null) return null;
        lottery.MarkDrawn(user.Id, clock.GetUtcNow()); // throws when drawn already
        var entries = await db.LotteryEntries.Where(e => e.LotteryId == id).ToListAsync(ct);
        var draw = Recompute(lottery, entries);
        if (draw.PlanHash != lottery.PlanHash) throw new DomainException("lottery.plan_changed", "The lottery's plan no longer matches its locked hash; it cannot be drawn.");
        var rank = draw.WaitingList.Select((a, i) => (a, i)).ToDictionary(x => Guid.Parse(x.a), x => x.i + 1);
        var winners = draw.Drawn.Select(Guid.Parse).ToHashSet();
        foreach (var e in entries)
        {
            e.Drawn = e.Priority || winners.Contains(e.ApplicantId);
            e.WaitingRank = rank.TryGetValue(e.ApplicantId, out var r) ? r : null;
        }
        var waiting = rank.Keys.ToList();
        var followed = await db.SchemeApplicants
            .Where(a => waiting.Contains(a.Id) && a.Status == ApplicantStatus.Applied
                && db.Consents.Any(c => c.PersonId == a.PersonId && c.Purpose == ConsentPurpose.FollowUpContact && c.WithdrawnAt == null)
                && !db.FollowUps.Any(f => f.ApplicantId == a.Id))
            .Select(a => a.Id).ToListAsync(ct);
        foreach (var applicant in followed) db.FollowUps.AddRange(PlacementService.FollowUpSchedule(applicant, lottery.StartsOn.AddMonths(3)));
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Lottery_Drawn, nameof(CohortLottery), id.ToString(),
            new { hash = lottery.PlanHash, seed = lottery.Seed, drawn = draw.Drawn.Count, waiting = waiting.Count, comparisonFollowedUp = followed.Count })], ct);
        return await GetAsync(id, user, ct, audited: false);
    }

    /// <summary>Moves the waiting list (still applying) to a later cohort, keeping their priority: that cohort's lottery gives them places first.</summary>
    public async Task<(bool Found, int Moved, FieldErrors Errors)> CarryOverAsync(Guid id, string? cohort, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var errors = new FieldErrors();
        var lottery = await Visible(user).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lottery is null) return (false, 0, errors);
        var target = Text(cohort, "cohort", 100, true, errors);
        if (lottery.Status != LotteryStatus.Drawn) errors.Add("cohort", "Validation.LotteryNotDrawn");
        else if (target == lottery.Cohort) errors.Add("cohort", "Validation.SameCohort");
        if (errors.Any) return (true, 0, errors);
        var waiting = await db.LotteryEntries.Where(e => e.LotteryId == id && e.Drawn == false).Select(e => e.ApplicantId).ToListAsync(ct);
        var applicants = await db.SchemeApplicants.Where(a => waiting.Contains(a.Id) && a.Status == ApplicantStatus.Applied && a.Cohort == lottery.Cohort).ToListAsync(ct);
        foreach (var a in applicants) a.Cohort = target;
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Lottery_CarriedOver, nameof(CohortLottery), id.ToString(), new { to = target, moved = applicants.Count })], ct);
        return (true, applicants.Count, errors);
    }

    public async Task<List<LotteryDto>> ListAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var list = await Visible(user).AsNoTracking().OrderByDescending(l => l.LockedAt).Take(100).ToListAsync(ct);
        var ids = list.Select(l => l.Id).ToList();
        var counts = await db.LotteryEntries.Where(e => ids.Contains(e.LotteryId) && !e.Priority).GroupBy(e => e.LotteryId).Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return list.Select(l => ToDto(l, counts.GetValueOrDefault(l.Id), [], [], null)).ToList();
    }

    /// <summary>The lottery with its strata and entrants (names of people are read: audited as a listing), and a check that the draw reproduces.</summary>
    public async Task<LotteryDto?> GetAsync(Guid id, CurrentUser user, CancellationToken ct, bool audited = true)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var lottery = await Visible(user).AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lottery is null) return null;
        var entries = await db.LotteryEntries.AsNoTracking().Where(e => e.LotteryId == id).ToListAsync(ct);
        var applicantIds = entries.Select(e => e.ApplicantId).ToList();
        var applicants = await db.SchemeApplicants.AsNoTracking().Where(a => applicantIds.Contains(a.Id)).Select(a => new { a.Id, a.PersonId }).ToDictionaryAsync(a => a.Id, ct);
        var personIds = applicants.Values.Select(a => a.PersonId).ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var placed = (await db.Placements.AsNoTracking().Where(p => applicantIds.Contains(p.ApplicantId)).Select(p => p.ApplicantId).ToListAsync(ct)).ToHashSet();
        if (audited)
            await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Lottery_Viewed, nameof(CohortLottery), id.ToString()),
                .. AuditEntry.Listed(people.Values, user.Actor, AuditAction.Applicant_Listed, "lottery", id)], ct);
        string Name(Guid applicant) => applicants.TryGetValue(applicant, out var a) && people.TryGetValue(a.PersonId, out var p) ? $"{p.GivenName} {p.FamilyName}" : "—";
        var regular = entries.Where(e => !e.Priority).ToList();
        bool? reproduced = null;
        var strata = regular.GroupBy(e => e.Stratum).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LotteryStratumDto(g.Key, g.Key.Split('|')[0], g.Key.Split('|')[1], g.Count(), 0)).ToList();
        var draw = Recompute(lottery, entries);
        strata = strata.Select(s => s with { Places = draw.Strata.First(x => x.Stratum == s.Stratum).Places }).ToList();
        if (lottery.Status == LotteryStatus.Drawn)
        {
            var winners = draw.Drawn.Select(Guid.Parse).ToHashSet();
            reproduced = draw.PlanHash == lottery.PlanHash && regular.All(e => e.Drawn == winners.Contains(e.ApplicantId));
        }
        var entrants = entries.OrderByDescending(e => e.Priority).ThenByDescending(e => e.Drawn == true).ThenBy(e => e.WaitingRank).ThenBy(e => Name(e.ApplicantId), StringComparer.CurrentCulture)
            .Select(e => new LotteryEntrantDto(e.ApplicantId, Name(e.ApplicantId), e.Stratum, e.Priority, e.Drawn, e.WaitingRank, placed.Contains(e.ApplicantId))).ToList();
        return ToDto(lottery, regular.Count, strata, entrants, reproduced);
    }

    private static LotteryDraw Recompute(CohortLottery lottery, IEnumerable<LotteryEntry> entries) =>
        Lottery.Draw(entries.Where(e => !e.Priority).Select(e => new LotteryEntrant(e.ApplicantId.ToString(), e.Stratum)).ToList(), lottery.Places, (ulong)lottery.Seed);

    private static LotteryDto ToDto(CohortLottery l, int eligible, IReadOnlyList<LotteryStratumDto> strata, IReadOnlyList<LotteryEntrantDto> entrants, bool? reproduced) =>
        new(l.Id, l.RegionCode, l.Cohort, l.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.Places, l.PriorityPlaces, eligible, l.PlanHash,
            l.Status == LotteryStatus.Drawn ? l.Seed : null, l.Status.ToString(), l.LockedAt, l.DrawnAt, strata, entrants, reproduced, l.Version);
}
