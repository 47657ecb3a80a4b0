using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Matching;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Features.Scheme.SchemeRules;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Scheme;

public sealed record MatchRunInput(string? Title, string? RegionCode, string? Cohort, string? StartsOn, string? Mode, int? PerKm, int? PerMissingSkill,
    int? SecondChoiceSector, int? LaterChoiceSector, int? MaxMissingSkills, double? WomenShare, bool? MentorCapacity);

public sealed record RunSettings(string Title, string? RegionCode, string? Cohort, string StartsOn, string Mode, ScoringWeights Weights, double? WomenShare, bool MentorCapacity);
public sealed record SnapApplicant(Guid Id, Guid PersonId, bool Woman, string Region, double Lat, double Lon, string[] Skills, string[] Sectors, double MaxKm);
public sealed record SnapPosition(Guid Id, Guid EmployerId, string Title, string Sector, string[] Skills, double Lat, double Lon, int Places);
public sealed record SnapEmployer(Guid Id, string Name, int MentorPlaces);
/// <summary>Everything a run was computed from, frozen at creation, so the run can be reproduced exactly.</summary>
public sealed record RunSnapshot(RunSettings Settings, IReadOnlyList<SnapApplicant> Applicants, IReadOnlyList<SnapPosition> Positions, IReadOnlyList<SnapEmployer> Employers);

public sealed record PairRef(Guid Applicant, Guid Position);
public sealed record RunAdjustments(IReadOnlyList<PairRef> Pins, IReadOnlyList<PairRef> Forbids)
{
    public static readonly RunAdjustments None = new([], []);
}

/// <param name="PositionId">The position proposed (null when not placed).</param>
/// <param name="ConsideredPositionId">For an applicant not placed: the allowed position that came closest (cost + price), which the explanation names.</param>
public sealed record RunRow(Guid ApplicantId, Guid? PositionId, Guid? ConsideredPositionId, string Kind, int? Km, int? SkillsHeld, int? SkillsRequired, int? SectorRank, long Cost, long Price,
    long? Margin, int Alternatives);
public sealed record RunQuota(string Region, int Target, int WomenPlaced, int Placed);
/// <summary>The price of each choice, computed in the same run: the optimum (with the run's quota and mentor capacity), the
/// stable matching (which takes neither), and the optimum without the quota and mentor capacity.</summary>
public sealed record RunComparison(int OptimalAssigned, long OptimalCost, int OptimalBlockingPairs, int StableAssigned, long StableCost, int StableBlockingPairs,
    int UnconstrainedAssigned, long UnconstrainedCost);
/// <param name="BlockingPairs">Pairs of the chosen assignment that would rather have each other: the first
/// <see cref="MatchRuns.BlockingPairsKept"/> in applicant order (their number is in <see cref="RunComparison"/>). A national run
/// has millions, which stored whole made its result 245 MB, read again for every review page.</param>
public sealed record RunResult(string Mode, int Applicants, int Places, int Assigned, long TotalCost, IReadOnlyList<RunRow> Rows, IReadOnlyList<PairRef> BlockingPairs,
    IReadOnlyList<RunQuota> Quota, RunComparison Comparison, double Seconds);

public sealed record MatchRunDto(Guid Id, string Title, string Status, int Progress, RunSettings Settings, RunAdjustments Adjustments, RunResult? Result, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? ApprovedAt, int Version);

/// <summary>Wakes the match runner when a run is queued on this instance.</summary>
public sealed class MatchQueue : JobSignal;

/// <summary>
/// Matching runs: the coordinator picks applicants and positions by region and cohort, sets weights and options;
/// the run is solved in the background (<see cref="MatchRunner"/>), reviewed with explanations, adjusted (pin,
/// forbid, swap → re-solved) and approved into placements, subsidy schedules and employer notices in one
/// transaction.
/// </summary>
public sealed class MatchRuns(QadamDbContext db, AuditLog audit, TimeProvider clock, MatchQueue queue, Access access)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IQueryable<MatchRun> Visible(CurrentUser user) => db.MatchRuns.Where(r => r.OrganisationId == user.OrganisationId);

    public async Task<(MatchRunDto? Run, FieldErrors Errors)> CreateAsync(MatchRunInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var errors = new FieldErrors();
        var title = Text(input.Title, "title", 300, true, errors);
        var region = string.IsNullOrWhiteSpace(input.RegionCode) ? null : input.RegionCode.Trim().ToUpperInvariant();
        if (region is null) errors.Add("regionCode", "Validation.Required");
        else if (!await db.Regions.AnyAsync(r => r.Code == region, ct)) errors.Add("regionCode", "Validation.Region");
        var cohort = Text(input.Cohort, "cohort", 100, false, errors);
        var starts = Date(input.StartsOn, "startsOn", true, errors);
        var mode = (input.Mode ?? "optimal").Trim().ToLowerInvariant();
        if (mode is not ("optimal" or "stable")) errors.Add("mode", "Validation.MatchMode");
        var d = new ScoringWeights();
        var weights = new ScoringWeights(
            Range(input.PerKm ?? d.PerKm, "perKm", 0, 100, true, errors) ?? 0,
            Range(input.PerMissingSkill ?? d.PerMissingSkill, "perMissingSkill", 0, 1000, true, errors) ?? 0,
            Range(input.SecondChoiceSector ?? d.SecondChoiceSector, "secondChoiceSector", 0, 1000, true, errors) ?? 0,
            Range(input.LaterChoiceSector ?? d.LaterChoiceSector, "laterChoiceSector", 0, 1000, true, errors) ?? 0,
            Range(input.MaxMissingSkills ?? d.MaxMissingSkills, "maxMissingSkills", 0, 20, true, errors) ?? 0);
        if (input.WomenShare is < 0 or > 1) errors.Add("womenShare", "Validation.OutOfRange");
        if (mode == "stable" && (input.WomenShare is > 0 || input.MentorCapacity == true)) errors.Add("mode", "Validation.StableNoConstraints");
        if (errors.Any) return (null, errors);

        if (cohort is not null && await db.CohortLotteries.AnyAsync(l => l.OrganisationId == user.OrganisationId && l.RegionCode == region && l.Cohort == cohort
                && l.Status == LotteryStatus.Locked, ct))
            return (null, errors.Add("cohort", "Validation.LotteryNotDrawn"));
        var settings = new RunSettings(title!, region, cohort, starts!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), mode, weights,
            input.WomenShare is > 0 ? input.WomenShare : null, input.MentorCapacity ?? false);
        var snapshot = await SnapshotAsync(settings, starts.Value, user, ct);
        if (snapshot.Applicants.Count == 0) errors.Add("regionCode", "Validation.NoApplicants");
        else if (snapshot.Positions.Count == 0) errors.Add("regionCode", "Validation.NoPositions");
        if (errors.Any) return (null, errors);
        var now = clock.GetUtcNow();
        var run = new MatchRun
        {
            OrganisationId = user.OrganisationId, CreatedByUserId = user.Id, CreatedAt = now, UpdatedAt = now, Title = title!,
            InputJson = JsonSerializer.Serialize(snapshot, Json), SettingsJson = JsonSerializer.Serialize(snapshot.Settings, Json), AdjustmentsJson = JsonSerializer.Serialize(RunAdjustments.None, Json),
        };
        db.MatchRuns.Add(run);
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.MatchRun_Created, nameof(MatchRun), run.Id.ToString(),
            new { region, cohort, applicants = snapshot.Applicants.Count, positions = snapshot.Positions.Count, mode })], ct);
        queue.Signal();
        return (ToDto(run), errors);
    }

    /// <summary>Applicants still waiting (and available by the start date) and positions with places left at that date.</summary>
    internal async Task<RunSnapshot> SnapshotAsync(RunSettings settings, DateOnly starts, CurrentUser user, CancellationToken ct)
    {
        var localities = await db.Localities.AsNoTracking().ToDictionaryAsync(l => l.Id, ct);
        var applicants = await db.SchemeApplicants.AsNoTracking()
            .Where(a => a.OrganisationId == user.OrganisationId && a.Status == ApplicantStatus.Applied && a.RegionCode == settings.RegionCode && a.LocalityId != null)
            .Where(a => settings.Cohort == null || a.Cohort == settings.Cohort)
            .Where(a => a.AvailableFrom == null || a.AvailableFrom <= starts)
            // A lottery cohort: only those drawn (or holding a priority place) are matched; the waiting list is the randomised comparison group.
            .Where(a => !db.CohortLotteries.Any(l => l.OrganisationId == a.OrganisationId && l.RegionCode == a.RegionCode && l.Cohort == a.Cohort)
                || db.LotteryEntries.Any(e => e.ApplicantId == a.Id && e.Drawn == true && db.CohortLotteries.Any(l => l.Id == e.LotteryId && l.Cohort == a.Cohort)))
            .Join(db.People, a => a.PersonId, p => p.Id, (a, p) => new { a, p.Sex, p.MergedIntoId })
            .Where(x => x.MergedIntoId == null)
            .OrderBy(x => x.a.AppliedOn).ThenBy(x => x.a.Id).ToListAsync(ct);
        var employers = await db.Employers.AsNoTracking().Include(e => e.Mentors).Include(e => e.Positions)
            .Where(e => e.OrganisationId == user.OrganisationId && e.RegionCode == settings.RegionCode).OrderBy(e => e.Id).ToListAsync(ct);
        var employerIds = employers.Select(e => e.Id).ToList();
        var active = await db.Placements.AsNoTracking().Where(p => employerIds.Contains(p.EmployerId) && p.Status == PlacementStatus.Active)
            .Select(p => new { p.PositionId, p.EmployerId }).ToListAsync(ct);
        var activeAtPosition = active.CountBy(a => a.PositionId).ToDictionary();
        var activeAtEmployer = active.CountBy(a => a.EmployerId).ToDictionary();
        var positions = new List<SnapPosition>();
        var snapEmployers = new List<SnapEmployer>();
        foreach (var e in employers)
        {
            snapEmployers.Add(new SnapEmployer(e.Id, e.Name, Math.Max(0, e.Mentors.Where(m => m.TrainingDone).Sum(m => m.Capacity) - activeAtEmployer.GetValueOrDefault(e.Id))));
            foreach (var p in e.Positions.OrderBy(p => p.Id))
            {
                if (p.LocalityId is not { } lid || !localities.TryGetValue(lid, out var l)) continue;
                if ((p.StartFrom is { } f && starts < f) || (p.StartTo is { } t && starts > t)) continue;
                var places = p.Slots - activeAtPosition.GetValueOrDefault(p.Id);
                if (places <= 0) continue;
                positions.Add(new SnapPosition(p.Id, e.Id, p.Title, p.Sector ?? "", Split(p.RequiredSkills).ToArray(), l.Latitude, l.Longitude, places));
            }
        }
        var snapApplicants = applicants.Where(x => localities.ContainsKey(x.a.LocalityId!.Value)).Select(x =>
        {
            var l = localities[x.a.LocalityId!.Value];
            return new SnapApplicant(x.a.Id, x.a.PersonId, x.Sex == Sex.Female, x.a.RegionCode ?? "", l.Latitude, l.Longitude, Split(x.a.Skills).ToArray(),
                Split(x.a.PreferredSectors).ToArray(), x.a.MaxTravelKm ?? 0);
        }).ToList();
        return new RunSnapshot(settings, snapApplicants, positions, snapEmployers);
    }

    public async Task<MatchRunDto?> GetAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var run = await Visible(user).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return null;
        await audit.RecordAsync(user.Actor, AuditAction.MatchRun_Viewed, nameof(MatchRun), run.Id.ToString(), ct: ct);
        return ToDto(run);
    }

    /// <summary>One page of a proposal under review: its rows in the snapshot's order (the order applicants applied, so rows stay
    /// put while the coordinator adjusts), the names of those applicants only, and the positions they may be pinned to.</summary>
    public sealed record ReviewPage(MatchRunDto Run, IReadOnlyList<RunRow> Rows, int PageNumber, int Pages, Dictionary<Guid, string> Names,
        Dictionary<Guid, string> Positions, IReadOnlyList<(Guid Id, string Label)> Pinnable);

    /// <summary>
    /// The run for its review page, read once: position labels always; applicants' names only for the page shown, once there
    /// is a proposal to review (that listing is audited on each person shown), so a page refreshing while the job runs reads
    /// no one and a run of 100,000 applicants decrypts 25 names per view.
    /// </summary>
    public async Task<ReviewPage?> ReviewAsync(Guid id, CurrentUser user, int pageNumber, int pageSize, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var run = await Visible(user).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return null;
        var snapshot = JsonSerializer.Deserialize<RunSnapshot>(run.InputJson, Json)!;
        var dto = ToDto(run, snapshot.Settings);
        var entries = new List<AuditEntry> { new(user.Actor, AuditAction.MatchRun_Viewed, nameof(MatchRun), run.Id.ToString()) };
        var rows = dto.Result?.Rows ?? [];
        var pages = Math.Max(1, (rows.Count + pageSize - 1) / pageSize);
        pageNumber = Math.Clamp(pageNumber, 1, pages);
        var shown = rows.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToList();
        var names = new Dictionary<Guid, string>();
        var pinnable = new List<(Guid, string)>();
        var employers = snapshot.Employers.ToDictionary(e => e.Id, e => e.Name);
        var labels = snapshot.Positions.ToDictionary(p => p.Id, p => $"{p.Title} · {employers.GetValueOrDefault(p.EmployerId)}");
        if (run.ResultJson is not null && run.Status is not (MatchRunStatus.Queued or MatchRunStatus.Running))
        {
            var shownIds = shown.Select(x => x.ApplicantId).ToHashSet();
            var applicants = snapshot.Applicants.Where(a => shownIds.Contains(a.Id)).ToList();
            var personIds = applicants.Select(a => a.PersonId).ToList();
            var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            entries.AddRange(AuditEntry.Listed(people.Values, user.Actor, AuditAction.Applicant_Listed, "matchRun", id));
            foreach (var a in applicants) names[a.Id] = people.TryGetValue(a.PersonId, out var p) ? $"{p.GivenName} {p.FamilyName}" : "—";
            // The positions the applicants shown may be pinned to: their allowed pairs, scored for this page only.
            var allowed = Pairs(applicants, snapshot.Positions, snapshot.Settings.Weights);
            pinnable = allowed.Position.Distinct().Order().Select(j => (snapshot.Positions[j].Id, labels[snapshot.Positions[j].Id])).ToList();
        }
        await audit.SaveWithAuditAsync(entries, ct);
        return new ReviewPage(dto, shown, pageNumber, pages, names, labels, pinnable);
    }

    /// <summary>Runs without their results (the list shows title, settings and status only).</summary>
    public async Task<Page<MatchRunDto>> ListAsync(CurrentUser user, string? after, int? pageSize, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var size = Keyset.PageSize(pageSize);
        var q = Visible(user).AsNoTracking();
        // Newest first, one keyset page at a time on (created at, id).
        if (Keyset.ParseInstant(after) is (var at, var id))
            q = q.Where(r => r.CreatedAt < at || (r.CreatedAt == at && r.Id.CompareTo(id) < 0));
        // Only the columns the list shows: never the stored snapshot or result (megabytes per run at national scale).
        var rows = await q.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(size + 1)
            .Select(r => new MatchRun
            {
                Id = r.Id, OrganisationId = r.OrganisationId, Title = r.Title, Status = r.Status, Progress = r.Progress, InputJson = "", SettingsJson = r.SettingsJson,
                AdjustmentsJson = r.AdjustmentsJson, Error = r.Error, CreatedAt = r.CreatedAt, ApprovedAt = r.ApprovedAt, Version = r.Version,
            }).ToListAsync(ct);
        // Runs stored before the settings had a column of their own: read their settings from the snapshot, once.
        var legacy = rows.Where(r => r.SettingsJson is null).Select(r => r.Id).ToList();
        var inputs = legacy.Count == 0 ? [] : await Visible(user).AsNoTracking().Where(r => legacy.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.InputJson, ct);
        var next = Keyset.Cut(rows, size, r => Keyset.Format(r.CreatedAt.UtcTicks, r.Id));
        return new(rows.Select(r => ToDto(r, r.SettingsJson is { } s ? JsonSerializer.Deserialize<RunSettings>(s, Json)! : Settings(inputs[r.Id]), withResult: false)).ToList(), next);
    }

    /// <summary>Pin, forbid, swap or clear, then re-solve. Only a proposed (or failed) run can be adjusted.</summary>
    public async Task<(bool Found, FieldErrors Errors)> AdjustAsync(Guid id, string action, Guid? applicantId, Guid? position, Guid? other, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var errors = new FieldErrors();
        var run = await Visible(user).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return (false, errors);
        if (applicantId is not { } applicant) return (true, errors.Add("applicant", "Validation.Required"));
        if (run.Status is not (MatchRunStatus.Proposed or MatchRunStatus.Failed)) { errors.Add("run", "Validation.RunNotAdjustable"); return (true, errors); }
        var snapshot = JsonSerializer.Deserialize<RunSnapshot>(run.InputJson, Json)!;
        var adj = Adjustments(run);
        var pins = adj.Pins.ToList();
        var forbids = adj.Forbids.ToList();
        bool Known(Guid a, Guid? p) => snapshot.Applicants.Any(x => x.Id == a) && (p is null || snapshot.Positions.Any(x => x.Id == p));
        switch (action)
        {
            case "pin" when position is { } p && Known(applicant, p):
                pins.RemoveAll(x => x.Applicant == applicant);
                forbids.RemoveAll(x => x.Applicant == applicant && x.Position == p);
                pins.Add(new PairRef(applicant, p));
                break;
            case "forbid" when position is { } p && Known(applicant, p):
                pins.RemoveAll(x => x.Applicant == applicant && x.Position == p);
                if (!forbids.Contains(new PairRef(applicant, p))) forbids.Add(new PairRef(applicant, p));
                break;
            case "swap" when other is { } b && Known(applicant, null) && Known(b, null):
                var result = run.ResultJson is null ? null : JsonSerializer.Deserialize<RunResult>(run.ResultJson, Json);
                var pa = result?.Rows.FirstOrDefault(r => r.ApplicantId == applicant)?.PositionId;
                var pb = result?.Rows.FirstOrDefault(r => r.ApplicantId == b)?.PositionId;
                if (pa is null || pb is null || pa == pb) { errors.Add("other", "Validation.SwapNeedsTwoPlaced"); return (true, errors); }
                pins.RemoveAll(x => x.Applicant == applicant || x.Applicant == b);
                pins.Add(new PairRef(applicant, pb.Value));
                pins.Add(new PairRef(b, pa.Value));
                break;
            case "clear" when Known(applicant, null):
                pins.RemoveAll(x => x.Applicant == applicant);
                forbids.RemoveAll(x => x.Applicant == applicant);
                break;
            default:
                errors.Add("action", "Validation.Adjustment");
                return (true, errors);
        }
        run.AdjustmentsJson = JsonSerializer.Serialize(new RunAdjustments(pins, forbids), Json);
        run.Status = MatchRunStatus.Queued;
        run.Progress = 0;
        run.Error = null;
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.MatchRun_Adjusted, nameof(MatchRun), run.Id.ToString(), new { action, applicant, position, other })], ct);
        queue.Signal();
        return (true, errors);
    }

    public async Task<bool> DiscardAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var run = await Visible(user).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return false;
        if (run.Status == MatchRunStatus.Approved) throw new DomainException("run.approved", "An approved run cannot be discarded.");
        run.Status = MatchRunStatus.Discarded;
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.MatchRun_Discarded, nameof(MatchRun), run.Id.ToString())], ct);
        return true;
    }

    /// <summary>
    /// Approval turns the proposal into placements (3 months from the run's start date), a mentor each where the
    /// employer has trained mentors with room, the monthly subsidy schedule, and a notice to each employer — all in
    /// one transaction. If applicants or places changed since the run was computed, nothing is written.
    /// </summary>
    public async Task<(bool Found, int Placed)> ApproveAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var run = await Visible(user).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return (false, 0);
        if (run.Status != MatchRunStatus.Proposed || run.ResultJson is null) throw new DomainException("run.not_proposed", "Only a proposed run can be approved.");
        var snapshot = JsonSerializer.Deserialize<RunSnapshot>(run.InputJson, Json)!;
        var result = JsonSerializer.Deserialize<RunResult>(run.ResultJson, Json)!;
        var starts = DateOnly.ParseExact(snapshot.Settings.StartsOn, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var placedRows = result.Rows.Where(r => r.PositionId is not null && r.Kind is "placed" or "pinned").ToList();
        var applicantIds = placedRows.Select(r => r.ApplicantId).ToList();
        var applicants = await db.SchemeApplicants.Where(a => applicantIds.Contains(a.Id) && a.OrganisationId == user.OrganisationId).ToDictionaryAsync(a => a.Id, ct);
        if (applicants.Count != applicantIds.Count || applicants.Values.Any(a => a.Status != ApplicantStatus.Applied))
            throw new DomainException("run.stale", "Some applicants were placed or withdrew since this run was computed; run the match again.");
        var positionIds = placedRows.Select(r => r.PositionId!.Value).Distinct().ToList();
        var positions = await db.Positions.Where(p => positionIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var employerIds = positions.Values.Select(p => p.EmployerId).Distinct().ToList();
        var employers = await db.Employers.Include(e => e.Mentors).Where(e => employerIds.Contains(e.Id) && e.OrganisationId == user.OrganisationId).ToDictionaryAsync(e => e.Id, ct);
        var active = await db.Placements.Where(p => employerIds.Contains(p.EmployerId) && p.Status == PlacementStatus.Active)
            .Select(p => new { p.PositionId, p.MentorId }).ToListAsync(ct);
        foreach (var g in placedRows.GroupBy(r => r.PositionId!.Value))
            if (!positions.TryGetValue(g.Key, out var pos) || active.Count(a => a.PositionId == g.Key) + g.Count() > pos.Slots)
                throw new DomainException("run.stale", "Places changed since this run was computed; run the match again.");
        var mentorLoad = active.Where(a => a.MentorId != null).GroupBy(a => a.MentorId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var people = await db.People.Where(p => applicants.Values.Select(a => a.PersonId).Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var now = clock.GetUtcNow();
        var entries = new List<AuditEntry>();
        foreach (var row in placedRows)
        {
            var applicant = applicants[row.ApplicantId];
            var position = positions[row.PositionId!.Value];
            var employer = employers[position.EmployerId];
            var placement = Placement.Start(applicant.Id, position.Id, starts, 3, employer.Id, run.Id);
            var mentor = employer.Mentors.Where(m => m.TrainingDone && mentorLoad.GetValueOrDefault(m.Id) < m.Capacity).OrderBy(m => mentorLoad.GetValueOrDefault(m.Id)).ThenBy(m => m.Id).FirstOrDefault();
            if (mentor is not null) { placement.MentorId = mentor.Id; mentorLoad[mentor.Id] = mentorLoad.GetValueOrDefault(mentor.Id) + 1; }
            db.Placements.Add(placement);
            foreach (var payment in PlacementService.SubsidySchedule(placement, position)) db.SubsidyPayments.Add(payment);
            applicant.Status = ApplicantStatus.Placed;
            entries.Add(AuditEntry.About(people[applicant.PersonId], user.Actor, AuditAction.Placement_Created, new { placement = placement.Id, run = run.Id }));
        }
        foreach (var g in placedRows.GroupBy(r => positions[r.PositionId!.Value].EmployerId))
            db.Notifications.Add(new Notification
            {
                OrganisationId = user.OrganisationId, EmployerId = g.Key, Kind = "placement", SubjectId = run.Id, CreatedAt = now,
                Text = string.Join("; ", g.GroupBy(r => positions[r.PositionId!.Value].Title).Select(t => $"{t.Count()} × {t.Key}")) + $" · {snapshot.Settings.StartsOn}",
            });
        // The comparison group (issue #11): the run's applicants who were not placed are followed up at the same milestones
        // as the cohort's completers, from the cohort's planned end, when they consented to follow-up contact.
        var plannedEnd = starts.AddMonths(3);
        var unplacedIds = result.Rows.Where(r => !(r.PositionId is not null && r.Kind is "placed" or "pinned")).Select(r => r.ApplicantId).Distinct().ToList();
        var comparison = await db.SchemeApplicants
            .Where(a => unplacedIds.Contains(a.Id) && a.OrganisationId == user.OrganisationId && a.Status == ApplicantStatus.Applied
                && db.Consents.Any(c => c.PersonId == a.PersonId && c.Purpose == ConsentPurpose.FollowUpContact && c.WithdrawnAt == null)
                && !db.FollowUps.Any(f => f.ApplicantId == a.Id))
            .Select(a => a.Id).ToListAsync(ct);
        foreach (var applicantId in comparison) db.FollowUps.AddRange(PlacementService.FollowUpSchedule(applicantId, plannedEnd));
        run.Status = MatchRunStatus.Approved;
        run.ApprovedAt = now;
        run.ApprovedByUserId = user.Id;
        entries.Insert(0, new(user.Actor, AuditAction.MatchRun_Approved, nameof(MatchRun), run.Id.ToString(), new { placements = placedRows.Count, comparisonFollowedUp = comparison.Count }));
        await audit.SaveWithAuditAsync(entries, ct);
        return (true, placedRows.Count);
    }

    public static RunAdjustments Adjustments(MatchRun run) =>
        run.AdjustmentsJson is null ? RunAdjustments.None : JsonSerializer.Deserialize<RunAdjustments>(run.AdjustmentsJson, Json)!;

    public static MatchRunDto ToDto(MatchRun r) => ToDto(r, Settings(r));

    private static MatchRunDto ToDto(MatchRun r, RunSettings settings, bool withResult = true) => new(r.Id, r.Title, r.Status.ToString(), r.Progress, settings,
        Adjustments(r), withResult && r.ResultJson is not null ? JsonSerializer.Deserialize<RunResult>(r.ResultJson, Json) : null, r.Error, r.CreatedAt, r.ApprovedAt, r.Version);

    /// <summary>Only the settings of the stored snapshot, without materialising its applicants and positions.</summary>
    private static RunSettings Settings(MatchRun r) => r.SettingsJson is { } s ? JsonSerializer.Deserialize<RunSettings>(s, Json)! : Settings(r.InputJson);

    private static RunSettings Settings(string inputJson)
    {
        using var doc = JsonDocument.Parse(inputJson);
        return doc.RootElement.GetProperty("settings").Deserialize<RunSettings>(Json)!;
    }

    /// <summary>One applicant–position pair as the solver scores it (distance, skills held of those required, sector choice);
    /// the lottery uses the same rule for "within reach".</summary>
    public static PairScore Score(SnapApplicant a, SnapPosition p, ScoringWeights weights) =>
        Scoring.Score((int)Math.Round(Locality.Km(a.Lat, a.Lon, p.Lat, p.Lon)), p.Skills.Count(a.Skills.Contains), p.Skills.Length,
            Array.IndexOf(a.Sectors, p.Sector) + 1, a.MaxKm, weights);

    /// <summary>
    /// The allowed pairs in compressed rows, scored by <see cref="Score"/>. Applicants and positions sit in a few hundred
    /// localities, so distances are computed once per pair of places and an applicant only looks at the places within
    /// their travel limit: the work grows with the pairs within reach, not with applicants × positions, and no object is
    /// kept per pair (a row's score is recomputed for the pair it shows).
    /// </summary>
    public static AssignmentProblem Pairs(IReadOnlyList<SnapApplicant> apps, IReadOnlyList<SnapPosition> poss, ScoringWeights weights)
    {
        var places = new Dictionary<(double, double), int>();
        var atPlace = new List<List<int>>();
        var placeAt = new List<(double Lat, double Lon)>();
        for (var j = 0; j < poss.Count; j++)
        {
            if (!places.TryGetValue((poss[j].Lat, poss[j].Lon), out var q)) { places[(poss[j].Lat, poss[j].Lon)] = q = atPlace.Count; atPlace.Add([]); placeAt.Add((poss[j].Lat, poss[j].Lon)); }
            atPlace[q].Add(j);
        }
        // Skills and sectors as numbers: a position's skills (as listed, repeats counted as Score counts them) by index,
        // an applicant's as a bit set; a sector by index. The rule is Score's, through Scoring.TryCost.
        var skillIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var sectorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int Skill(string x) => skillIndex.TryGetValue(x, out var k) ? k : skillIndex[x] = skillIndex.Count;
        int Sector(string x) => sectorIndex.TryGetValue(x, out var k) ? k : sectorIndex[x] = sectorIndex.Count; // positions' sectors only
        var positionSkills = poss.Select(p => p.Skills.Select(Skill).ToArray()).ToArray();
        var positionSector = poss.Select(p => Sector(p.Sector)).ToArray();
        var words = (skillIndex.Count + 63) / 64; // a skill no position asks for never counts
        var km = new Dictionary<(double, double), int[]>();

        // Two passes over the same pairs: the first counts each applicant's, the second writes them into arrays of the
        // exact size (no growing lists and final copy: at 100,000 applicants that was 1 GB held at once for 0.5 GB of pairs).
        var start = new int[apps.Count + 1];
        int[]? position = null, cost = null;
        var held = new ulong[words];
        for (var pass = 0; pass < 2; pass++)
        {
            if (pass == 1) { position = new int[start[^1]]; cost = new int[start[^1]]; }
            var at = 0;
            for (var i = 0; i < apps.Count; i++)
            {
                var a = apps[i];
                if (!km.TryGetValue((a.Lat, a.Lon), out var row))
                    km[(a.Lat, a.Lon)] = row = placeAt.Select(x => (int)Math.Round(Locality.Km(a.Lat, a.Lon, x.Lat, x.Lon))).ToArray();
                Array.Clear(held);
                foreach (var skill in a.Skills) if (skillIndex.TryGetValue(skill, out var k)) held[k >> 6] |= 1UL << (k & 63);
                var sectors = a.Sectors.Select(x => sectorIndex.GetValueOrDefault(x, -1)).ToArray();
                for (var q = 0; q < row.Length; q++)
                {
                    if (row[q] > a.MaxKm) continue; // the score's own first rule: beyond the travel limit
                    foreach (var j in atPlace[q])
                    {
                        var skills = positionSkills[j];
                        var has = 0;
                        foreach (var k in skills) if ((held[k >> 6] & 1UL << (k & 63)) != 0) has++;
                        if (!Scoring.TryCost(row[q], has, skills.Length, Array.IndexOf(sectors, positionSector[j]) + 1, a.MaxKm, weights, out var c)) continue;
                        if (pass == 1) { position![at] = j; cost![at] = c; }
                        at++;
                    }
                }
                if (pass == 0) start[i + 1] = at;
            }
        }
        return new AssignmentProblem(apps.Count, poss.Select(p => p.Places).ToArray(), start, position!, cost!);
    }

    /// <summary>How many blocking pairs a result lists (all are counted).</summary>
    public const int BlockingPairsKept = 1000;

    /// <summary>
    /// The pure part: builds the problem from the frozen snapshot and adjustments and solves it. Equal inputs give
    /// equal results (applicants and positions keep the snapshot's order; the solvers are deterministic).
    /// </summary>
    public static RunResult Solve(RunSnapshot snapshot, RunAdjustments adjustments, Action<int>? progress = null)
    {
        var s = snapshot.Settings;
        var apps = snapshot.Applicants;
        var poss = snapshot.Positions;
        var posIndex = poss.Select((p, j) => (p.Id, j)).ToDictionary(x => x.Id, x => x.j);
        var appIndex = apps.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var problem = Pairs(apps, poss, s.Weights);
        // Large runs free each stage's working memory before the next (MatchingMemory: 4.0 GB → under 2 GiB at 100,000).
        var large = problem.Pairs >= MatchingMemory.LargeRunPairs;
        void Release() { if (large) MatchingMemory.Release(); }
        Release();
        progress?.Invoke(40);
        PairScore Scored(int i, int j) => Score(apps[i], poss[j], s.Weights);
        var pinned = adjustments.Pins.Where(x => appIndex.ContainsKey(x.Applicant) && posIndex.ContainsKey(x.Position))
            .ToDictionary(x => appIndex[x.Applicant], x => posIndex[x.Position]);
        var forbidden = adjustments.Forbids.Where(x => appIndex.ContainsKey(x.Applicant) && posIndex.ContainsKey(x.Position))
            .Select(x => (appIndex[x.Applicant], posIndex[x.Position])).ToHashSet();
        var regions = apps.Select(a => a.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        var quota = s.WomenShare is { } share ? new WomenQuota(apps.Select(a => a.Woman).ToArray(), apps.Select(a => regions.IndexOf(a.Region)).ToArray(), share) : null;
        var employerIndex = snapshot.Employers.Select((e, k) => (e.Id, k)).ToDictionary(x => x.Id, x => x.k);
        var mentors = s.MentorCapacity ? new MentorCapacity(poss.Select(p => employerIndex[p.EmployerId]).ToArray(), snapshot.Employers.Select(e => e.MentorPlaces).ToArray()) : null;

        var clock = Stopwatch.StartNew();
        var constraints = new MatchingConstraints(forbidden, pinned, quota, mentors);
        var optimal = ConstrainedAssignment.Solve(problem, constraints);
        Release();
        progress?.Invoke(60);
        // The price of the quota and mentor capacity: the same run without them (pins and forbidden pairs kept).
        var unconstrained = quota is null && mentors is null ? null : ConstrainedAssignment.Solve(problem, new MatchingConstraints(forbidden, pinned));
        Release();
        progress?.Invoke(75);
        var prefs = new Preferences(problem);
        var stable = StableMatching.Solve(problem, prefs);
        Release();
        progress?.Invoke(85);
        var seconds = clock.Elapsed.TotalSeconds;
        progress?.Invoke(90);
        var optimalBlocking = StableMatching.BlockingPairs(problem, optimal.Assignment, prefs);
        var stableBlocking = StableMatching.BlockingPairs(problem, stable.Assignment, prefs);
        var chosen = s.Mode == "stable" ? stable : optimal;
        var blocking = s.Mode == "stable" ? stableBlocking : optimalBlocking;

        // Explanations against the problem the solver saw (pins and forbidden pairs taken out).
        var explained = Explanations.Explain(ConstrainedAssignment.Reduce(problem, constraints), optimal);
        var positionLoad = new int[poss.Count];
        var employerLoad = new int[snapshot.Employers.Count];
        foreach (var j in optimal.Assignment.Where(j => j >= 0)) { positionLoad[j]++; employerLoad[employerIndex[poss[j].EmployerId]]++; }
        var rows = new List<RunRow>(apps.Count);
        for (var i = 0; i < apps.Count; i++)
        {
            var j = chosen.Assignment[i];
            var e = explained[i];
            if (s.Mode == "stable")
            {
                var sc = j >= 0 ? Scored(i, j) : null;
                rows.Add(new RunRow(apps[i].Id, j >= 0 ? poss[j].Id : null, null, j >= 0 ? "placed" : problem.Start[i + 1] == problem.Start[i] ? "noneWithinReach" : "notChosen",
                    sc?.Km, sc?.SkillsHeld, sc?.SkillsRequired, sc?.SectorRank, sc?.Cost ?? 0, 0, null, problem.Start[i + 1] - problem.Start[i]));
                continue;
            }
            if (pinned.ContainsKey(i))
            {
                var sc = Scored(i, j);
                rows.Add(new RunRow(apps[i].Id, poss[j].Id, null, "pinned", sc.Km, sc.SkillsHeld, sc.SkillsRequired, sc.SectorRank, sc.Cost, optimal.Price[j], null, 1));
                continue;
            }
            var pj = e.Position;
            var score = pj >= 0 ? Scored(i, pj) : null;
            var kind = e.Kind switch { OutcomeKind.Placed => "placed", OutcomeKind.NoPositionWithinReach => "noneWithinReach", _ => "pricedOut" };
            // Priced out at a position with room left, because its employer's mentors are all taken.
            if (e.Kind == OutcomeKind.PricedOut && mentors is not null && pj >= 0 && positionLoad[pj] < poss[pj].Places
                && employerLoad[employerIndex[poss[pj].EmployerId]] >= mentors.Capacity[employerIndex[poss[pj].EmployerId]]) kind = "noMentor";
            rows.Add(new RunRow(apps[i].Id, j >= 0 ? poss[j].Id : null, j < 0 && pj >= 0 ? poss[pj].Id : null, kind, score?.Km, score?.SkillsHeld, score?.SkillsRequired, score?.SectorRank,
                e.Cost, e.Price, e.Margin, e.Alternatives));
        }
        var quotaRows = optimal.Quota.Select(q => new RunQuota(regions[q.Region], q.Target, q.WomenPlaced, q.Placed)).ToList();
        progress?.Invoke(95);
        return new RunResult(s.Mode, apps.Count, poss.Sum(p => p.Places), chosen.Assigned, chosen.TotalCost, rows,
            blocking.Take(BlockingPairsKept).Select(b => new PairRef(apps[b.Applicant].Id, poss[b.Position].Id)).ToList(), quotaRows,
            new RunComparison(optimal.Assigned, optimal.TotalCost, optimalBlocking.Count, stable.Assigned, stable.TotalCost, stableBlocking.Count,
                unconstrained?.Assigned ?? optimal.Assigned, unconstrained?.TotalCost ?? optimal.TotalCost), Math.Round(seconds, 4));
    }

}
