using System.Net.Http.Json;
using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Platform;

/// <summary>The SQLite file, or a PostgreSQL dump, must not contain a person's name, IIN, phone or notes in plain text.</summary>
public abstract class PrivacyAtRestTests(AppFixture app)
{
    protected abstract Task<string> RawDatabaseTextAsync();

    [Fact]
    public async Task StoredDatabase_HasNoIdentifyingValuesInPlainText()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var family = TestData.Surname("Құрманғазиева");
        var given = "Гүлжаз" + Guid.NewGuid().ToString("N")[..4];
        var iin = TestData.Iin(new DateOnly(2001, 9, 17), Sex.Female);
        var phone = TestData.Phone();
        var notes = "Notes-" + Guid.NewGuid().ToString("N");
        var address = "Address-" + Guid.NewGuid().ToString("N");
        var person = await TestData.CreatePersonAsync(client, new { givenName = given, familyName = family, patronymic = "Ерланқызы", sex = "female",
            dateOfBirth = "2001-09-17", iin, phone, address, notes, regionCode = "KZ-75", disability = "yes" });
        // The values really are stored (the API gives them back)…
        var fetched = await client.GetStringAsync($"/api/v1/people/{person.Id()}");
        Assert.Contains(family, fetched);
        Assert.Contains("\"disability\":\"yes\"", fetched); // health information: encrypted like the notes (Sealed converter)
        using var bad = await client.PostAsJsonAsync("/api/v1/people", new { givenName = "A", familyName = "B", sex = "female", disability = "perhaps" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"disability\"", await bad.Content.ReadAsStringAsync());

        var raw = await RawDatabaseTextAsync();
        // …the scan really reads the data (a non-sensitive value is found in clear)…
        Assert.Contains("Almaty Youth Support Centre", raw);
        // …and none of the identifying values is there.
        foreach (var secret in new[] { family, given, iin, phone[1..], notes, address })
            Assert.DoesNotContain(secret, raw);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PrivacyAtRestTests_Sqlite(SqliteApp app) : PrivacyAtRestTests(app)
{
    protected override Task<string> RawDatabaseTextAsync()
    {
        SqliteConnection.ClearAllPools();
        var sb = new StringBuilder();
        foreach (var f in new[] { app.DatabasePath, app.DatabasePath + "-wal" })
            if (File.Exists(f))
                using (var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
                using (var ms = new MemoryStream()) { s.CopyTo(ms); sb.Append(Encoding.UTF8.GetString(ms.ToArray())); }
        return Task.FromResult(sb.ToString());
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PrivacyAtRestTests_Postgres(PostgresApp app) : PrivacyAtRestTests(app)
{
    protected override async Task<string> RawDatabaseTextAsync()
    {
        var pgDump = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_dump")).Where(File.Exists).Order().LastOrDefault()
            : null;
        Assert.True(pgDump is not null, "pg_dump not found under /usr/lib/postgresql");
        var cs = new NpgsqlConnectionStringBuilder(PostgresApp.Server);
        var psi = new ProcessStartInfo(pgDump!, $"-h {cs.Host} -p {cs.Port} -U {cs.Username} -d {app.DatabaseName} --no-owner")
        { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        using var process = Process.Start(psi)!;
        var dump = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        return dump;
    }
}
