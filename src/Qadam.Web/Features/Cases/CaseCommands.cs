using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Features.Hotline;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Cases;

/// <summary>
/// Opens a case about a registered person the organisation reaches (owned, shared under consent, or referred to it
/// and accepted), from a hotline contact, from an accepted referral, or directly. The person's consent to services is
/// required. The opener, if a case worker, and the named workers are assigned.
/// </summary>
public static class OpenCase
{
    public sealed record Result(Case? Case, FieldErrors Errors);

    public sealed class Handler(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access)
    {
        public async Task<Result> HandleAsync(OpenCaseInput input, CurrentUser user, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.CasesOpen);
            var errors = new FieldErrors();
            var now = clock.GetUtcNow();
            var personId = input.PersonId;
            if (input.ReferralId is { } referralId)
            {
                var referral = await db.Referrals.AsNoTracking().FirstOrDefaultAsync(r => r.Id == referralId && r.ToOrganisationId == user.OrganisationId, ct);
                if (referral is null) errors.Add("referralId", "Validation.ReferralNotFound");
                else if (referral.Status != ReferralStatus.Accepted) errors.Add("referralId", "Validation.ReferralNotAccepted");
                else if (personId is not null && personId != referral.PersonId) errors.Add("personId", "Validation.ReferralOtherPerson");
                else personId = referral.PersonId;
            }
            if (personId is null && !errors.Has("referralId")) errors.Add("personId", "Validation.Required");
            Person? person = null;
            if (personId is { } pid)
            {
                person = await PersonScope.Ordinary(db).FirstOrDefaultAsync(p => p.Id == pid, ct);
                // Break-glass reads a record; it never opens work on it.
                if (person is null && await PersonScope.Visible(db).AnyAsync(p => p.Id == pid, ct)) throw new ForbiddenException(Permission.CasesOpen);
                if (person is null) errors.Add("personId", "Validation.PersonNotFound");
                else if (!await db.Consents.AnyAsync(c => c.PersonId == pid && c.Purpose == ConsentPurpose.Services && c.WithdrawnAt == null, ct))
                    errors.Add("personId", "Validation.ServicesConsentMissing");
            }
            if (input.ContactId is { } contactId && !await ContactScope.Visible(db, user).AnyAsync(c => c.Id == contactId, ct))
                errors.Add("contactId", "Validation.ContactNotFound");
            var workers = await CaseWork.WorkersAsync(db, user, input.WorkerIds ?? [], "workerIds", errors, ct);
            if (errors.Any) return new(null, errors);

            var opened = new Case
            {
                OrganisationId = user.OrganisationId, PersonId = person!.Id, ContactId = input.ContactId, ReferralId = input.ReferralId,
                OpenedByUserId = user.Id, CreatedAt = now,
            };
            opened.Note(user.Id, now, nameof(Case.Status), null, nameof(CaseStatus.Open));
            var assigned = workers.Select(w => w.Id).ToHashSet();
            if (user.IsIn(Roles.CaseWorker)) assigned.Add(user.Id);
            foreach (var worker in assigned)
            {
                opened.Workers.Add(new CaseAssignment { CaseId = opened.Id, UserId = worker, AssignedAt = now });
                opened.Note(user.Id, now, "Worker", null, worker.ToString());
            }
            db.Cases.Add(opened);
            await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Case_Opened, nameof(Case), opened.Id.ToString(),
                new { personId = person.Id, contactId = input.ContactId, referralId = input.ReferralId }, person.OrganisationId)], ct);
            return new(opened, errors);
        }
    }
}

public static class GetCase
{
    public sealed class Handler(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access)
    {
        /// <summary>The case with its plan, services, tasks, history and referrals; the read is audited.</summary>
        public async Task<CaseDto?> HandleAsync(Guid id, CurrentUser user, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.CasesRead);
            var c = await CaseScope.Visible(db, user).AsNoTracking()
                .Include(x => x.Workers).Include(x => x.Goals).Include(x => x.Services).Include(x => x.Tasks).Include(x => x.History)
                .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (c is null) return null;
            var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == c.PersonId, ct);
            var referrals = await db.Referrals.AsNoTracking().Where(r => r.CaseId == id
                && (r.FromOrganisationId == user.OrganisationId || r.ToOrganisationId == user.OrganisationId)).OrderBy(r => r.SentAt).ToListAsync(ct);
            var userIds = c.Workers.Select(w => w.UserId).Concat(c.History.Select(h => h.UserId)).Distinct().ToList();
            var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            var orgIds = referrals.SelectMany(r => new[] { r.FromOrganisationId, r.ToOrganisationId }).Append(c.OrganisationId).Distinct().ToList();
            var orgs = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
            await audit.RecordAsync(new AuditEntry(user.Actor, AuditAction.Case_Viewed, nameof(Case), id.ToString(), new { personId = c.PersonId }, person.OrganisationId), ct);

            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            string Name(Guid u) => names.GetValueOrDefault(u, "?");
            // Worker ids in the history read as names.
            string? Value(CaseHistoryEntry h, string? v) =>
                h.Field == "Worker" && Guid.TryParse(v, out var u) ? Name(u)
                : h.Field == nameof(Case.OrganisationId) && Guid.TryParse(v, out var o) ? orgs.GetValueOrDefault(o, "?")
                : v;
            return new CaseDto(c.Id, c.OrganisationId, orgs.GetValueOrDefault(c.OrganisationId, "?"), c.OrganisationId == user.OrganisationId,
                c.PersonId, CaseNames.Person(person), c.ContactId, c.ReferralId, ContactNames.Of(c.Status), c.ClosureReason is { } r ? ContactNames.Of(r) : null,
                c.CreatedAt, c.ClosedAt, c.Version,
                c.Workers.Where(w => w.EndedAt is null).Select(w => new CaseWorkerDto(w.UserId, Name(w.UserId), Iso(DateOnly.FromDateTime(w.AssignedAt.UtcDateTime)))).ToList(),
                c.Goals.OrderBy(g => g.CreatedAt).Select(g => new CaseGoalDto(g.Id, g.Text, ContactNames.Of(g.Status))).ToList(),
                c.Services.OrderByDescending(s => s.DeliveredOn).Select(s => new CaseServiceDto(s.Id, ContactNames.Of(s.Type), Iso(s.DeliveredOn), s.ProviderOrganisationId, s.Notes)).ToList(),
                c.Tasks.OrderBy(t => t.DoneAt != null).ThenBy(t => t.DueOn).Select(t => CaseNames.Task(t, today)).ToList(),
                c.History.OrderByDescending(h => h.Id).Select(h => new CaseHistoryDto(h.At.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    Name(h.UserId), h.Field, Value(h, h.From), Value(h, h.To))).ToList(),
                referrals.Select(x => ReferralDto.From(x, orgs.GetValueOrDefault(x.FromOrganisationId, "?"), orgs.GetValueOrDefault(x.ToOrganisationId, "?"), now, null)).ToList());
        }
    }
}

public static class ListCases
{
    public sealed class Handler(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access)
    {
        /// <param name="mine">Only the cases the user is assigned to.</param>
        public async Task<List<CaseRow>> HandleAsync(CurrentUser user, bool mine, string? status, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.CasesRead);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var q = CaseScope.Visible(db, user).AsNoTracking();
            if (mine) q = CaseScope.Mine(q, user);
            if (ContactNames.Parse<CaseStatus>(status) is { } s) q = q.Where(c => c.Status == s);
            var rows = await q.OrderByDescending(c => c.CreatedAt).Take(200)
                .Select(c => new
                {
                    c.Id, c.PersonId, c.OrganisationId, c.Status, c.CreatedAt,
                    Open = c.Tasks.Count(t => t.DoneAt == null), Overdue = c.Tasks.Count(t => t.DoneAt == null && t.DueOn < today),
                }).ToListAsync(ct);
            var personIds = rows.Select(r => r.PersonId).Distinct().ToList();
            var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToListAsync(ct);
            var orgIds = rows.Select(r => r.OrganisationId).Distinct().ToList();
            var orgs = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
            if (rows.Count > 0)
                await audit.SaveWithAuditAsync([.. AuditEntry.Listed(people, user.Actor, AuditAction.Case_Listed, "cases")], ct);
            var byId = people.ToDictionary(p => p.Id);
            return rows.Select(r => new CaseRow(r.Id, CaseNames.Person(byId[r.PersonId]), orgs.GetValueOrDefault(r.OrganisationId, "?"),
                r.OrganisationId == user.OrganisationId, ContactNames.Of(r.Status), r.CreatedAt, r.Open, r.Overdue)).ToList();
        }
    }
}

/// <summary>The changes made to an open case by its organisation: plan, services, tasks, workers and status.</summary>
public sealed class CaseWork(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access)
{
    public sealed record Result(bool Found, FieldErrors Errors, Guid? Created = null);

    public Task<Result> ChangeStatusAsync(Guid id, CaseStatusInput input, CurrentUser user, CancellationToken ct) =>
        ChangeAsync(id, Permission.CasesManage, user, allowClosed: true, (c, errors, now) =>
        {
            var to = Choice<CaseStatus>(input.Status, "status", true, errors, "Validation.CaseStatus");
            var reason = to == CaseStatus.Closed ? Choice<CaseClosureReason>(input.ClosureReason, "closureReason", true, errors, "Validation.ClosureReason") : null;
            if (errors.Any) return null;
            switch (to)
            {
                case CaseStatus.Active when c.Status == CaseStatus.Closed: c.Reopen(user.Id, now); break;
                case CaseStatus.Active: c.Activate(user.Id, now); break;
                case CaseStatus.OnHold: c.Hold(user.Id, now); break;
                case CaseStatus.Closed: c.Close(reason!.Value, user.Id, now); break;
                default: throw new DomainException("case.transition", "A case cannot be moved back to open; make it active.");
            }
            return (AuditAction.Case_StatusChanged, new { status = ContactNames.Of(c.Status) }, (Guid?)null);
        }, ct);

    public Task<Result> AddGoalAsync(Guid id, CaseGoalInput input, CurrentUser user, CancellationToken ct) =>
        ChangeAsync(id, Permission.CasesWork, user, allowClosed: false, (c, errors, now) =>
        {
            var text = Text(input.Text, "text", 500, true, errors, multiline: true);
            if (errors.Any) return null;
            var goal = new CaseGoal { CaseId = c.Id, Text = text!, CreatedAt = now };
            db.CaseGoals.Add(goal);
            c.Note(user.Id, now, "Goal", null, goal.Id.ToString());
            return (AuditAction.Case_Changed, new { field = "goal" }, goal.Id);
        }, ct);

    public Task<Result> SetGoalAsync(Guid id, Guid goalId, CaseGoalInput input, CurrentUser user, CancellationToken ct) =>
        ChangeAsync(id, Permission.CasesWork, user, allowClosed: false, (c, errors, now) =>
        {
            var goal = c.Goals.FirstOrDefault(g => g.Id == goalId);
            if (goal is null) { errors.Add("goalId", "Validation.GoalNotFound"); return null; }
            var status = Choice<CaseGoalStatus>(input.Status, "status", true, errors, "Validation.GoalStatus");
            if (errors.Any) return null;
            c.Note(user.Id, now, "Goal", goal.Status.ToString(), status.ToString());
            goal.Status = status!.Value;
            return (AuditAction.Case_Changed, new { field = "goal", status = ContactNames.Of(goal.Status) }, (Guid?)null);
        }, ct);

    public Task<Result> AddServiceAsync(Guid id, CaseServiceInput input, CurrentUser user, CancellationToken ct) =>
        ChangeAsync(id, Permission.CasesWork, user, allowClosed: false, (c, errors, now) =>
        {
            var type = Choice<CaseServiceType>(input.Type, "type", true, errors, "Validation.ServiceType");
            var on = Date(input.DeliveredOn, "deliveredOn", true, errors);
            if (on > DateOnly.FromDateTime(now.UtcDateTime)) errors.Add("deliveredOn", "Validation.DateInFuture");
            var notes = Text(input.Notes, "notes", 4000, false, errors, multiline: true);
            if (errors.Any) return null;
            var service = new CaseService
            {
                CaseId = c.Id, Type = type!.Value, DeliveredOn = on!.Value, ProviderOrganisationId = user.OrganisationId, RecordedByUserId = user.Id,
                Notes = notes, CreatedAt = now,
            };
            db.CaseServices.Add(service);
            c.Note(user.Id, now, "Service", null, type.Value.ToString());
            return (AuditAction.Case_Changed, new { field = "service", type = ContactNames.Of(service.Type) }, service.Id);
        }, ct);

    public Task<Result> AddTaskAsync(Guid id, CaseTaskInput input, CurrentUser user, CancellationToken ct) =>
        ChangeAsync(id, Permission.CasesWork, user, allowClosed: false, (c, errors, now) =>
        {
            var kind = string.IsNullOrWhiteSpace(input.Kind) ? CaseTaskKind.Task : Choice<CaseTaskKind>(input.Kind, "kind", true, errors, "Validation.TaskKind");
            var title = Text(input.Title, "title", 300, true, errors);
            var due = Date(input.DueOn, "dueOn", true, errors);
            if (input.AssignedToUserId is { } a && !c.Workers.Any(w => w.UserId == a && w.EndedAt == null) && a != user.Id)
                errors.Add("assignedToUserId", "Validation.NotAWorker");
            if (errors.Any) return null;
            var task = new CaseTask { CaseId = c.Id, Kind = kind!.Value, Title = title!, DueOn = due!.Value, AssignedToUserId = input.AssignedToUserId, CreatedAt = now };
            db.CaseTasks.Add(task);
            c.Note(user.Id, now, kind.Value.ToString(), null, Iso(task.DueOn));
            return (AuditAction.Case_Changed, new { field = "task", due = Iso(task.DueOn) }, task.Id);
        }, ct);

    public Task<Result> CompleteTaskAsync(Guid id, Guid taskId, CurrentUser user, CancellationToken ct) =>
        ChangeAsync(id, Permission.CasesWork, user, allowClosed: false, (c, errors, now) =>
        {
            var task = c.Tasks.FirstOrDefault(t => t.Id == taskId);
            if (task is null) { errors.Add("taskId", "Validation.TaskNotFound"); return null; }
            if (task.DoneAt is not null) throw new DomainException("task.done", "This task is already done.");
            task.DoneAt = now;
            c.Note(user.Id, now, task.Kind.ToString(), Iso(task.DueOn), "done");
            return (AuditAction.Case_Changed, new { field = "task", done = task.Id }, (Guid?)null);
        }, ct);

    public Task<Result> AssignAsync(Guid id, CaseWorkerInput input, CurrentUser user, CancellationToken ct) =>
        ChangeAsync(id, Permission.CasesManage, user, allowClosed: false, async (c, errors, now) =>
        {
            var workers = await WorkersAsync(db, user, input.UserId is { } u ? [u] : [], "userId", errors, ct);
            if (input.UserId is null) errors.Add("userId", "Validation.Required");
            if (errors.Any) return null;
            var worker = workers[0];
            if (c.Workers.Any(w => w.UserId == worker.Id && w.EndedAt == null)) throw new DomainException("case.worker_assigned", "This worker is already assigned.");
            db.CaseAssignments.Add(new CaseAssignment { CaseId = c.Id, UserId = worker.Id, AssignedAt = now });
            c.Note(user.Id, now, "Worker", null, worker.Id.ToString());
            return (AuditAction.Case_Changed, new { field = "worker", assigned = worker.Id }, (Guid?)null);
        }, ct);

    public Task<Result> UnassignAsync(Guid id, Guid userId, CurrentUser user, CancellationToken ct) =>
        ChangeAsync(id, Permission.CasesManage, user, allowClosed: false, (c, errors, now) =>
        {
            var assignment = c.Workers.FirstOrDefault(w => w.UserId == userId && w.EndedAt == null);
            if (assignment is null) { errors.Add("userId", "Validation.NotAWorker"); return null; }
            assignment.EndedAt = now;
            c.Note(user.Id, now, "Worker", userId.ToString(), null);
            return (AuditAction.Case_Changed, new { field = "worker", ended = userId }, (Guid?)null);
        }, ct);

    /// <summary>Active users of the caller's organisation who work cases (case workers, psychologists, supervisors).</summary>
    internal static async Task<List<AppUser>> WorkersAsync(QadamDbContext db, CurrentUser user, IReadOnlyCollection<Guid> ids, string field, FieldErrors errors, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var found = await CaseScope.Colleagues(db, user.OrganisationId).Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        if (found.Count != ids.Distinct().Count()) errors.Add(field, "Validation.NotAWorker");
        return found;
    }

    private Task<Result> ChangeAsync(Guid id, Permission operation, CurrentUser user, bool allowClosed,
        Func<Case, FieldErrors, DateTimeOffset, (AuditAction, object, Guid?)?> change, CancellationToken ct) =>
        ChangeAsync(id, operation, user, allowClosed, (c, e, n) => Task.FromResult(change(c, e, n)), ct);

    private async Task<Result> ChangeAsync(Guid id, Permission operation, CurrentUser user, bool allowClosed,
        Func<Case, FieldErrors, DateTimeOffset, Task<(AuditAction, object, Guid?)?>> change, CancellationToken ct)
    {
        var c = await CaseScope.OpenForChangeAsync(db, access, user, id, operation, ct);
        if (c is null) return new(false, new FieldErrors());
        if (!allowClosed) c.EnsureOpen();
        var errors = new FieldErrors();
        var now = clock.GetUtcNow();
        var done = await change(c, errors, now);
        if (errors.Any || done is not var (action, details, created)) return new(true, errors);
        c.UpdatedAt = now;
        await audit.SaveWithAuditAsync([new(user.Actor, action, nameof(Case), c.Id.ToString(), details)], ct);
        return new(true, errors, created);
    }
}
