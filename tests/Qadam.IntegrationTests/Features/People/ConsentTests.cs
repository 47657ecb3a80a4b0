using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Features.People;

public abstract class ConsentTests(AppFixture app)
{
    private async Task<Guid> OrgIdAsync(int n) =>
        await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == $"caseworker{n}@demo.qadam.kz").OrganisationId));

    [Fact]
    public async Task SharingConsent_GrantsAccess_AndWithdrawalRevokesItAtOnce()
    {
        using var owner = await app.ClientAsync(Roles.CaseWorker, 1);
        using var other = await app.ClientAsync(Roles.CaseWorker, 2);
        var iin = TestData.Iin(new DateOnly(2000, 8, 9), Sex.Female);
        var person = await TestData.CreatePersonAsync(owner, TestData.Person(dob: "2000-08-09", iin: iin));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/people/{person.Id()}")).StatusCode);

        var give = await owner.PostAsJsonAsync($"/api/v1/people/{person.Id()}/consents",
            new { purpose = "sharingWithOrganisation", targetOrganisationId = await OrgIdAsync(2) });
        Assert.Equal(HttpStatusCode.Created, give.StatusCode);
        var consent = await give.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/v1/people/{person.Id()}")).StatusCode);
        var found = await other.GetFromJsonAsync<JsonElement>($"/api/v1/people?query={iin}");
        Assert.Equal(1, found.GetProperty("total").GetInt32());

        var withdraw = await owner.PostAsync($"/api/v1/people/{person.Id()}/consents/{consent.Id()}/withdraw", null);
        Assert.Equal(HttpStatusCode.OK, withdraw.StatusCode);
        Assert.False((await withdraw.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/people/{person.Id()}")).StatusCode);
        found = await other.GetFromJsonAsync<JsonElement>($"/api/v1/people?query={iin}");
        Assert.Equal(0, found.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await owner.PostAsync($"/api/v1/people/{person.Id()}/consents/{consent.Id()}/withdraw", null)).StatusCode);
    }

    [Fact]
    public async Task FollowUpConsent_PutsPersonOnFollowUpList_WithdrawalTakesThemOff()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var person = await TestData.CreatePersonAsync(client, TestData.Person());
        async Task<bool> OnList() => (await client.GetFromJsonAsync<JsonElement>("/api/v1/people/follow-up")).EnumerateArray().Any(p => p.Id() == person.Id());
        Assert.False(await OnList());
        var consent = await (await client.PostAsJsonAsync($"/api/v1/people/{person.Id()}/consents", new { purpose = "followUpContact" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(await OnList());
        await client.PostAsync($"/api/v1/people/{person.Id()}/consents/{consent.Id()}/withdraw", null);
        Assert.False(await OnList());
    }

    [Fact]
    public async Task Minor_ConsentMustComeFromANamedGuardian()
    {
        using var client = await app.ClientAsync(Roles.CaseWorker);
        var dob = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-16).ToString("yyyy-MM-dd");
        var person = await TestData.CreatePersonAsync(client, TestData.Person(dob: dob));
        var url = $"/api/v1/people/{person.Id()}/consents";
        var bySelf = await client.PostAsJsonAsync(url, new { purpose = "services", givenBy = "person" });
        Assert.Equal(HttpStatusCode.BadRequest, bySelf.StatusCode);
        Assert.True((await bySelf.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("givenBy", out _));
        var unnamed = await client.PostAsJsonAsync(url, new { purpose = "services", givenBy = "guardian" });
        Assert.True((await unnamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("guardianName", out _));
        var ok = await client.PostAsJsonAsync(url, new { purpose = "services", givenBy = "guardian", guardianName = "Сапарова Гүлнар" });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var bad = await client.PostAsJsonAsync(url, new { purpose = "marketing" });
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("purpose", out _));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConsentTests_Sqlite(SqliteApp app) : ConsentTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ConsentTests_Postgres(PostgresApp app) : ConsentTests(app);
