using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Hotline;

/// <summary>The contacts a user may see: supervisors their organisation's; everyone else who answers the line their own.</summary>
public static class ContactScope
{
    public static IQueryable<Contact> Visible(QadamDbContext db, CurrentUser user) =>
        user.IsIn(Roles.Supervisor)
            ? db.Contacts.Where(c => c.OrganisationId == user.OrganisationId)
            : db.Contacts.Where(c => c.OrganisationId == user.OrganisationId && (c.HandledByUserId == user.Id || (c.Unclaimed && c.Status == ContactStatus.Open)));

    /// <summary>Earlier contacts from the same caller in the organisation (by the keyed phone hash): their count and categories only.</summary>
    public static async Task<RepeatCaller?> RepeatAsync(QadamDbContext db, Contact contact, CancellationToken ct)
    {
        if (contact.CallerHash is null) return null;
        var earlier = await db.Contacts.AsNoTracking()
            .Where(c => c.OrganisationId == contact.OrganisationId && c.CallerHash == contact.CallerHash && c.Id != contact.Id && c.StartedAt <= contact.StartedAt)
            .Select(c => c.Categories).ToListAsync(ct);
        return new(earlier.Count, earlier.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct().Order(StringComparer.Ordinal).ToList());
    }
}

public static class GetContact
{
    public sealed class Handler(QadamDbContext db, AuditLog audit, Access access, TimeProvider clock)
    {
        public async Task<ContactDto?> HandleAsync(Guid id, CurrentUser user, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.ContactsRead);
            var contact = await ContactScope.Visible(db, user).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (contact is null) return null;
            await audit.RecordAsync(user.Actor, AuditAction.Contact_Viewed, nameof(Contact), id.ToString(), null, ct);
            var flag = await FlagCaller.ActiveAsync(db, contact, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
            return ContactDto.From(contact, await ContactScope.RepeatAsync(db, contact, ct)) with { CallerFlag = flag };
        }
    }
}

public static class ListContacts
{
    public sealed record Row(Guid Id, string StartedAt, string Channel, string Status, string? Urgency, IReadOnlyList<string> Categories);

    public sealed class Handler(QadamDbContext db, AuditLog audit, Access access)
    {
        /// <summary>The newest first, at most 200; one audit event names the contacts shown.</summary>
        public async Task<List<Row>> HandleAsync(CurrentUser user, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.ContactsRead);
            var contacts = await ContactScope.Visible(db, user).AsNoTracking().OrderByDescending(c => c.StartedAt).Take(200).ToListAsync(ct);
            if (contacts.Count > 0)
                await audit.RecordAsync(user.Actor, AuditAction.Contact_Listed, nameof(Contact), null, new { shown = contacts.Select(c => c.Id).ToArray() }, ct);
            return contacts.Select(c => ContactDto.From(c, null)).Select(d => new Row(d.Id, d.StartedAt, d.Channel, d.Status, d.Urgency, d.Categories)).ToList();
        }
    }
}
