using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Jobs;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Psychosocial;

public sealed class SafetyAlertOptions
{
    /// <summary>Minutes an alert may stay unacknowledged before it escalates to every supervisor of the organisation.</summary>
    public int EscalateAfterMinutes { get; set; } = 60;
}

public sealed record AcknowledgeInput(string? ActionTaken);

public sealed record SafetyAlertDto(Guid Id, Guid PersonId, string? PersonName, string Source, DateTimeOffset RaisedAt, Guid PsychologistId, string Psychologist,
    DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? ActionTaken, DateTimeOffset? EscalatedAt, Guid? ConsultationId);

/// <summary>
/// Safety alerts: PHQ-9 item 9 above 0 (even when the total is incomplete) or a psychologist's "risk of harm" flag. The
/// client's psychologist and the organisation's supervisors see them at once on their home page and acknowledge them with
/// the action taken; <see cref="SafetyAlertEscalationJob"/> escalates the ones nobody acknowledged in time.
/// </summary>
public sealed class SafetyAlerts(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access)
{
    public async Task<List<SafetyAlertDto>> ListAsync(CurrentUser user, bool openOnly, Guid? personId, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SafetyAlerts);
        var query = ConsultationScope.Alerts(db, user).AsNoTracking();
        if (openOnly) query = query.Where(a => a.AcknowledgedAt == null);
        if (personId is { } pid) query = query.Where(a => a.PersonId == pid);
        var alerts = await query.OrderBy(a => a.AcknowledgedAt != null).ThenByDescending(a => a.RaisedAt).Take(200).ToListAsync(ct);
        var personIds = alerts.Select(a => a.PersonId).Distinct().ToList();
        // The name only when the reader sees the person (a supervisor does, org-wide); the alert itself is never hidden.
        var people = await PersonScope.Visible(db).AsNoTracking().Where(p => personIds.Contains(p.Id)).ToListAsync(ct);
        var userIds = alerts.Select(a => a.PsychologistUserId).Concat(alerts.Where(a => a.AcknowledgedByUserId != null).Select(a => a.AcknowledgedByUserId!.Value)).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        if (people.Count > 0) await audit.SaveWithAuditAsync(AuditEntry.Listed(people, user.Actor, AuditAction.Caseload_Viewed, "safetyAlerts"), ct);
        return alerts.Select(a => new SafetyAlertDto(a.Id, a.PersonId, people.FirstOrDefault(p => p.Id == a.PersonId) is { } p ? $"{p.GivenName} {p.FamilyName}" : null,
            a.Source == SafetyAlertSource.Phq9Item9 ? "phq9Item9" : "riskOfHarm", a.RaisedAt, a.PsychologistUserId, names.GetValueOrDefault(a.PsychologistUserId, ""),
            a.AcknowledgedAt, a.AcknowledgedByUserId is { } by ? names.GetValueOrDefault(by) : null, a.ActionTaken, a.EscalatedAt, a.ConsultationId)).ToList();
    }

    /// <summary>Acknowledges an alert with the action taken. Null → 404; a second acknowledgement is a conflict (DomainException).</summary>
    public async Task<(bool Found, FieldErrors Errors)> AcknowledgeAsync(Guid id, AcknowledgeInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.SafetyAlerts);
        var errors = new FieldErrors();
        var alert = await ConsultationScope.Alerts(db, user).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null) return (false, errors);
        var action = Text(input.ActionTaken, "actionTaken", 2000, required: true, errors, multiline: true);
        if (errors.Any) return (true, errors);
        alert.Acknowledge(user.Id, action!, clock.GetUtcNow());
        var owner = await db.People.IgnoreQueryFilters().Where(p => p.Id == alert.PersonId).Select(p => p.OrganisationId).FirstAsync(ct);
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.SafetyAlert_Acknowledged, nameof(Person), alert.PersonId.ToString(), new { alert = alert.Id }, owner)], ct);
        return (true, errors);
    }
}

/// <summary>
/// An alert nobody acknowledged within <see cref="SafetyAlertOptions.EscalateAfterMinutes"/> escalates once: it is marked
/// escalated and every supervisor, manager and administrator of the organisation gets a home-page alert.
/// </summary>
public sealed class SafetyAlertEscalationJob(QadamDbContext db, AuditLog audit, TimeProvider clock, IOptions<SafetyAlertOptions> options, ILogger<SafetyAlertEscalationJob> log)
    : QadamJob(db, log)
{
    public override async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var before = now.AddMinutes(-options.Value.EscalateAfterMinutes);
        var due = await Db.SafetyAlerts.Where(a => a.AcknowledgedAt == null && a.EscalatedAt == null && a.RaisedAt <= before).Take(500).ToListAsync(ct);
        if (due.Count == 0) return 0;
        foreach (var a in due)
        {
            a.EscalatedAt = now;
            Db.Notifications.Add(new Notification
            {
                OrganisationId = a.OrganisationId, Kind = "safetyAlertEscalated", SubjectId = a.Id, CreatedAt = now,
                Text = $"A safety alert raised at {a.RaisedAt:u} has not been acknowledged.",
            });
        }
        await audit.SaveWithAuditAsync(due.Select(a => new AuditEntry(Actor.System, AuditAction.SafetyAlert_Escalated, nameof(Person), a.PersonId.ToString(),
            new { alert = a.Id, raisedAt = a.RaisedAt }, a.OrganisationId)).ToList(), ct);
        return due.Count;
    }
}
