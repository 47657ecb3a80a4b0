using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Platform;

/// <summary>
/// A person registered alone gets their keys written in the same batch, without re-derivation (the common write). Those
/// keys must be exactly what derivation from the database gives, or the scope would drift from its rules.
/// </summary>
public abstract class PersonKeyTests(AppFixture app)
{
    [Fact]
    public async Task NewPersonsKeys_AreTheDerivedOnes()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var id = (await TestData.CreatePersonAsync(client, TestData.Person())).Id();
        async Task<List<(PersonKeyKind, Guid)>> KeysAsync() => await app.WithDbAsync(async db =>
            (await db.PersonKeys.AsNoTracking().Where(k => k.PersonId == id).ToListAsync()).Select(k => (k.Kind, k.Principal)).Order().ToList());
        var written = await KeysAsync();
        Assert.Contains(written, k => k.Item1 == PersonKeyKind.Organisation);
        Assert.Contains(written, k => k.Item1 == PersonKeyKind.Registered);
        await app.WithDbAsync(async db => { await db.ReplaceKeysAsync([id], db.Now, default); return 0; });
        Assert.Equal(await KeysAsync(), written);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PersonKeyTests_Sqlite(SqliteApp app) : PersonKeyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PersonKeyTests_Postgres(PostgresApp app) : PersonKeyTests(app);
