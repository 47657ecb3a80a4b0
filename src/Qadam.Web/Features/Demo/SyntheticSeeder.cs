using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;

namespace Qadam.Web.Features.Demo;

/// <summary>
/// A synthetic national data set (issue #13): N people with realistic Kazakh and Russian names, IINs, phones and regions
/// across every region, with their consents and, for some, a scheme application, encrypted and blind-indexed exactly
/// as the application does. Written in batches with change tracking off, one audit event per batch. Refuses to run
/// outside the demo and development environments.
/// </summary>
public sealed class SyntheticSeeder(QadamDbContext db, BlindIndex index, AuditLog audit, TimeProvider clock, IHostEnvironment environment)
{
    public const string Cohort = "Синтетика-2027";

    public async Task<int> SeedAsync(int count, int seed = 13, int batch = 2000, CancellationToken ct = default)
    {
        if (!QadamServices.IsDemoEnvironment(environment))
            throw new InvalidOperationException($"Synthetic data can only be seeded in a demo or development environment, not '{environment.EnvironmentName}'.");
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "Seed at least one person.");
        db.UseScope(AccessScope.System);
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.CreatedAt).ThenBy(o => o.Name).Select(o => new { o.Id, o.RegionCode }).ToListAsync(ct);
        if (organisations.Count == 0) throw new InvalidOperationException("Create an organisation first (qadam organisation add, or qadam seed for the demo).");
        // Consents are recorded by a user of the person's organisation (its first), as intake would.
        var recorders = (await db.Users.AsNoTracking().Select(u => new { u.Id, u.OrganisationId }).ToListAsync(ct))
            .GroupBy(u => u.OrganisationId).ToDictionary(g => g.Key, g => g.First().Id);
        var regions = await db.Regions.AsNoTracking().Include(r => r.Localities).OrderBy(r => r.Code).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var written = 0;
        var previous = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var b = 0; written < count; b++)
            {
                var n = Math.Min(batch, count - written);
                var first = written;
                // Each person is drawn from a generator of its own (seed, index), so the set is the same however it is
                // batched, and the encryption and blind indexes are computed on every core.
                var made = Enumerable.Range(first, n).AsParallel().AsOrdered().Select(i =>
                {
                    var r = new Random(HashCode.Combine(seed, i));
                    var org = organisations[i % organisations.Count];
                    // Most people live in their organisation's region; the rest anywhere in the country.
                    var region = r.NextDouble() < 0.8 && org.RegionCode is { } home ? regions.FirstOrDefault(x => x.Code == home) ?? regions[r.Next(regions.Count)] : regions[r.Next(regions.Count)];
                    var locality = region.Localities.Count > 0 ? region.Localities[r.Next(region.Localities.Count)].NameRu : region.NameRu;
                    var person = DemoSeeder.MakePerson(r, i, org.Id, region.Code, locality, recorders.TryGetValue(org.Id, out var by) ? by : null, now, index, nationalNames: true);
                    var consents = DemoSeeder.SyntheticConsents(r, person, recorders.GetValueOrDefault(org.Id), now).ToList();
                    SchemeApplicant? applicant = r.NextDouble() < 0.05
                        ? new SchemeApplicant
                        {
                            OrganisationId = org.Id, PersonId = person.Id, AppliedOn = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-r.Next(0, 90)), Cohort = Cohort,
                            Education = (Education)r.Next(1, 5), Skills = "общение", RegionCode = region.Code, MaxTravelKm = new[] { 10, 25, 50 }[r.Next(3)],
                            LocalityId = region.Localities.Count > 0 ? region.Localities[r.Next(region.Localities.Count)].Id : null,
                        }
                        : null;
                    return (person, consents, applicant);
                }).ToList();
                await using (var tx = await db.Database.BeginTransactionAsync(ct))
                {
                    await BulkWriter.InsertAsync(db, made.Select(m => m.person).ToList(), ct);
                    await BulkWriter.InsertAsync(db, made.SelectMany(m => m.person.NameTokens).ToList(), ct);
                    await BulkWriter.InsertAsync(db, made.SelectMany(m => m.consents).ToList(), ct);
                    await BulkWriter.InsertAsync(db, made.Where(m => m.applicant is not null).Select(m => m.applicant!).ToList(), ct);
                    // The same derivation as every save (ADR 0014), for the whole batch at once.
                    await db.ReplaceKeysAsync(made.Select(m => m.person.Id).ToList(), now, ct);
                    await audit.SaveWithAuditAsync([new AuditEntry(Actor.System with { UserName = "synthetic-seed" }, AuditAction.Person_Created, "Synthetic", null, new { count = n, seed, first })], ct);
                    await tx.CommitAsync(ct);
                }
                db.ChangeTracker.Clear();
                written += n;
            }
        }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = previous; }
        return written;
    }
}
