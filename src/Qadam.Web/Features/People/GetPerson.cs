using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

/// <summary>Reads one person's record. Every successful read is an audit event (a break-glass read is marked as such).</summary>
public static class GetPerson
{
    /// <summary>The record and how it was reached (break-glass: read-only, the page says so).</summary>
    public sealed record Result(Person Person, PersonReach Reach);

    public sealed class Handler(QadamDbContext db, AuditLog audit, Access access)
    {
        public async Task<Result?> HandleAsync(Guid id, CurrentUser user, string channel, CancellationToken ct)
        {
            if (await access.OpenAsync(db, user, id, Permission.PeopleRead, ct, q => q.AsNoTracking()) is not var (person, reach)) return null;
            if (!user.Can(Permission.PeopleIdentifiers)) Redact(person);
            var action = reach == PersonReach.BreakGlass ? AuditAction.BreakGlass_Used : AuditAction.Person_Viewed;
            await audit.RecordAsync(AuditEntry.About(person, user.Actor, action, new { channel }), ct);
            return new(person, reach);
        }
    }

    /// <summary>Clears identifiers and free text from an untracked copy (the caller's role may not see them).</summary>
    public static void Redact(Person person)
    {
        person.Iin = null;
        person.Phone = null;
        person.Address = null;
        person.Notes = null;
    }
}
