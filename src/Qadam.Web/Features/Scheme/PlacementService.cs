using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Features.Scheme.SchemeRules;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Scheme;

public sealed record PlacementEndInput(string? Status, string? On, string? Reason);
public sealed record CheckInInput(string? Kind, string? Date, int? DaysPresent, int? DaysExpected, string? Note);
public sealed record SubsidyInput(string? Action, decimal? Amount, string? PaidOn, string? Reason);
/// <param name="Correction">Set to replace an outcome already recorded (with <paramref name="Reason"/>); the earlier entry stays in the history.</param>
public sealed record FollowUpInput(string? Employment, bool? SameEmployer, string? IncomeBand, string? RecordedOn, bool? Correction = null, string? Reason = null);

public sealed record CheckInDto(Guid Id, string Kind, string Date, int? DaysPresent, int? DaysExpected, string? Note);
public sealed record SubsidyDto(Guid Id, string Month, decimal AmountDue, decimal? AmountPaid, string? PaidOn, string Status, string? WithheldReason, int Version);
public sealed record FollowUpDto(Guid Id, string Milestone, string DueOn, string? RecordedOn, string? Employment, bool? SameEmployer, string? IncomeBand);
/// <summary>What an employer or mentor account sees: first name and the placement, nothing else about the person.</summary>
public sealed record ApprenticeDto(Guid PlacementId, string FirstName, string Position, string StartsOn, string EndsOn, string Status, string? Mentor);
public sealed record PlacementDto(Guid Id, Guid ApplicantId, Guid PersonId, string GivenName, string FamilyName, Guid EmployerId, string Employer, Guid PositionId, string Position,
    string? Mentor, string StartsOn, string PlannedEndOn, string EndsOn, string Status, string? EndReason, IReadOnlyList<CheckInDto> CheckIns,
    IReadOnlyList<SubsidyDto> Subsidies, IReadOnlyList<FollowUpDto> FollowUps, int Version);
public sealed record PlacementRow(Guid Id, string GivenName, string FamilyName, string Employer, string Position, string StartsOn, string EndsOn, string Status);
public sealed record LedgerLine(Guid EmployerId, string Employer, string? Project, int Months, decimal Due, decimal Paid, decimal Withheld, decimal Outstanding);
public sealed record Ledger(IReadOnlyList<LedgerLine> ByEmployer, IReadOnlyList<LedgerLine> ByProject, LedgerLine Total);
/// <param name="PlacementId">Null for an applicant of the comparison group (eligible, not placed, followed up all the same).</param>
public sealed record DueFollowUp(Guid FollowUpId, Guid? PlacementId, string GivenName, string Milestone, string DueOn, bool Overdue)
{
    public bool Comparison => PlacementId is null;
}

/// <summary>One follow-up as its recording page shows it.</summary>
public sealed record FollowUpView(FollowUpDto FollowUp, string Name, Guid? PlacementId, string? Cohort);

/// <summary>
/// Placements after approval: ending them (completed → follow-ups scheduled; dropped out / terminated → remaining
/// subsidy withheld), attendance and mentor check-ins, the subsidy ledger, follow-ups, and the limited view of
/// employer and mentor accounts.
/// </summary>
public sealed class PlacementService(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access)
{
    public static readonly IReadOnlyList<string> IncomeBands = ["none", "under85k", "85to150k", "150to250k", "over250k"];

    public static IEnumerable<SubsidyPayment> SubsidySchedule(Placement placement, Position position)
    {
        var months = Math.Max(1, (placement.PlannedEndOn.Year - placement.StartsOn.Year) * 12 + placement.PlannedEndOn.Month - placement.StartsOn.Month);
        for (var k = 0; k < months; k++)
            yield return new SubsidyPayment { PlacementId = placement.Id, EmployerId = placement.EmployerId, Project = position.Project, Month = placement.StartsOn.AddMonths(k), AmountDue = position.MonthlySubsidy };
    }

    public static IEnumerable<FollowUp> FollowUpSchedule(Guid applicantId, DateOnly completedOn) =>
        new[] { FollowUpMilestone.Completion, FollowUpMilestone.Month3, FollowUpMilestone.Month6, FollowUpMilestone.Month12 }
            .Select(m => new FollowUp { ApplicantId = applicantId, Milestone = m, DueOn = completedOn.AddMonths((int)m) });

    /// <summary>
    /// The placements a user may act on: the organisation's for coordinators and managers; an employer's (or mentor's) own
    /// for their accounts. Only placements of people in the caller's scope (the person filter applies in the subquery), so a
    /// withdrawn sharing consent takes a placement out of every list at once.
    /// </summary>
    private IQueryable<Placement> Scope(CurrentUser user)
    {
        var q = user.Can(Permission.SchemeManage) || user.Can(Permission.SchemeRead)
            ? db.Placements.Where(p => db.Employers.Any(e => e.Id == p.EmployerId && e.OrganisationId == user.OrganisationId))
            : user.Can(Permission.ApprenticesOwn) && user.EmployerId is { } employer
                ? db.Placements.Where(p => p.EmployerId == employer && (user.MentorId == null || p.MentorId == user.MentorId))
                : db.Placements.Where(_ => false);
        return q.Where(p => db.SchemeApplicants.Any(a => a.Id == p.ApplicantId && db.People.Any(x => x.Id == a.PersonId)));
    }

    /// <summary>Placements, latest start first, one keyset page at a time on (starts on, id); only the columns shown are read.</summary>
    public async Task<Page<PlacementRow>> ListAsync(CurrentUser user, string? status, Guid? employerId, string? after, int? pageSize, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeRead);
        var size = Keyset.PageSize(pageSize);
        var q = Scope(user).AsNoTracking();
        if (System.Enum.TryParse<PlacementStatus>(status, true, out var s)) q = q.Where(p => p.Status == s);
        if (employerId is { } e) q = q.Where(p => p.EmployerId == e);
        if (Keyset.ParseDay(after) is (var day, var id))
            q = q.Where(p => p.StartsOn < day || (p.StartsOn == day && p.Id.CompareTo(id) < 0));
        var rows = await (from p in q
                          join a in db.SchemeApplicants on p.ApplicantId equals a.Id
                          join person in db.People on a.PersonId equals person.Id
                          join pos in db.Positions on p.PositionId equals pos.Id
                          join emp in db.Employers on p.EmployerId equals emp.Id
                          orderby p.StartsOn descending, p.Id descending
                          select new { p.Id, p.StartsOn, p.EndsOn, p.Status, PersonId = person.Id, person.OrganisationId, person.GivenName, person.FamilyName, pos.Title, emp.Name })
            .Take(size + 1).ToListAsync(ct);
        var next = Keyset.Cut(rows, size, r => Keyset.Format(r.StartsOn.DayNumber, r.Id));
        if (rows.Count > 0) await audit.SaveWithAuditAsync(AuditEntry.Listed(rows.Select(r => (r.PersonId, r.OrganisationId)), user.Actor, AuditAction.Applicant_Listed, "placements"), ct);
        return new(rows.Select(r => new PlacementRow(r.Id, r.GivenName, r.FamilyName, r.Name, r.Title, Iso(r.StartsOn), Iso(r.EndsOn), r.Status.ToString())).ToList(), next);
    }

    public async Task<PlacementDto?> GetAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeRead);
        var p = await Scope(user).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return null;
        var applicant = await db.SchemeApplicants.AsNoTracking().FirstAsync(a => a.Id == p.ApplicantId, ct);
        var person = await db.People.AsNoTracking().FirstAsync(x => x.Id == applicant.PersonId, ct);
        var position = await db.Positions.AsNoTracking().FirstAsync(x => x.Id == p.PositionId, ct);
        var employer = await db.Employers.AsNoTracking().FirstAsync(x => x.Id == p.EmployerId, ct);
        var mentor = p.MentorId is { } mid ? await db.Mentors.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mid, ct) : null;
        var checkIns = await db.PlacementCheckIns.AsNoTracking().Where(c => c.PlacementId == id).OrderBy(c => c.Date).ToListAsync(ct);
        var subsidies = await db.SubsidyPayments.AsNoTracking().Where(s => s.PlacementId == id).OrderBy(s => s.Month).ToListAsync(ct);
        var followUps = await db.FollowUps.AsNoTracking().Where(f => f.ApplicantId == p.ApplicantId).OrderBy(f => f.Milestone).ToListAsync(ct);
        await audit.RecordAsync(AuditEntry.About(person, user.Actor, AuditAction.Placement_Viewed, new { placement = id }), ct);
        return new PlacementDto(p.Id, applicant.Id, person.Id, person.GivenName, person.FamilyName, employer.Id, employer.Name, position.Id, position.Title, mentor?.Name,
            Iso(p.StartsOn), Iso(p.PlannedEndOn), Iso(p.EndsOn), p.Status.ToString(), p.EndReason, checkIns.Select(ToDto).ToList(), subsidies.Select(ToDto).ToList(),
            followUps.Select(ToDto).ToList(), p.Version);
    }

    /// <summary>Notices to the employer of the caller's limited account (arrivals: counts and titles, never names).</summary>
    public async Task<List<string>> EmployerNoticesAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ApprenticesOwn);
        if (user.EmployerId is not { } employer) return [];
        return await db.Notifications.AsNoTracking().Where(n => n.EmployerId == employer).OrderByDescending(n => n.CreatedAt).Take(10).Select(n => n.Text).ToListAsync(ct);
    }

    /// <summary>The employer/mentor view: first names and placements only (no surname, IIN, contacts, notes or anything psychological).</summary>
    public async Task<List<ApprenticeDto>> ApprenticesAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ApprenticesOwn);
        var rows = await (from p in Scope(user).AsNoTracking()
                          join a in db.SchemeApplicants on p.ApplicantId equals a.Id
                          join person in db.People on a.PersonId equals person.Id
                          join pos in db.Positions on p.PositionId equals pos.Id
                          orderby p.StartsOn descending, p.Id
                          select new { p, person, pos.Title, Mentor = db.Mentors.Where(m => m.Id == p.MentorId).Select(m => m.Name).FirstOrDefault() }).Take(500).ToListAsync(ct);
        if (rows.Count > 0) await audit.SaveWithAuditAsync(AuditEntry.Listed(rows.Select(r => r.person), user.Actor, AuditAction.Placement_Viewed, "apprentices"), ct);
        return rows.Select(r => new ApprenticeDto(r.p.Id, r.person.GivenName, r.Title, Iso(r.p.StartsOn), Iso(r.p.EndsOn), r.p.Status.ToString(), r.Mentor)).ToList();
    }

    public async Task<(bool Found, FieldErrors Errors)> EndAsync(Guid id, PlacementEndInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var errors = new FieldErrors();
        var p = await Scope(user).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return (false, errors);
        var status = Choice<PlacementStatus>(input.Status, "status", true, errors, "Validation.PlacementStatus");
        if (status == PlacementStatus.Active) errors.Add("status", "Validation.PlacementStatus");
        var on = Date(input.On, "on", true, errors);
        var reason = Text(input.Reason, "reason", 500, status is PlacementStatus.DroppedOut or PlacementStatus.Terminated, errors, multiline: true);
        if (errors.Any) return (true, errors);
        if (status == PlacementStatus.Completed)
        {
            p.Complete(on!.Value);
            var existing = await db.FollowUps.Where(f => f.ApplicantId == p.ApplicantId).Select(f => f.Milestone).ToListAsync(ct);
            db.FollowUps.AddRange(FollowUpSchedule(p.ApplicantId, on.Value).Where(f => !existing.Contains(f.Milestone)));
        }
        else
        {
            p.End(status!.Value, on!.Value, reason!);
            foreach (var s in await db.SubsidyPayments.Where(s => s.PlacementId == id && s.Status == SubsidyStatus.Due).ToListAsync(ct))
                if (s.Month > on.Value) s.Withhold($"Placement ended on {Iso(on.Value)}: {status}");
        }
        var person = await db.SchemeApplicants.Where(a => a.Id == p.ApplicantId).Join(db.People, a => a.PersonId, x => x.Id, (a, x) => x).FirstAsync(ct);
        await audit.SaveWithAuditAsync([AuditEntry.About(person, user.Actor, AuditAction.Placement_Ended, new { placement = id, status = status.ToString() })], ct);
        return (true, errors);
    }

    public async Task<(bool Found, FieldErrors Errors)> CheckInAsync(Guid id, CheckInInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.CheckInRecord);
        var errors = new FieldErrors();
        var p = await Scope(user).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return (false, errors);
        var kind = Choice<CheckInKind>(input.Kind, "kind", true, errors, "Validation.CheckInKind");
        var date = Date(input.Date, "date", true, errors);
        if (date is not null && (date < p.StartsOn || date > p.EndsOn.AddDays(31))) errors.Add("date", "Validation.SessionOutsideDates");
        if (kind == CheckInKind.Attendance)
        {
            Range(input.DaysExpected, "daysExpected", 1, 31, true, errors);
            Range(input.DaysPresent, "daysPresent", 0, 31, true, errors);
            if (input.DaysPresent > input.DaysExpected) errors.Add("daysPresent", "Validation.OutOfRange");
        }
        var note = Text(input.Note, "note", 1000, kind == CheckInKind.MentorCheckIn, errors, multiline: true);
        if (errors.Any) return (true, errors);
        db.PlacementCheckIns.Add(new PlacementCheckIn
        {
            PlacementId = id, Kind = kind!.Value, Date = date!.Value, DaysPresent = kind == CheckInKind.Attendance ? input.DaysPresent : null,
            DaysExpected = kind == CheckInKind.Attendance ? input.DaysExpected : null, Note = note, RecordedByUserId = user.Id, RecordedAt = clock.GetUtcNow(),
        });
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.CheckIn_Recorded, nameof(Placement), id.ToString(), new { kind = kind.ToString() })], ct);
        return (true, errors);
    }

    public async Task<(bool Found, FieldErrors Errors)> SubsidyAsync(Guid paymentId, SubsidyInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var errors = new FieldErrors();
        var scope = Scope(user);
        var payment = await db.SubsidyPayments.FirstOrDefaultAsync(s => s.Id == paymentId && scope.Any(p => p.Id == s.PlacementId), ct);
        if (payment is null) return (false, errors);
        switch (input.Action?.Trim().ToLowerInvariant())
        {
            case "pay":
                var on = Date(input.PaidOn, "paidOn", true, errors);
                if (input.Amount is null) errors.Add("amount", "Validation.Required");
                else if (input.Amount <= 0 || input.Amount > payment.AmountDue) errors.Add("amount", "Validation.OutOfRange");
                else if (input.Amount < payment.AmountDue && (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Trim().Length < 5)) errors.Add("reason", "Validation.ShortfallReason");
                if (input.Reason is { Length: > 500 }) errors.Add("reason", "Validation.TooLong");
                if (errors.Any) return (true, errors);
                payment.Pay(input.Amount!.Value, on!.Value, input.Reason);
                break;
            case "withhold":
                if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Trim().Length < 5) { errors.Add("reason", "Validation.ReasonRequired"); return (true, errors); }
                if (input.Reason.Length > 500) { errors.Add("reason", "Validation.TooLong"); return (true, errors); }
                payment.Withhold(input.Reason);
                break;
            default:
                errors.Add("action", "Validation.SubsidyAction");
                return (true, errors);
        }
        await audit.SaveWithAuditAsync([new(user.Actor, payment.Status == SubsidyStatus.Paid ? AuditAction.Subsidy_Paid : AuditAction.Subsidy_Withheld,
            nameof(SubsidyPayment), payment.Id.ToString(), new { placement = payment.PlacementId, amount = payment.AmountPaid })], ct);
        return (true, errors);
    }

    /// <summary>Totals per employer and per project: due, paid, withheld and still outstanding.</summary>
    public async Task<Ledger> LedgerAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeRead);
        var rows = await (from s in db.SubsidyPayments.AsNoTracking()
                          join e in db.Employers on s.EmployerId equals e.Id
                          where e.OrganisationId == user.OrganisationId
                          select s).ToListAsync(ct);
        var names = await db.Employers.AsNoTracking().Where(e => e.OrganisationId == user.OrganisationId).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        // Due = paid + withheld (whole months and shortfalls) + outstanding, for every line.
        static LedgerLine Sum(Guid employerId, string name, string? project, IReadOnlyCollection<SubsidyPayment> xs) => new(employerId, name, project, xs.Count,
            xs.Sum(x => x.AmountDue), xs.Sum(x => x.Status == SubsidyStatus.Paid ? x.AmountPaid ?? 0 : 0), xs.Sum(x => x.AmountWithheld),
            xs.Where(x => x.Status == SubsidyStatus.Due).Sum(x => x.AmountDue));
        var byEmployer = rows.GroupBy(r => r.EmployerId).Select(g => Sum(g.Key, names.GetValueOrDefault(g.Key, ""), null, g.ToList()))
            .OrderBy(l => l.Employer, StringComparer.CurrentCulture).ToList();
        var byProject = rows.GroupBy(r => r.Project ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Sum(Guid.Empty, "", g.Key, g.ToList())).ToList();
        return new Ledger(byEmployer, byProject, Sum(Guid.Empty, "", null, rows));
    }

    /// <summary>Follow-ups due within a week or overdue: the coordinators' reminder list.</summary>
    public async Task<List<DueFollowUp>> DueFollowUpsAsync(CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var horizon = today.AddDays(7);
        // Completers and the comparison group (applicants never placed whose follow-ups were scheduled), alike.
        var rows = await (from f in db.FollowUps.AsNoTracking()
                          join a in db.SchemeApplicants on f.ApplicantId equals a.Id
                          join person in db.People on a.PersonId equals person.Id
                          where a.OrganisationId == user.OrganisationId && f.RecordedOn == null && f.DueOn <= horizon
                              && (db.Placements.Any(p => p.ApplicantId == a.Id && p.Status == PlacementStatus.Completed)
                                  || (a.Status == ApplicantStatus.Applied && !db.Placements.Any(p => p.ApplicantId == a.Id)))
                          orderby f.DueOn, f.Id
                          select new { f, Placement = db.Placements.Where(p => p.ApplicantId == a.Id).Select(p => (Guid?)p.Id).FirstOrDefault(), person })
            .Take(200).ToListAsync(ct);
        if (rows.Count > 0) await audit.SaveWithAuditAsync(AuditEntry.Listed(rows.Select(r => r.person), user.Actor, AuditAction.Applicant_Listed, "followUps"), ct);
        return rows.Select(r => new DueFollowUp(r.f.Id, r.Placement, r.person.GivenName, r.f.Milestone.ToString(), Iso(r.f.DueOn), r.f.DueOn < today)).ToList();
    }

    /// <summary>A follow-up of a completer or of the comparison group, for its recording page (an audited read of the person).</summary>
    public async Task<FollowUpView?> GetFollowUpAsync(Guid followUpId, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var found = await (from f in db.FollowUps.AsNoTracking()
                           join a in db.SchemeApplicants on f.ApplicantId equals a.Id
                           join person in db.People on a.PersonId equals person.Id
                           where f.Id == followUpId && a.OrganisationId == user.OrganisationId
                           select new { f, a.Cohort, person, Placement = db.Placements.Where(p => p.ApplicantId == a.Id).Select(p => (Guid?)p.Id).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (found is null) return null;
        await audit.SaveWithAuditAsync([AuditEntry.About(found.person, user.Actor, AuditAction.Person_Viewed, new { followUp = followUpId })], ct);
        return new FollowUpView(ToDto(found.f), $"{found.person.GivenName} {found.person.FamilyName}", found.Placement, found.Cohort);
    }

    /// <summary>A follow-up can be recorded from this many days before it is due.</summary>
    public const int FollowUpGraceDays = 14;

    public async Task<(bool Found, FieldErrors Errors)> RecordFollowUpAsync(Guid followUpId, FollowUpInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SchemeManage);
        var errors = new FieldErrors();
        var f = await db.FollowUps.FirstOrDefaultAsync(x => x.Id == followUpId && db.SchemeApplicants.Any(a => a.Id == x.ApplicantId && a.OrganisationId == user.OrganisationId), ct);
        if (f is null) return (false, errors);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // No outcome without an answer (the form has no default), none for a milestone not yet due (two weeks' grace),
        // none in the future; a recorded outcome is replaced only as an explicit correction with its reason.
        var employment = Choice<EmploymentStatus>(input.Employment, "employment", true, errors, "Validation.Employment");
        var on = Date(input.RecordedOn, "recordedOn", false, errors) ?? today;
        if (on > today) errors.Add("recordedOn", "Validation.FutureDate");
        if (f.DueOn.AddDays(-FollowUpGraceDays) > today) errors.Add("milestone", "Validation.FollowUpNotDue");
        else if (on < f.DueOn.AddDays(-FollowUpGraceDays)) errors.Add("recordedOn", "Validation.FollowUpBeforeDue");
        if (input.IncomeBand is { } band && !IncomeBands.Contains(band)) errors.Add("incomeBand", "Validation.IncomeBand");
        string? reason = null;
        if (f.RecordedOn is not null)
        {
            if (input.Correction != true) errors.Add("correction", "Validation.FollowUpRecorded");
            else reason = Text(input.Reason, "reason", 500, required: true, errors);
        }
        if (errors.Any) return (true, errors);
        var previous = f.RecordedOn is null ? null : new { employment = f.Employment?.ToString(), f.SameEmployer, f.IncomeBand, recordedOn = Iso(f.RecordedOn) };
        f.Employment = employment;
        f.SameEmployer = employment is EmploymentStatus.FullTime or EmploymentStatus.PartTime ? input.SameEmployer : null;
        f.IncomeBand = input.IncomeBand;
        f.RecordedOn = on;
        var person = await db.SchemeApplicants.Where(a => a.Id == f.ApplicantId).Join(db.People, a => a.PersonId, x => x.Id, (a, x) => x).FirstAsync(ct);
        await audit.SaveWithAuditAsync([AuditEntry.About(person, user.Actor, AuditAction.FollowUp_Recorded, previous is null
            ? new { followUp = f.Id, milestone = f.Milestone.ToString() }
            : (object)new { followUp = f.Id, milestone = f.Milestone.ToString(), corrected = previous, reason, to = new { employment = f.Employment?.ToString(), f.SameEmployer, f.IncomeBand, recordedOn = Iso(f.RecordedOn) } })], ct);
        return (true, errors);
    }

    public static CheckInDto ToDto(PlacementCheckIn c) => new(c.Id, c.Kind.ToString(), Iso(c.Date), c.DaysPresent, c.DaysExpected, c.Note);
    public static SubsidyDto ToDto(SubsidyPayment s) => new(s.Id, Iso(s.Month), s.AmountDue, s.AmountPaid, Iso(s.PaidOn), s.Status.ToString(), s.WithheldReason, s.Version);
    public static FollowUpDto ToDto(FollowUp f) => new(f.Id, f.Milestone.ToString(), Iso(f.DueOn), Iso(f.RecordedOn), f.Employment?.ToString(), f.SameEmployer, f.IncomeBand);
}
