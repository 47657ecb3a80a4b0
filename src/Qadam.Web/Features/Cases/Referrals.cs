using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Features.Hotline;
using Qadam.Web.Features.People;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Cases;

public sealed class ReferralOptions
{
    /// <summary>Working days (Monday to Friday) the receiving organisation has to accept or decline.</summary>
    public int DeadlineWorkingDays { get; set; } = 3;
    /// <summary>Public holidays (yyyy-MM-dd) that do not count as working days.</summary>
    public List<string> Holidays { get; set; } = [];

    public DateTimeOffset DueAfter(DateTimeOffset sent)
    {
        var holidays = Holidays.Select(h => DateOnly.TryParse(h, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : default).ToHashSet();
        var due = sent;
        for (var left = DeadlineWorkingDays; left > 0;)
        {
            due = due.AddDays(1);
            var day = DateOnly.FromDateTime(due.UtcDateTime);
            if (due.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day)) left--;
        }
        return due;
    }
}

/// <summary>
/// Referrals and transfers of a case between organisations, as explicit transitions. Sending needs the person's active
/// consent to services and to sharing with the receiving organisation; the refusal names what is missing. Only the
/// receiving organisation answers (accepts, declines, completes); only the sender revokes. Acceptance lets the receiving
/// organisation reach the case and its person through the one scope; a transfer also moves the case to it.
/// </summary>
public sealed class Referrals(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access, IOptions<ReferralOptions> options)
{
    /// <param name="MissingConsents">Consent purposes the person has not given (API names: services, sharingWithOrganisation).</param>
    public sealed record Result(bool Found, FieldErrors Errors, Referral? Referral = null, IReadOnlyList<string>? MissingConsents = null, string? ToOrganisation = null);

    public async Task<Result> SendAsync(ReferralKind kind, ReferralInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ReferralsSend);
        var errors = new FieldErrors();
        if (input.CaseId is null) errors.Add("caseId", "Validation.Required");
        var toId = input.ToOrganisationId;
        if (toId is null) errors.Add("toOrganisationId", "Validation.Required");
        var reason = Text(input.Reason, "reason", 2000, true, errors, multiline: true);
        var to = toId is null ? null : await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == toId, ct);
        if (toId is not null && to is null) errors.Add("toOrganisationId", "Validation.OrganisationNotFound");
        if (to is not null && to.Id == user.OrganisationId) errors.Add("toOrganisationId", "Validation.ReferToSelf");
        if (input.CaseId is null || errors.Any) return new(true, errors);

        var c = await CaseScope.OpenForChangeAsync(db, access, user, input.CaseId.Value, Permission.ReferralsSend, ct);
        if (c is null) return new(true, errors.Add("caseId", "Validation.CaseNotFound"));
        c.EnsureOpen();
        if (await db.Referrals.AnyAsync(r => r.CaseId == c.Id && r.ToOrganisationId == to!.Id && r.Kind == kind
                && (r.Status == ReferralStatus.Sent || r.Status == ReferralStatus.Accepted), ct))
            throw new DomainException("referral.open", "This case already has an open referral to that organisation.");
        if (kind == ReferralKind.Transfer && await db.Referrals.AnyAsync(r => r.CaseId == c.Id && r.Kind == ReferralKind.Transfer && r.Status == ReferralStatus.Sent, ct))
            throw new DomainException("transfer.open", "This case is already being transferred.");

        var consents = await db.Consents.AsNoTracking().Where(x => x.PersonId == c.PersonId && x.WithdrawnAt == null).ToListAsync(ct);
        var missing = new List<string>();
        if (!consents.Any(x => x.Purpose == ConsentPurpose.Services)) missing.Add(Names.Of(ConsentPurpose.Services));
        if (!consents.Any(x => x.Purpose == ConsentPurpose.SharingWithOrganisation && x.TargetOrganisationId == to!.Id))
            missing.Add(Names.Of(ConsentPurpose.SharingWithOrganisation));
        if (missing.Count > 0) return new(true, errors.Add("consent", "Validation.ConsentMissing"), MissingConsents: missing, ToOrganisation: to!.Name);

        var now = clock.GetUtcNow();
        var referral = new Referral
        {
            Kind = kind, CaseId = c.Id, PersonId = c.PersonId, FromOrganisationId = user.OrganisationId, ToOrganisationId = to!.Id,
            SentByUserId = user.Id, Reason = reason!, SentAt = now, DueAt = options.Value.DueAfter(now),
        };
        db.Referrals.Add(referral);
        c.Note(user.Id, now, kind.ToString(), null, to.Name);
        c.UpdatedAt = now;
        db.Notifications.Add(new Notification
        {
            OrganisationId = to.Id, Kind = kind == ReferralKind.Transfer ? "transferReceived" : "referralReceived", SubjectId = referral.Id, CreatedAt = now,
            Text = $"A {kind.ToString().ToLowerInvariant()} is waiting for your answer by {Iso(DateOnly.FromDateTime(referral.DueAt.UtcDateTime))}.",
        });
        await audit.SaveWithAuditAsync([Entry(user, AuditAction.Referral_Sent, referral)], ct);
        return new(true, errors, referral);
    }

    public Task<Result> AcceptAsync(ReferralKind kind, Guid id, CurrentUser user, CancellationToken ct) =>
        AnswerAsync(kind, id, user, receiving: true, Permission.ReferralsAnswer, needsReason: false, AuditAction.Referral_Accepted, async (r, _, now) =>
        {
            r.Accept(user.Id, now);
            if (r.Kind != ReferralKind.Transfer) return;
            // The case moves: the receiving organisation owns it; the sender's workers leave it.
            var c = await db.Cases.Include(x => x.Workers).IgnoreQueryFilters().FirstAsync(x => x.Id == r.CaseId, ct);
            c.Note(user.Id, now, nameof(Case.OrganisationId), r.FromOrganisationId.ToString(), r.ToOrganisationId.ToString());
            c.OrganisationId = r.ToOrganisationId;
            foreach (var w in c.Workers.Where(w => w.EndedAt is null)) w.EndedAt = now;
            c.UpdatedAt = now;
        }, ct);

    public Task<Result> DeclineAsync(ReferralKind kind, Guid id, ReferralReasonInput input, CurrentUser user, CancellationToken ct) =>
        AnswerAsync(kind, id, user, receiving: true, Permission.ReferralsAnswer, needsReason: true, AuditAction.Referral_Declined,
            (r, reason, now) => { r.Decline(reason!, user.Id, now); return Task.CompletedTask; }, ct, input.Reason);

    public Task<Result> CompleteAsync(ReferralKind kind, Guid id, CurrentUser user, CancellationToken ct) =>
        AnswerAsync(kind, id, user, receiving: true, Permission.ReferralsAnswer, needsReason: false, AuditAction.Referral_Completed,
            (r, _, now) => { r.Complete(now); return Task.CompletedTask; }, ct);

    public Task<Result> RevokeAsync(ReferralKind kind, Guid id, ReferralReasonInput input, CurrentUser user, CancellationToken ct) =>
        AnswerAsync(kind, id, user, receiving: false, Permission.ReferralsSend, needsReason: true, AuditAction.Referral_Revoked, (r, reason, now) =>
        {
            if (r.Kind == ReferralKind.Transfer && r.Status == ReferralStatus.Accepted)
                throw new DomainException("transfer.accepted", "An accepted transfer cannot be revoked: the case belongs to the other organisation now.");
            r.Revoke(reason!, now);
            return Task.CompletedTask;
        }, ct, input.Reason);

    /// <summary>Referrals the user's organisation sent or received (case workers, supervisors), or that the user sent.</summary>
    public IQueryable<Referral> Visible(CurrentUser user) => VisibleTo(db, user);

    public static IQueryable<Referral> VisibleTo(QadamDbContext db, CurrentUser user)
    {
        var org = user.OrganisationId;
        var me = user.Id;
        return CaseScope.OrganisationWide(user)
            ? db.Referrals.Where(r => r.FromOrganisationId == org || r.ToOrganisationId == org)
            : db.Referrals.Where(r => r.FromOrganisationId == org && r.SentByUserId == me);
    }

    public async Task<ReferralDto?> GetAsync(ReferralKind kind, Guid id, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ReferralsRead);
        var r = await Visible(user).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Kind == kind, ct);
        if (r is null) return null;
        await audit.RecordAsync(Entry(user, AuditAction.Referral_Viewed, r), ct);
        return (await DtosAsync([r], user, ct))[0];
    }

    /// <param name="direction">incoming, outgoing, or null for both.</param>
    public async Task<List<ReferralDto>> ListAsync(ReferralKind? kind, string? direction, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ReferralsRead);
        var q = Visible(user).AsNoTracking();
        if (kind is { } k) q = q.Where(r => r.Kind == k);
        if (direction == "incoming") q = q.Where(r => r.ToOrganisationId == user.OrganisationId);
        if (direction == "outgoing") q = q.Where(r => r.FromOrganisationId == user.OrganisationId);
        var list = await q.OrderByDescending(r => r.SentAt).Take(200).ToListAsync(ct);
        if (list.Count > 0)
            await audit.RecordAsync(new AuditEntry(user.Actor, AuditAction.Referral_Viewed, nameof(Referral), null, new { shown = list.Select(r => r.Id).ToArray() }), ct);
        return await DtosAsync(list, user, ct);
    }

    private async Task<List<ReferralDto>> DtosAsync(List<Referral> list, CurrentUser user, CancellationToken ct)
    {
        var orgIds = list.SelectMany(r => new[] { r.FromOrganisationId, r.ToOrganisationId }).Distinct().ToList();
        var orgs = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        // The person's name only where the one scope shows the person (the receiving side: once accepted).
        var personIds = list.Select(r => r.PersonId).Distinct().ToList();
        var people = await PersonScope.Visible(db).AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, CaseNames.Person, ct);
        var now = clock.GetUtcNow();
        return list.Select(r => ReferralDto.From(r, orgs.GetValueOrDefault(r.FromOrganisationId, "?"), orgs.GetValueOrDefault(r.ToOrganisationId, "?"), now,
            people.GetValueOrDefault(r.PersonId))).ToList();
    }

    private async Task<Result> AnswerAsync(ReferralKind kind, Guid id, CurrentUser user, bool receiving, Permission operation, bool needsReason, AuditAction action,
        Func<Referral, string?, DateTimeOffset, Task> transition, CancellationToken ct, string? reasonText = null)
    {
        await access.DemandAsync(user, operation);
        var referral = await Visible(user).FirstOrDefaultAsync(r => r.Id == id && r.Kind == kind, ct);
        if (referral is null) return new(false, new FieldErrors());
        if ((receiving ? referral.ToOrganisationId : referral.FromOrganisationId) != user.OrganisationId) throw new ForbiddenException(operation);
        var errors = new FieldErrors();
        var reason = needsReason ? Text(reasonText, "reason", 2000, true, errors, multiline: true) : null;
        if (errors.Any) return new(true, errors);
        var now = clock.GetUtcNow();
        await transition(referral, reason, now);
        db.Notifications.Add(new Notification
        {
            OrganisationId = receiving ? referral.FromOrganisationId : referral.ToOrganisationId, Kind = "referral" + referral.Status, SubjectId = referral.Id,
            CreatedAt = now, Text = $"The {kind.ToString().ToLowerInvariant()} sent on {Iso(DateOnly.FromDateTime(referral.SentAt.UtcDateTime))} is now {referral.Status.ToString().ToLowerInvariant()}.",
        });
        await audit.SaveWithAuditAsync([Entry(user, action, referral)], ct);
        return new(true, errors, referral);
    }

    private static AuditEntry Entry(CurrentUser user, AuditAction action, Referral r) =>
        new(user.Actor, action, nameof(Referral), r.Id.ToString(), new { caseId = r.CaseId, personId = r.PersonId, from = r.FromOrganisationId, to = r.ToOrganisationId, kind = ContactNames.Of(r.Kind) });
}
