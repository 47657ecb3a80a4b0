using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.AuditTrail;

/// <summary>
/// The trail as an authorised role sees it: events by users of their organisation, and events about
/// person records their organisation owns (so an owner sees a break-glass read by someone else).
/// </summary>
public static class QueryAudit
{
    public sealed record Query(string? EntityId, string? Action, Guid? UserId, DateTimeOffset? From, DateTimeOffset? To, int Page = 1, int PageSize = 50);

    public sealed record Item(long Sequence, DateTimeOffset OccurredAt, Guid? UserId, string? UserName, Guid? OrganisationId,
        string Action, string? EntityType, string? EntityId, string? IpAddress, string? Details, string Hash);

    public sealed record Result(IReadOnlyList<Item> Items, int Total, int Page, int PageSize);

    public static async Task<Result> HandleAsync(Query q, QadamDbContext db, CurrentUser user, CancellationToken ct)
    {
        var org = user.OrganisationId;
        var events = db.AuditEvents.AsNoTracking().Where(e => e.OrganisationId == org || e.SubjectOrganisationId == org);
        if (!string.IsNullOrWhiteSpace(q.EntityId)) events = events.Where(e => e.EntityId == q.EntityId.Trim());
        if (!string.IsNullOrWhiteSpace(q.Action) && Enum.TryParse<AuditAction>(q.Action, ignoreCase: true, out var action)) events = events.Where(e => e.Action == action);
        if (q.UserId is { } uid) events = events.Where(e => e.UserId == uid);
        if (q.From is { } from) events = events.Where(e => e.OccurredAt >= from);
        if (q.To is { } to) events = events.Where(e => e.OccurredAt < to);
        var pageSize = Math.Clamp(q.PageSize, 1, 200);
        var page = Math.Max(1, q.Page);
        var total = await events.CountAsync(ct);
        var items = await events.OrderByDescending(e => e.Sequence).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new(items.Select(e => new Item(e.Sequence, e.OccurredAt, e.UserId, e.UserName, e.OrganisationId, e.Action.ToString(),
            e.EntityType, e.EntityId, e.IpAddress, e.Details, e.Hash)).ToList(), total, page, pageSize);
    }

    private static readonly AuditAction[] Reads = [AuditAction.Person_Viewed, AuditAction.BreakGlass_Used, AuditAction.BreakGlass_Granted, AuditAction.Person_Exported];

    /// <summary>Who looked at this person (for the person page): views and break-glass reads of it and of records merged into it.</summary>
    public static Task<List<AuditEvent>> ViewsOfAsync(QadamDbContext db, IReadOnlyCollection<Guid> personIds, int take, CancellationToken ct) =>
        About(db, personIds).Where(e => Reads.Contains(e.Action)).OrderByDescending(e => e.Sequence).Take(take).ToListAsync(ct);

    /// <summary>What happened to the record (everything but reads, which have their own list), newest first.</summary>
    public static Task<List<AuditEvent>> HistoryOfAsync(QadamDbContext db, IReadOnlyCollection<Guid> personIds, int take, CancellationToken ct) =>
        About(db, personIds).Where(e => !Reads.Contains(e.Action)).OrderByDescending(e => e.Sequence).Take(take).ToListAsync(ct);

    private static IQueryable<AuditEvent> About(QadamDbContext db, IReadOnlyCollection<Guid> personIds)
    {
        var ids = personIds.Select(i => i.ToString()).ToList();
        return db.AuditEvents.AsNoTracking().Where(e => e.EntityType == "Person" && ids.Contains(e.EntityId!));
    }
}
