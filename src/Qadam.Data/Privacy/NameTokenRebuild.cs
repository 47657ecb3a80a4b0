using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;

namespace Qadam.Privacy;

/// <summary>
/// Derives name tokens from the (decrypted) names of the people who have none: after the migration that empties them
/// because their derivation changed (pairs of words, 2026-12-07). People are taken in id order, a chunk per transaction, so
/// a rebuild cut short resumes where it stopped: the start-up check asks only whether the last person has tokens.
/// </summary>
public static class NameTokenRebuild
{
    /// <summary>Whether the person with the largest id has no name token (every person has at least one, a name word).</summary>
    public static async Task<bool> NeededAsync(QadamDbContext db, CancellationToken ct = default)
    {
        var last = await db.People.IgnoreQueryFilters().OrderByDescending(p => p.Id).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        return last is { } id && !await db.PersonNameTokens.AnyAsync(t => t.PersonId == id, ct);
    }

    /// <summary>Writes the tokens of every person who has none; returns how many people that was.</summary>
    public static async Task<int> RebuildAsync(QadamDbContext db, BlindIndex index, CancellationToken ct = default)
    {
        const int chunk = 5000;
        var done = 0;
        var after = Guid.Empty;
        while (true)
        {
            var from = after;
            var batch = await db.People.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.Id.CompareTo(from) > 0 && !db.PersonNameTokens.Any(t => t.PersonId == p.Id))
                .OrderBy(p => p.Id).Take(chunk)
                .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.Patronymic }).ToListAsync(ct);
            if (batch.Count == 0) return done;
            var tokens = batch.AsParallel().AsOrdered()
                .SelectMany(p => PersonNameToken.Of(p.Id, index, p.GivenName, p.FamilyName, p.Patronymic))
                .ToList();
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                await BulkWriter.InsertAsync(db, tokens, ct);
                await tx.CommitAsync(ct);
            }
            done += batch.Count;
            after = batch[^1].Id;
        }
    }
}
