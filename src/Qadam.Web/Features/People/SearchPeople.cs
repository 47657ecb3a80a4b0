using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

/// <summary>
/// Search by IIN (12 digits), phone, or name words in any script. Matching is on blind indexes only:
/// exact normalised words (Меруерт = Meruert = Meruyert), all query words must match. The query text
/// is never logged; the audit event records the kind of search and which records were shown.
/// </summary>
public static class SearchPeople
{
    /// <summary>A search's count stops here: beyond it the page says "more than 1,000" (counting a common name's matches nationwide would cost more than the page).</summary>
    public const int CountCap = 1000;

    /// <param name="After">The keyset cursor of the last row of the previous page (<see cref="Result.Next"/>); null for the first page.</param>
    public sealed record Query(string? Text, string? After = null, int PageSize = 25);

    /// <param name="Total">Matches of a search, up to <see cref="CountCap"/> (<paramref name="TotalCapped"/> when there are more); null for the plain list, which is not counted.</param>
    /// <param name="Next">The cursor of the next page, or null on the last.</param>
    public sealed record Result(IReadOnlyList<PersonSummary> Items, int? Total, bool TotalCapped, string Kind, string? Next);

    public sealed class Handler(QadamDbContext db, BlindIndex index, AuditLog audit, Access access)
    {
        public async Task<Result> HandleAsync(Query query, CurrentUser user, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.PeopleSearch);
            var visible = PersonScope.Visible(db).Where(p => p.MergedIntoId == null);
            var text = query.Text?.Trim() ?? "";
            var (filtered, kind) = Filter(visible, text, db, index);
            var pageSize = Math.Clamp(query.PageSize, 1, 100);
            int? total = null;
            var capped = false;
            if (kind != "list")
            {
                total = await filtered.Select(p => p.Id).Take(CountCap + 1).CountAsync(ct);
                capped = total > CountCap;
                if (capped) total = CountCap;
            }
            // Keyset pagination on (UpdatedAt, Id), newest first: each page is an index range, however deep.
            var page = filtered;
            if (Cursor.Parse(query.After) is { } after)
                page = page.Where(p => p.UpdatedAt < after.UpdatedAt || (p.UpdatedAt == after.UpdatedAt && p.Id.CompareTo(after.Id) < 0));
            // Only the columns a row shows are read (and decrypted).
            var rows = await page.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id).Take(pageSize + 1)
                .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.Patronymic, p.Sex, p.DateOfBirth, p.RegionCode, p.Locality, p.OrganisationId, p.UpdatedAt })
                .AsNoTracking().ToListAsync(ct);
            var more = rows.Count > pageSize;
            if (more) rows.RemoveAt(rows.Count - 1);
            var items = rows.Select(p => PersonSummary.Of(p.Id, p.GivenName, p.FamilyName, p.Patronymic, p.Sex, p.DateOfBirth, p.RegionCode, p.Locality, p.OrganisationId)).ToList();
            // One event per page shown (never one per row): the kind of search and which records were shown.
            await audit.RecordAsync(user.Actor, AuditAction.Person_Searched, nameof(Person), null,
                new { kind, total, shown = items.Select(p => p.Id).ToArray() }, ct);
            return new(items, total, capped, kind, more ? Cursor.Format(rows[^1].UpdatedAt, rows[^1].Id) : null);
        }
    }

    /// <summary>The keyset cursor: the last row's update time (UTC ticks) and id, as "ticks.id". A malformed cursor is the first page.</summary>
    public static class Cursor
    {
        public static string Format(DateTimeOffset updatedAt, Guid id) => $"{updatedAt.UtcTicks}.{id:N}";

        public static (DateTimeOffset UpdatedAt, Guid Id)? Parse(string? cursor)
        {
            if (string.IsNullOrEmpty(cursor)) return null;
            var dot = cursor.IndexOf('.');
            if (dot < 1 || !long.TryParse(cursor[..dot], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
                || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParseExact(cursor[(dot + 1)..], "N", out var id)) return null;
            return (new DateTimeOffset(ticks, TimeSpan.Zero), id);
        }
    }

    /// <summary>People among <paramref name="visible"/> matching an IIN, a phone or name words (blind indexes only), and the kind of search.</summary>
    public static (IQueryable<Person> Matches, string Kind) Filter(IQueryable<Person> visible, string text, QadamDbContext db, BlindIndex index)
    {
        if (text.Length == 0) return (visible, "list");
        var compact = text.Replace(" ", "", StringComparison.Ordinal);
        if (compact.Length == 12 && compact.All(char.IsAsciiDigit))
        {
            var h = index.Iin(compact);
            return (visible.Where(p => p.IinHash == h), "iin");
        }
        if (PhoneNumber.Normalise(text) is not null && text.Count(char.IsAsciiDigit) >= 8)
        {
            var h = index.Phone(text);
            return (visible.Where(p => p.PhoneHash == h), "phone");
        }
        var tokens = index.NameTokens(text).Distinct().ToList();
        if (tokens.Count == 0) return (visible.Where(_ => false), "name");
        // The people having every word, found on the token index alone (a join of index-only scans), before any
        // person row is read: an EXISTS per word made the planner walk People and probe the tokens
        // for each row (bench/README.md, "Search and lists at scale").
        var first = tokens[0];
        var ids = db.PersonNameTokens.Where(t => t.Hash == first).Select(t => t.PersonId);
        foreach (var token in tokens.Skip(1))
            ids = ids.Join(db.PersonNameTokens.Where(t => t.Hash == token), id => id, t => t.PersonId, (id, _) => id);
        return (visible.Where(p => ids.Contains(p.Id)), "name");
    }
}
