using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Qadam.Cli;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;
using Qadam.Privacy;
using Qadam.Web.Features.Demo;

namespace Qadam.IntegrationTests.Features.Demo;

/// <summary>`qadam seed --synthetic N` (issue #13): refused outside demo and development; its people decrypt and are found by the same search as hand-made ones,
/// also after their name tokens are derived again.</summary>
public abstract class SyntheticSeederTests(AppFixture app)
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Qadam";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Fact]
    public async Task SyntheticPeople_AreRefusedInProduction_AndAreFoundByTheSearch_AsHandMadeOnes()
    {
        // Production: refused by the seeder itself, and by the CLI (whose environment defaults to Production).
        await app.WithDbAsync(async db =>
        {
            var seeder = new SyntheticSeeder(db, app.Factory.Services.GetRequiredService<Qadam.Privacy.BlindIndex>(), null!, TimeProvider.System, new Environment("Production"));
            await Assert.ThrowsAsync<InvalidOperationException>(() => seeder.SeedAsync(10));
            return 0;
        });
        var error = new StringWriter();
        var before = await app.WithDbAsync(db => db.People.CountAsync());
        Assert.NotEqual(0, await CliApp.RunAsync(["seed", "--synthetic", "10"], new StringWriter(), app.Factory.Settings, error));
        Assert.Equal(before, await app.WithDbAsync(db => db.People.CountAsync()));

        var fresh = app.Fresh();
        await fresh.InitializeAsync();
        try
        {
            var count = await fresh.WithDbAsync(db => db.People.CountAsync());
            var work = await fresh.WithDbAsync(async db => (await db.Contacts.CountAsync(), await db.Cases.Select(c => c.Id).ToListAsync(), await db.Consultations.CountAsync()));
            await using (var scope = fresh.Factory.Services.CreateAsyncScope())
                Assert.Equal(500, await scope.ServiceProvider.GetRequiredService<SyntheticSeeder>().SeedAsync(500, batch: 200));
            Assert.Equal(count + 500, await fresh.WithDbAsync(db => db.People.CountAsync()));
            var orgs = await fresh.WithDbAsync(db => db.Organisations.Where(o => o.Name == "Almaty Youth Support Centre" || o.Name == "Kyzylorda Youth Initiatives NGO")
                .ToDictionaryAsync(o => o.Id, o => o.Name.StartsWith("Almaty", StringComparison.Ordinal) ? 1 : 2));
            var ids = orgs.Keys.ToList();
            // A synthetic applicant's person of organisation 1 or 2 (those with demo users): decrypted, with blind indexes.
            var person = await fresh.WithDbAsync(db => (from a in db.SchemeApplicants
                                                        join p in db.People on a.PersonId equals p.Id
                                                        where a.Cohort == SyntheticSeeder.Cohort && ids.Contains(p.OrganisationId) && p.Iin != null
                                                        select p).FirstAsync());
            Assert.Matches(@"^\p{L}", person.FamilyName);
            Assert.Matches(@"^\d{12}$", person.Iin!);
            Assert.NotNull(person.IinHash);
            using var caseworker = await fresh.ClientAsync(Roles.CaseWorker, orgs[person.OrganisationId]);
            foreach (var query in new[] { person.FamilyName, person.Iin! })
            {
                var found = JsonDocument.Parse(await caseworker.GetStringAsync($"/api/v1/people?query={Uri.EscapeDataString(query)}&pageSize=100")).RootElement;
                Assert.Contains(found.GetProperty("items").EnumerateArray(), x => x.GetProperty("id").GetGuid() == person.Id);
            }
            // A name of two words, in either order and in either script: found through the pair of its words.
            var names = new[] { $"{person.GivenName} {person.FamilyName}", $"{NameNormaliser.Latin(person.FamilyName)} {NameNormaliser.Latin(person.GivenName)}" };
            async Task FoundByNameAsync()
            {
                foreach (var query in names)
                {
                    var found = JsonDocument.Parse(await caseworker.GetStringAsync($"/api/v1/people?query={Uri.EscapeDataString(query)}&pageSize=100")).RootElement;
                    Assert.Contains(found.GetProperty("items").EnumerateArray(), x => x.GetProperty("id").GetGuid() == person.Id);
                }
            }
            await FoundByNameAsync();
            // The migration that adds the pairs empties the tokens; the start-up rebuild derives them again from the names, and
            // resumes where it stopped (here: the last ten people by id lost theirs).
            var people = await fresh.WithDbAsync(db => db.People.IgnoreQueryFilters().CountAsync());
            var index = fresh.Factory.Services.GetRequiredService<BlindIndex>();
            var tokens = await fresh.WithDbAsync(db => db.PersonNameTokens.CountAsync());
            await fresh.WithDbAsync(db => db.PersonNameTokens.ExecuteDeleteAsync());
            Assert.True(await fresh.WithDbAsync(db => NameTokenRebuild.NeededAsync(db)));
            Assert.Equal(people, await fresh.WithDbAsync(db => NameTokenRebuild.RebuildAsync(db, index)));
            Assert.False(await fresh.WithDbAsync(db => NameTokenRebuild.NeededAsync(db)));
            Assert.Equal(tokens, await fresh.WithDbAsync(db => db.PersonNameTokens.CountAsync()));
            await FoundByNameAsync();
            var last = await fresh.WithDbAsync(db => db.People.IgnoreQueryFilters().OrderByDescending(p => p.Id).Select(p => p.Id).Take(10).ToListAsync());
            await fresh.WithDbAsync(db => db.PersonNameTokens.Where(t => last.Contains(t.PersonId)).ExecuteDeleteAsync());
            Assert.True(await fresh.WithDbAsync(db => NameTokenRebuild.NeededAsync(db)));
            Assert.Equal(10, await fresh.WithDbAsync(db => NameTokenRebuild.RebuildAsync(db, index)));
            Assert.Equal(tokens, await fresh.WithDbAsync(db => db.PersonNameTokens.CountAsync()));
            // One audit event per batch, not one per person.
            Assert.Equal(3, await fresh.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.EntityType == "Synthetic")));
            // Calls, cases and consultations too; a synthetic case is its case worker's, through the same use case as any other.
            var after = await fresh.WithDbAsync(async db => (await db.Contacts.CountAsync(), await db.Cases.Select(c => c.Id).ToListAsync(), await db.Consultations.CountAsync()));
            Assert.True(after.Item1 > work.Item1 && after.Item2.Count > work.Item2.Count && after.Item3 > work.Item3,
                $"calls {work.Item1} → {after.Item1}, cases {work.Item2.Count} → {after.Item2.Count}, consultations {work.Item3} → {after.Item3}");
            var newCases = after.Item2.Except(work.Item2).ToList();
            var seeded = await fresh.WithDbAsync(db => (from c in db.Cases
                                                        join u in db.Users on c.OpenedByUserId equals u.Id
                                                        where newCases.Contains(c.Id) && c.Workers.Any(w => w.UserId == u.Id) && u.Email!.StartsWith("caseworker1@")
                                                        select c.Id).FirstAsync());
            using var worker = await fresh.ClientAsync(Roles.CaseWorker, 1);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await worker.GetAsync($"/api/v1/cases/{seeded}")).StatusCode);
        }
        finally { await fresh.DisposeAsync(); }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SyntheticSeederTests_Sqlite(SqliteApp app) : SyntheticSeederTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SyntheticSeederTests_Postgres(PostgresApp app) : SyntheticSeederTests(app);
