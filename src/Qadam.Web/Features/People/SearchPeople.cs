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
    public sealed record Query(string? Text, int Page = 1, int PageSize = 25);

    public sealed record Result(IReadOnlyList<PersonSummary> Items, int Total, string Kind);

    public sealed class Handler(QadamDbContext db, BlindIndex index, AuditLog audit, Access access)
    {
        public async Task<Result> HandleAsync(Query query, CurrentUser user, CancellationToken ct)
        {
            await access.DemandAsync(user, Permission.PeopleSearch);
            var visible = PersonScope.Visible(db).Where(p => p.MergedIntoId == null);
            var text = query.Text?.Trim() ?? "";
            var (filtered, kind) = Filter(visible, text, db, index);
            var pageSize = Math.Clamp(query.PageSize, 1, 100);
            var page = Math.Max(1, query.Page);
            var total = await filtered.CountAsync(ct);
            var items = await filtered.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id)
                .Skip((page - 1) * pageSize).Take(pageSize).AsNoTracking().ToListAsync(ct);
            await audit.RecordAsync(user.Actor, AuditAction.Person_Searched, nameof(Person), null,
                new { kind, total, shown = items.Select(p => p.Id).ToArray() }, ct);
            return new(items.Select(PersonSummary.From).ToList(), total, kind);
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
        var tokens = index.NameTokens(text).ToList();
        var q = visible;
        foreach (var token in tokens)
            q = q.Where(p => db.PersonNameTokens.Any(t => t.PersonId == p.Id && t.Hash == token));
        return (tokens.Count == 0 ? visible.Where(_ => false) : q, "name");
    }
}
