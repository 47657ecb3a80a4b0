using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Hotline;

public sealed record CallerFlagInput(string? Reason, string? Until);

/// <summary>Active warning on a contact's caller, shown to whoever opens a contact from that number.</summary>
public sealed record CallerFlagDto(string Reason, string Until);

/// <summary>A supervisor flags the caller of a contact (for example abusive) until a date; the flag follows the keyed number hash.</summary>
public static class FlagCaller
{
    public sealed record Result(bool Found, CallerFlag? Flag, FieldErrors Errors);

    public sealed class Handler(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access)
    {
        public async Task<Result> HandleAsync(Guid contactId, CallerFlagInput input, CurrentUser user, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.CallersFlag);
            var contact = await ContactScope.Visible(db, user).AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, ct);
            if (contact is null) return new(false, null, new FieldErrors());
            var errors = new FieldErrors();
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (contact.CallerHash is null) errors.Add("callerPhone", "Validation.NoCallerNumber");
            var reason = Text(input.Reason, "reason", 500, true, errors, multiline: true);
            var until = Date(input.Until, "until", true, errors);
            if (until is { } u && (u <= today || u > today.AddYears(1))) errors.Add("until", "Validation.FlagUntil");
            if (errors.Any) return new(true, null, errors);
            var flag = new CallerFlag
            {
                OrganisationId = contact.OrganisationId, CallerHash = contact.CallerHash!, Reason = reason!, ExpiresOn = until!.Value,
                FlaggedByUserId = user.Id, FlaggedAt = clock.GetUtcNow(),
            };
            db.CallerFlags.Add(flag);
            await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Caller_Flagged, nameof(Contact), contact.Id.ToString(), new { until = Iso(flag.ExpiresOn) })], ct);
            return new(true, flag, errors);
        }
    }

    /// <summary>The newest flag on this caller that has not lapsed, if any.</summary>
    public static async Task<CallerFlagDto?> ActiveAsync(QadamDbContext db, Contact contact, DateOnly today, CancellationToken ct) =>
        contact.CallerHash is null ? null
            : await db.CallerFlags.AsNoTracking()
                .Where(f => f.OrganisationId == contact.OrganisationId && f.CallerHash == contact.CallerHash && f.ExpiresOn > today)
                .OrderByDescending(f => f.FlaggedAt).Select(f => new { f.Reason, f.ExpiresOn }).FirstOrDefaultAsync(ct) is { } f
                ? new CallerFlagDto(f.Reason, Iso(f.ExpiresOn)) : null;
}
