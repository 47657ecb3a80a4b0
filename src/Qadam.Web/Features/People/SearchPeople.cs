using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Web.Platform;
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
            var terms = Parse(query.Text?.Trim() ?? "", index);
            var kind = terms.Kind;
            var filtered = Matches(visible, terms, db);
            var pageSize = Math.Clamp(query.PageSize, 1, 100);
            var after = Keyset.ParseInstant(query.After);
            int? total = null;
            var capped = false;
            List<Row>? rows = null;
            bool? more = null;
            if (kind is "iin" or "phone" && after is null)
            {
                // An identifier matches one person or a few: one query reads them (the page's columns), counted and ordered
                // here. Only if a whole page came back does the general two-step path below run.
                var few = await (kind == "iin" ? ByIin : ByPhone).For(db)(db, terms.Hashes[0], pageSize + 1).ToListAsync(ct);
                if (few.Count <= pageSize)
                {
                    rows = [.. few.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id)];
                    total = few.Count;
                    more = false;
                }
            }
            if (kind != "list" && rows is null)
            {
                // One pass for the count and the page: up to 1,001 matches' keys (the work is finding the matches, not reading
                // a key), counted, sorted here and the page cut from them. Unordered on purpose: with ORDER BY … LIMIT the
                // planner walks the whole (UpdatedAt, Id) index backwards looking for a rare name's few matches (300 ms at
                // 1M people). Only when there are more than a thousand does the database cut the page (in order).
                var top = (await filtered.Select(p => new { p.Id, p.UpdatedAt }).Take(CountCap + 1).AsNoTracking().ToListAsync(ct))
                    .OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id).ToList();
                capped = top.Count > CountCap;
                total = capped ? CountCap : top.Count;
                var start = after is not { } a ? 0 : top.FindIndex(r => r.Id == a.Id && r.UpdatedAt == a.At) + 1;
                if (!capped && (start > 0 || after is null))
                {
                    var slice = top.Skip(start).Take(pageSize + 1).ToList();
                    var ids = slice.Select(r => r.Id).ToList();
                    // The page's rows by id within the same scope; the match is not run a second time.
                    var found = new Dictionary<Guid, Row>();
                    if (ids.Count > 0)
                        await foreach (var r in RowsOf.For(db)(db, [.. ids]).WithCancellation(ct)) found[r.Id] = r;
                    rows = slice.Where(r => found.ContainsKey(r.Id)).Select(r => found[r.Id]).ToList();
                    more = slice.Count > pageSize;
                }
            }
            if (rows is null)
            {
                // Keyset pagination on (UpdatedAt, Id), newest first: each page is an index range, however deep.
                var page = filtered;
                if (after is { } a)
                    page = page.Where(p => p.UpdatedAt < a.At || (p.UpdatedAt == a.At && p.Id.CompareTo(a.Id) < 0));
                rows = await Columns(page.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id).Take(pageSize + 1)).ToListAsync(ct);
            }
            more ??= rows.Count > pageSize;
            if (rows.Count > pageSize) rows.RemoveRange(pageSize, rows.Count - pageSize);
            var items = rows.Select(p => PersonSummary.Of(p.Id, p.GivenName, p.FamilyName, p.Patronymic, p.Sex, p.DateOfBirth, p.RegionCode, p.Locality, p.OrganisationId)).ToList();
            // One event per page shown (never one per row): the kind of search and which records were shown.
            await audit.RecordAsync(user.Actor, AuditAction.Person_Searched, nameof(Person), null,
                new { kind, total, shown = items.Select(p => p.Id).ToArray() }, ct);
            return new(items, total, capped, kind, more == true && rows.Count > 0 ? Keyset.Format(rows[^1].UpdatedAt.UtcTicks, rows[^1].Id) : null);
        }
    }

    /// <summary>The columns a row shows, and no more (only they are read and decrypted).</summary>
    private sealed record Row(Guid Id, string GivenName, string FamilyName, string? Patronymic, Sex Sex, DateOnly? DateOfBirth, string? RegionCode, string? Locality, Guid OrganisationId, DateTimeOffset UpdatedAt);

    private static readonly System.Linq.Expressions.Expression<Func<Person, Row>> ToRow =
        p => new Row(p.Id, p.GivenName, p.FamilyName, p.Patronymic, p.Sex, p.DateOfBirth, p.RegionCode, p.Locality, p.OrganisationId, p.UpdatedAt);

    // A search by IIN or phone is compiled, so EF neither rebuilds nor looks its expression up (the scope's is the largest it has)
    // on each request. (A name search's keys are not: the scope's key on the token's person is an expression naming the context,
    // which a compiled query would bind to the first context it ran with.)
    private static readonly CompiledPerModel<Func<QadamDbContext, string, int, IAsyncEnumerable<Row>>> ByIin = new(() => EF.CompileAsyncQuery(
        (QadamDbContext db, string hash, int n) => db.People.AsNoTracking().Where(p => p.MergedIntoId == null && p.IinHash == hash).Take(n).Select(ToRow)));

    private static readonly CompiledPerModel<Func<QadamDbContext, string, int, IAsyncEnumerable<Row>>> ByPhone = new(() => EF.CompileAsyncQuery(
        (QadamDbContext db, string hash, int n) => db.People.AsNoTracking().Where(p => p.MergedIntoId == null && p.PhoneHash == hash).Take(n).Select(ToRow)));

    // The page's rows by id (the person filter applies, as to every read of People); a fixed shape, compiled.
    private static readonly CompiledPerModel<Func<QadamDbContext, Guid[], IAsyncEnumerable<Row>>> RowsOf = new(() => EF.CompileAsyncQuery(
        (QadamDbContext db, Guid[] ids) => db.People.AsNoTracking().Where(p => p.MergedIntoId == null && ids.Contains(p.Id)).Select(ToRow)));

    private static IQueryable<Row> Columns(IQueryable<Person> people) =>
        people.Select(ToRow).AsNoTracking();

    /// <summary>People among <paramref name="visible"/> matching an IIN, a phone or name words (blind indexes only), and the kind of search.</summary>
    public static (IQueryable<Person> Matches, string Kind) Filter(IQueryable<Person> visible, string text, QadamDbContext db, BlindIndex index)
    {
        var terms = Parse(text, index);
        return (Matches(visible, terms, db), terms.Kind);
    }

    /// <summary>What a search looks for: its kind ("list", "iin", "phone" or "name") and the blind-index hashes it matches.</summary>
    private sealed record Terms(string Kind, IReadOnlyList<string> Hashes);

    private static Terms Parse(string text, BlindIndex index)
    {
        if (text.Length == 0) return new("list", []);
        var compact = text.Replace(" ", "", StringComparison.Ordinal);
        if (compact.Length == 12 && compact.All(char.IsAsciiDigit)) return new("iin", [index.Iin(compact)!]);
        if (PhoneNumber.Normalise(text) is not null && text.Count(char.IsAsciiDigit) >= 8) return new("phone", [index.Phone(text)!]);
        return new("name", index.SearchTokens(text));
    }

    private static IQueryable<Person> Matches(IQueryable<Person> visible, Terms terms, QadamDbContext db)
    {
        if (terms.Kind == "list") return visible;
        if (terms.Kind == "iin") { var h = terms.Hashes[0]; return visible.Where(p => p.IinHash == h); }
        if (terms.Kind == "phone") { var h = terms.Hashes[0]; return visible.Where(p => p.PhoneHash == h); }
        var tokens = terms.Hashes;
        if (tokens.Count == 0) return visible.Where(_ => false);
        // The people having every word, found on the token index alone (a join of index-only scans), before any
        // person row is read: an EXISTS per word made the planner walk People and probe the tokens
        // for each row (bench/README.md, "Search and lists at scale").
        var first = tokens[0];
        var ids = db.PersonNameTokens.Where(t => t.Hash == first).Select(t => t.PersonId);
        foreach (var token in tokens.Skip(1))
            ids = ids.Join(db.PersonNameTokens.Where(t => t.Hash == token), id => id, t => t.PersonId, (_, t) => t.PersonId);
        // The scope's key first, on the ids alone: a person out of scope is never read (bench/README.md, cause 2). It names the
        // last word's column, so SQLite checks it once the words are joined rather than for every person with the first word.
        ids = db.WithKeyHeld(ids);
        return visible.Where(p => ids.Contains(p.Id));
    }
}
