using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Privacy;
using Qadam.Web.Features.People;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.AuditTrail;

/// <summary>
/// The trail as an authorised role sees it: events by users of their organisation, and events about person records
/// their organisation owns (so an owner sees a break-glass read by someone else). A supervisor finds the events about a
/// person by name or IIN (blind indexes, among the people the viewer may see) — list events that showed the person
/// included. Users and people are named; reading the trail is itself one audit event naming what was shown.
/// </summary>
public static class QueryAudit
{
    /// <summary>A trail's count stops here: beyond it the page says "more than 1,000" (counting a million-event trail on every page would cost more than the page).</summary>
    public const int CountCap = 1000;

    /// <param name="Before">The keyset cursor: the sequence of the last event of the previous page (<see cref="Result.Next"/>); null for the newest.</param>
    public sealed record Query(string? Person, string? EntityId, string? Action, Guid? UserId, DateTimeOffset? From, DateTimeOffset? To, long? Before = null, int PageSize = 50);

    public sealed record Item(long Sequence, DateTimeOffset OccurredAt, Guid? UserId, string? UserName, Guid? OrganisationId,
        string Action, string? EntityType, string? EntityId, string? IpAddress, string? Details, string Hash);

    /// <summary>Names for the ids the page shows: users (display name), people (only those the viewer may see), organisations.</summary>
    /// <param name="Total">Matching events up to <see cref="CountCap"/> (<paramref name="TotalCapped"/> when there are more).</param>
    /// <param name="Next">The cursor of the next (older) page, or null on the last.</param>
    public sealed record Result(IReadOnlyList<Item> Items, int Total, bool TotalCapped, long? Next, int PageSize,
        IReadOnlyDictionary<Guid, string> Users, IReadOnlyDictionary<Guid, string> People, IReadOnlyDictionary<Guid, string> Organisations);

    public sealed class Handler(QadamDbContext db, BlindIndex index, AuditLog audit, Access access)
    {
        public async Task<Result> HandleAsync(Query q, CurrentUser user, string channel, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.AuditRead);
            var org = user.OrganisationId;
            var events = db.AuditEvents.AsNoTracking().Where(e => e.OrganisationId == org || e.SubjectOrganisationId == org);
            if (!string.IsNullOrWhiteSpace(q.Person))
            {
                var matched = user.Can(Permission.PeopleSearch)
                    ? await SearchPeople.Filter(PersonScope.Visible(db), q.Person.Trim(), db, index).Matches.Select(p => p.Id).Take(20).ToListAsync(ct)
                    : [];
                events = events.Where(About(matched));
            }
            if (!string.IsNullOrWhiteSpace(q.EntityId)) events = events.Where(e => e.EntityId == q.EntityId.Trim());
            if (!string.IsNullOrWhiteSpace(q.Action) && Enum.TryParse<AuditAction>(q.Action, ignoreCase: true, out var action)) events = events.Where(e => e.Action == action);
            if (q.UserId is { } uid) events = events.Where(e => e.UserId == uid);
            if (q.From is { } from) events = events.Where(e => e.OccurredAt >= from);
            if (q.To is { } to) events = events.Where(e => e.OccurredAt < to);
            var pageSize = Math.Clamp(q.PageSize, 1, 200);
            var total = await events.Select(e => e.Sequence).Take(CountCap + 1).CountAsync(ct);
            var capped = total > CountCap;
            if (capped) total = CountCap;
            // Keyset pagination on the sequence, newest first: each page is a range of the primary key, however deep.
            var page = q.Before is { } before ? events.Where(e => e.Sequence < before) : events;
            var rows = await page.OrderByDescending(e => e.Sequence).Take(pageSize + 1).ToListAsync(ct);
            var more = rows.Count > pageSize;
            if (more) rows.RemoveAt(rows.Count - 1);

            var userIds = rows.Where(e => e.UserId is not null).Select(e => e.UserId!.Value).Distinct().ToList();
            var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            var personIds = rows.SelectMany(PersonIdsOf).Distinct().ToList();
            // Names only for people the viewer may see; others stay an id ("outside your scope").
            var people = user.Can(Permission.PeopleRead)
                ? (await PersonScope.Visible(db).AsNoTracking().Where(p => personIds.Contains(p.Id)).ToListAsync(ct)).ToDictionary(p => p.Id, p => $"{p.FamilyName} {p.GivenName}")
                : [];
            var orgs = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
            await audit.RecordAsync(user.Actor, AuditAction.Audit_Viewed, nameof(AuditEvent), null,
                new { channel, byPerson = !string.IsNullOrWhiteSpace(q.Person), shown = rows.Select(e => e.Sequence).ToArray(), people = people.Keys.ToArray() }, ct);
            return new(rows.Select(e => new Item(e.Sequence, e.OccurredAt, e.UserId, e.UserName, e.OrganisationId, e.Action.ToString(),
                e.EntityType, e.EntityId, e.IpAddress, e.Details, e.Hash)).ToList(), total, capped, more ? rows[^1].Sequence : null, pageSize, users, people, orgs);
        }
    }

    /// <summary>The people an event is about: its record, and for a list event every person it names.</summary>
    public static IEnumerable<Guid> PersonIdsOf(AuditEvent e)
    {
        if (e.EntityType == nameof(Domain.Person) && Guid.TryParse(e.EntityId, out var id)) yield return id;
        if (e.Details is null || !e.Details.Contains("\"shown\"", StringComparison.Ordinal)) yield break;
        using var doc = JsonDocument.Parse(e.Details);
        if (doc.RootElement.TryGetProperty("shown", out var shown) && shown.ValueKind == JsonValueKind.Array)
            foreach (var s in shown.EnumerateArray())
                if (s.ValueKind == JsonValueKind.String && Guid.TryParse(s.GetString(), out var g)) yield return g;
    }

    /// <summary>Events about any of these people: their record's events, and list events that showed them.</summary>
    public static Expression<Func<AuditEvent, bool>> About(IReadOnlyCollection<Guid> personIds)
    {
        var ids = personIds.Select(i => i.ToString()).ToList();
        Expression<Func<AuditEvent, bool>> record = x => x.EntityType == "Person" && ids.Contains(x.EntityId!);
        var e = record.Parameters[0];
        var body = record.Body;
        var details = Expression.Property(e, nameof(AuditEvent.Details));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        foreach (var id in ids)
            body = Expression.OrElse(body, Expression.AndAlso(Expression.NotEqual(details, Expression.Constant(null, typeof(string))),
                Expression.Call(details, contains, Expression.Constant(id))));
        return Expression.Lambda<Func<AuditEvent, bool>>(body, e);
    }

    private static readonly AuditAction[] Reads =
        [AuditAction.Person_Viewed, AuditAction.BreakGlass_Used, AuditAction.BreakGlass_Granted, AuditAction.Person_Exported, AuditAction.Applicant_Listed,
         AuditAction.Attendance_Viewed, AuditAction.Placement_Viewed];

    /// <summary>Who looked at this person (for the person page): views, lists that showed them and break-glass reads, of it and of records merged into it.</summary>
    public static Task<List<AuditEvent>> ViewsOfAsync(QadamDbContext db, IReadOnlyCollection<Guid> personIds, int take, CancellationToken ct) =>
        db.AuditEvents.AsNoTracking().Where(About(personIds)).Where(e => Reads.Contains(e.Action)).OrderByDescending(e => e.Sequence).Take(take).ToListAsync(ct);

    /// <summary>What happened to the record (everything but reads, which have their own list), newest first.</summary>
    public static Task<List<AuditEvent>> HistoryOfAsync(QadamDbContext db, IReadOnlyCollection<Guid> personIds, int take, CancellationToken ct) =>
        db.AuditEvents.AsNoTracking().Where(About(personIds)).Where(e => !Reads.Contains(e.Action)).OrderByDescending(e => e.Sequence).Take(take).ToListAsync(ct);
}
