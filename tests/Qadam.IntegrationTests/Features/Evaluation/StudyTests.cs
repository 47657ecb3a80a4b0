using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Features.Evaluation;

public abstract class StudyTests(AppFixture app)
{
    private static string Lalonde() => File.ReadAllText(SharedData.File("evaluation", "lalonde.csv"));

    private static object Definition(string csv, string method = "nn-classic") => new
    {
        title = "Lalonde replication", question = "Did NSW raise 1978 earnings?", treatment = "treat", outcome = "re78",
        covariates = "age,educ,race,married,nodegree,re74,re75", method, csv, fileName = "lalonde.csv",
    };

    private static async Task<JsonElement> WaitForAsync(HttpClient client, Guid id)
    {
        for (var i = 0; i < 200; i++)
        {
            var study = await client.GetFromJsonAsync<JsonElement>($"/api/v1/evaluation/studies/{id}");
            if (study.GetProperty("status").GetString() is "completed" or "failed") return study;
            await Task.Delay(100);
        }
        throw new TimeoutException("the study did not finish in 20 s");
    }

    [Fact]
    public async Task Study_DefinedLockedRunAndViewed_ReproducesTheEngine()
    {
        using var client = await app.ClientAsync(Roles.MeOfficer);
        var created = await client.PostAsJsonAsync("/api/v1/evaluation/studies", Definition(Lalonde()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).Id();

        // Not before pre-registration.
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/evaluation/studies/{id}/run", null)).StatusCode);
        var locked = await (await client.PostAsync($"/api/v1/evaluation/studies/{id}/lock", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("locked", locked.GetProperty("status").GetString());
        Assert.Equal(64, locked.GetProperty("lockedPlanHash").GetString()!.Length);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/evaluation/studies/{id}/lock", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/v1/evaluation/studies/{id}/run", null)).StatusCode);
        var done = await WaitForAsync(client, id);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(100, done.GetProperty("progress").GetInt32());
        var report = done.GetProperty("result").GetProperty("report");
        Assert.Equal(894.37, Math.Round(report.GetProperty("att").GetDouble(), 2));
        Assert.Equal(614, done.GetProperty("result").GetProperty("unitsFound").GetInt32());
        Assert.Equal(185, done.GetProperty("result").GetProperty("treatedScores").GetArrayLength());

        var pdf = await client.GetByteArrayAsync($"/api/v1/evaluation/studies/{id}/export.pdf");
        var text = PdfText(pdf);
        Assert.Contains("Lalonde replication", text);
        Assert.Contains("894.37", text);
        Assert.Contains("raceblack", text);

        var csv = await client.GetStringAsync($"/api/v1/evaluation/studies/{id}/export.csv");
        Assert.Contains("estimate,\"estimate\",\"894.367", csv);
        Assert.Contains("raceblack", csv);
    }

    /// <summary>Reads a PDF back with poppler's pdftotext (an independent reader), so the test checks a real, searchable PDF.</summary>
    internal static string PdfText(byte[] pdf)
    {
        Assert.Equal("%PDF-1.7", System.Text.Encoding.ASCII.GetString(pdf, 0, 8));
        var path = Path.Combine(Path.GetTempPath(), $"study-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var psi = new System.Diagnostics.ProcessStartInfo("pdftotext", $"-layout {path} -") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8 };
            using var process = System.Diagnostics.Process.Start(psi)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
            return text;
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task UploadedLottery_IsTheDifferenceInMeans_WithAnExactRandomisationPValue()
    {
        // Six units, three assigned: outcomes 4, 6, 8 against 1, 2, 3. ITT = 6 − 2 = 4; of the C(6,3) = 20 possible draws
        // only the observed one and its mirror give |difference| ≥ 4, so the exact two-sided p-value is 2/20 = 0.1.
        using var client = await app.ClientAsync(Roles.MeOfficer);
        var csv = "drawn,y\n1,4\n1,6\n1,8\n0,1\n0,2\n0,3";
        using var created = await client.PostAsJsonAsync("/api/v1/evaluation/studies", new
        {
            title = "Uploaded lottery", question = "Does the offer help?", treatment = "drawn", outcome = "y", method = "lottery", csv, fileName = "lottery.csv",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var study = await Studies.LockRunAndWaitAsync(client, (await created.Content.ReadFromJsonAsync<JsonElement>()).Id());
        Assert.True(study.GetProperty("status").GetString() == "completed", study.GetProperty("error").ToString());
        var report = study.GetProperty("result").GetProperty("report");
        Assert.Equal(4, report.GetProperty("estimate").GetDouble(), 10);
        Assert.Equal("ITT", report.GetProperty("estimand").GetString());
        var randomised = report.GetProperty("randomised");
        Assert.Equal(0.1, randomised.GetProperty("randomisationP").GetDouble(), 10);
        Assert.True(randomised.GetProperty("exact").GetBoolean());
        Assert.Equal(JsonValueKind.Null, randomised.GetProperty("complierEffect").ValueKind); // no take-up data in the upload
    }

    [Fact]
    public async Task LockedPlan_ChangesNeedAReason_AndAreShownAsDeviations()
    {
        using var client = await app.ClientAsync(Roles.MeOfficer);
        var id = (await (await client.PostAsJsonAsync("/api/v1/evaluation/studies", Definition(Lalonde()))).Content.ReadFromJsonAsync<JsonElement>()).Id();
        await client.PostAsync($"/api/v1/evaluation/studies/{id}/lock", null);
        var change = new { title = "Lalonde replication", question = "Did NSW raise 1978 earnings?", treatment = "treat", outcome = "re78",
            covariates = "age,educ,race,married,nodegree,re74,re75", method = "nn-classic", caliper = 0.1 };
        var noReason = await client.PutAsJsonAsync($"/api/v1/evaluation/studies/{id}", change);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        var amended = await client.PutAsJsonAsync($"/api/v1/evaluation/studies/{id}", new
        {
            change.title, change.question, change.treatment, change.outcome, change.covariates, change.method, change.caliper,
            reason = "Poor overlap seen in the balance diagnostics",
        });
        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        var deviation = Assert.Single((await amended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deviations").EnumerateArray());
        Assert.Equal("Caliper", deviation.GetProperty("field").GetString());
        Assert.Equal("0.1", deviation.GetProperty("to").GetString());
        await client.PostAsync($"/api/v1/evaluation/studies/{id}/run", null);
        var done = await WaitForAsync(client, id);
        Assert.Equal(1835.41, Math.Round(done.GetProperty("result").GetProperty("report").GetProperty("att").GetDouble(), 2));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/evaluation/studies/{id}/export.pdf");
        request.Headers.AcceptLanguage.ParseAdd("kk");
        var kazakh = PdfText(await (await client.SendAsync(request)).Content.ReadAsByteArrayAsync());
        Assert.Contains("Бекітілген жоспардан ауытқулар", kazakh); // deviations heading, in Kazakh
        Assert.Contains("Poor overlap seen", kazakh);
    }

    [Fact]
    public async Task BadDefinitions_Answer400NamingFields_AndImpossibleAnalysesFailClearly()
    {
        using var client = await app.ClientAsync(Roles.MeOfficer);
        var bad = await client.PostAsJsonAsync("/api/v1/evaluation/studies", new { title = "", treatment = "treat", outcome = "income", covariates = "age", method = "magic", csv = Lalonde() });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "title", "question", "method" }) Assert.True(errors.TryGetProperty(field, out _), field);
        // nn is MatchIt 4.5.1's routine, which ignores a caliper: refused by name instead of silently ignored.
        var caliper = await client.PostAsJsonAsync("/api/v1/evaluation/studies", new { title = "t", question = "q", treatment = "treat", outcome = "re78", covariates = "age", method = "nn", caliper = 0.1, csv = Lalonde() });
        Assert.Contains("#163", (await caliper.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("caliper")[0].GetString());

        // One treated unit: the study runs and fails with the engine's plain reason, not a crash.
        var oneTreated = "treat,age,y\n1,20,5\n0,21,4\n0,30,3\n0,25,4\n";
        var id = (await (await client.PostAsJsonAsync("/api/v1/evaluation/studies", new
        {
            title = "Too small", question = "q", treatment = "treat", outcome = "y", covariates = "age", method = "nn", csv = oneTreated,
        })).Content.ReadFromJsonAsync<JsonElement>()).Id();
        await client.PostAsync($"/api/v1/evaluation/studies/{id}/lock", null);
        await client.PostAsync($"/api/v1/evaluation/studies/{id}/run", null);
        var done = await WaitForAsync(client, id);
        Assert.Equal("failed", done.GetProperty("status").GetString());
        Assert.Contains("treated", done.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Studies_AreScopedToTheOrganisation_AndNeverCarryNames()
    {
        using var mine = await app.ClientAsync(Roles.MeOfficer, 1);
        var csv = "treat,age,region,y\n" + string.Join("\n", Enumerable.Range(0, 60).Select(i => $"{(i % 3 == 0 ? 1 : 0)},{18 + i % 10},{(i % 2 == 0 ? "KZ-75" : "KZ-43")},{i % 7}"));
        var id = (await (await mine.PostAsJsonAsync("/api/v1/evaluation/studies", new
        {
            title = "Scoped", question = "q", treatment = "treat", outcome = "y", covariates = "age,region", method = "ipw", csv,
        })).Content.ReadFromJsonAsync<JsonElement>()).Id();
        using var other = await app.ClientAsync(Roles.MeOfficer, 2);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/evaluation/studies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mine.GetAsync("/api/v1/people")).StatusCode);

        await mine.PostAsync($"/api/v1/evaluation/studies/{id}/lock", null);
        await mine.PostAsync($"/api/v1/evaluation/studies/{id}/run", null);
        var body = JsonSerializer.Serialize(await WaitForAsync(mine, id));
        var names = await app.WithDbAsync(db => Task.FromResult(db.People.Select(p => p.FamilyName).Take(50).ToList()));
        Assert.NotEmpty(names);
        Assert.DoesNotContain(names, n => body.Contains(n, StringComparison.Ordinal));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StudyTests_Sqlite(SqliteApp app) : StudyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class StudyTests_Postgres(PostgresApp app) : StudyTests(app);
