using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

/// <summary>
/// Explicit merge of a duplicate into a surviving record. Nothing is deleted: the merged record stays,
/// read-only and pointing at the survivor, with its consents and audit history; the survivor's page
/// shows both histories.
/// </summary>
public static class MergePeople
{
    public sealed record Command(Guid SurvivorId, Guid? MergedId, string? Reason);

    public sealed record Result(bool Found, FieldErrors Errors, Person? Survivor);

    /// <summary>Both records must be owned by the caller's organisation (never a shared record, never under break-glass).</summary>
    public sealed class Handler(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access)
    {
        public async Task<Result> HandleAsync(Command command, CurrentUser user, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var errors = new FieldErrors();
            if (await access.OpenAsync(db, user, command.SurvivorId, Permission.PeopleMerge, ct) is not var (survivor, _)) return new(false, errors, null);
            if (command.MergedId is null) errors.Add("mergedId", "Validation.Required");
            if (string.IsNullOrWhiteSpace(command.Reason)) errors.Add("reason", "Validation.Required");
            else if (command.Reason.Length > 500) errors.Add("reason", "Validation.TooLong");
            // The other record must be owned too (the same rule as the survivor's); anything else reads as "not found".
            var merged = command.MergedId is { } mid
                ? await PersonScope.Visible(db).FirstOrDefaultAsync(p => p.Id == mid && p.OrganisationId == user.OrganisationId, ct) : null;
            if (command.MergedId is not null && merged is null) errors.Add("mergedId", "Validation.PersonNotFound");
            if (errors.Any) return new(true, errors, null);

            merged!.MergeInto(survivor);
            db.PersonMerges.Add(new PersonMerge { SurvivorId = survivor.Id, MergedId = merged.Id, UserId = user.Id, Reason = command.Reason!.Trim(), MergedAt = now });
            await audit.SaveWithAuditAsync(
            [
                AuditEntry.About(survivor, user.Actor, AuditAction.Person_Merged, new { role = "survivor", other = merged.Id }),
                AuditEntry.About(merged, user.Actor, AuditAction.Person_Merged, new { role = "merged", other = survivor.Id }),
            ], ct);
            return new(true, errors, survivor);
        }
    }

    /// <summary>The ids whose history belongs to this person's page: itself and every record merged into it.</summary>
    public static async Task<List<Guid>> HistoryIdsAsync(QadamDbContext db, Guid personId, CancellationToken ct)
    {
        var ids = new List<Guid> { personId };
        var frontier = new List<Guid> { personId };
        while (frontier.Count > 0)
        {
            var next = await db.People.Where(p => p.MergedIntoId != null && frontier.Contains(p.MergedIntoId.Value)).Select(p => p.Id).ToListAsync(ct);
            next = next.Except(ids).ToList();
            ids.AddRange(next);
            frontier = next;
        }
        return ids;
    }
}
