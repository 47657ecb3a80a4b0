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

    public sealed class Handler(QadamDbContext db, AuditLog audit, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command command, CurrentUser user, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var errors = new FieldErrors();
            var owned = PersonScope.Visible(db, user, now, includeBreakGlass: false).Where(p => p.OrganisationId == user.OrganisationId);
            var survivor = await owned.FirstOrDefaultAsync(p => p.Id == command.SurvivorId, ct);
            if (survivor is null) return new(false, errors, null);
            if (command.MergedId is null) errors.Add("mergedId", "Validation.Required");
            if (string.IsNullOrWhiteSpace(command.Reason)) errors.Add("reason", "Validation.Required");
            else if (command.Reason.Length > 500) errors.Add("reason", "Validation.TooLong");
            var merged = command.MergedId is { } mid ? await owned.FirstOrDefaultAsync(p => p.Id == mid, ct) : null;
            if (command.MergedId is not null && merged is null) errors.Add("mergedId", "Validation.PersonNotFound");
            if (errors.Any) return new(true, errors, null);

            merged!.MergeInto(survivor);
            merged.UpdatedAt = now;
            merged.Version++;
            survivor.UpdatedAt = now;
            survivor.Version++;
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
