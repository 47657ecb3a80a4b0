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
    public sealed class Handler(QadamDbContext db, AuditLog audit, TimeProvider clock)
    {
        public async Task<Person?> HandleAsync(Guid id, CurrentUser user, string channel, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var person = await PersonScope.Visible(db, user, now).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
            if (person is null) return null;
            // Only a record outside the user's ordinary scope can have been reached by break-glass; the common case needs no query.
            var breakGlass = !(person.OrganisationId == user.OrganisationId && PersonScope.SeesWholeOrganisation(user))
                && await PersonScope.IsBreakGlassOnlyAsync(db, user, id, now, ct);
            await audit.RecordAsync(AuditEntry.About(person, user.Actor, breakGlass ? AuditAction.BreakGlass_Used : AuditAction.Person_Viewed, new { channel }), ct);
            return person;
        }
    }
}
