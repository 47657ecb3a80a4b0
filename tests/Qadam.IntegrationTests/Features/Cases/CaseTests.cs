using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qadam.Auditing;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;
using Qadam.Web.Platform.Jobs;
using static Qadam.Domain.Roles;

namespace Qadam.IntegrationTests.Features.Cases;

/// <summary>
/// Cases and referrals through the API: the mother's call referred from Almaty's hotline to the Kostanai centre, consent
/// refusals naming the consent, acceptance granting and revocation removing access, transfers, transition guards, the
/// deadline alert, audited reads.
/// </summary>
public abstract class CaseTests(AppFixture app)
{
    private Task<Guid> OrgAsync(string name) => app.WithDbAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).FirstAsync());
    private Task<Guid> KostanaiAsync() => OrgAsync("Kostanai Family Support Centre");

    /// <summary>The operator registers the caller, takes her consent(s) on the line, and opens a case from the call.</summary>
    private async Task<(Guid Person, Guid Case)> IntakeAsync(HttpClient op, bool services = true, Guid? shareWith = null)
    {
        var person = (await TestData.CreatePersonAsync(op, TestData.Person(given: "Гульмира", dob: "1976-05-14", regionCode: "KZ-39"))).Id();
        if (services) Assert.Equal(HttpStatusCode.Created, (await op.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose = "services" })).StatusCode);
        if (shareWith is { } org)
            Assert.Equal(HttpStatusCode.Created, (await op.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose = "sharingWithOrganisation", targetOrganisationId = org })).StatusCode);
        if (!services) return (person, Guid.Empty);
        var contact = (await (await op.PostAsJsonAsync("/api/v1/contacts", new
        {
            channel = "phone", callerRelation = "parent", categories = new[] { "radicalisation-concern" }, urgency = "medium", outcome = "referral",
            caller = new { sex = "female", ageBand = "30+" }, personAtRisk = new { sex = "female", ageBand = "18-24" }, summary = "Mother's call",
        })).Content.ReadFromJsonAsync<JsonElement>()).Id();
        var opened = await op.PostAsJsonAsync("/api/v1/cases", new { personId = person, contactId = contact });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return (person, (await opened.Content.ReadFromJsonAsync<JsonElement>()).Id());
    }

    [Fact]
    public async Task OpenCase_NamesTheFields_AndNeedsConsentToServices()
    {
        using var op = await app.ClientAsync(Operator);
        var empty = (await (await op.PostAsJsonAsync("/api/v1/cases", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(empty.TryGetProperty("personId", out _));
        var (person, _) = await IntakeAsync(op, services: false);
        var refused = await op.PostAsJsonAsync("/api/v1/cases", new { personId = person, contactId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("services", errors.GetProperty("personId")[0].GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(errors.TryGetProperty("contactId", out _));
        Assert.Equal(0, await app.WithDbAsync(db => db.Cases.CountAsync(c => c.PersonId == person)));
    }

    [Fact]
    public async Task Referral_WithoutConsentToSharing_IsRefused_NamingTheConsent()
    {
        using var op = await app.ClientAsync(Operator);
        var kostanai = await KostanaiAsync();
        var (_, caseId) = await IntakeAsync(op);
        var refused = await op.PostAsJsonAsync("/api/v1/referrals", new { caseId, toOrganisationId = kostanai, reason = "Family needs support" });
        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Kostanai Family Support Centre", problem.GetProperty("title").GetString());
        Assert.Equal("sharingWithOrganisation", Assert.Single(problem.GetProperty("missingConsents").EnumerateArray()).GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Referrals.CountAsync(r => r.CaseId == caseId)));

        var errors = (await (await op.PostAsJsonAsync("/api/v1/referrals", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "caseId", "toOrganisationId", "reason" }) Assert.True(errors.TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task Acceptance_GrantsTheCentreTheCaseAndPerson_RevokingRemovesIt()
    {
        using var op = await app.ClientAsync(Operator);
        var kostanai = await KostanaiAsync();
        var (person, caseId) = await IntakeAsync(op, shareWith: kostanai);
        using var centre = await app.ClientAsync(CaseWorker, 3);
        using var stranger = await app.ClientAsync(CaseWorker, 2);

        var sent = await op.PostAsJsonAsync("/api/v1/referrals", new { caseId, toOrganisationId = kostanai, reason = "Daughter (23) influenced by her fiancé" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var referral = (await sent.Content.ReadFromJsonAsync<JsonElement>()).Id();
        // Sharing consent alone shows the centre the person's record; the case only after acceptance.
        Assert.Equal(HttpStatusCode.NotFound, (await centre.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        var waiting = await centre.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{referral}");
        Assert.Equal("sent", waiting.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsync($"/api/v1/referrals/{referral}/accept", null)).StatusCode); // the sender cannot answer

        Assert.Equal(HttpStatusCode.OK, (await centre.PostAsync($"/api/v1/referrals/{referral}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await centre.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        var own = await centre.PostAsJsonAsync("/api/v1/cases", new { referralId = referral });
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var centreCase = (await own.Content.ReadFromJsonAsync<JsonElement>()).Id();
        Assert.Equal(HttpStatusCode.Forbidden, (await centre.PostAsJsonAsync($"/api/v1/cases/{caseId}/goals", new { text = "x" })).StatusCode); // the referred case is read-only
        foreach (var url in new[] { $"/api/v1/cases/{caseId}", $"/api/v1/cases/{centreCase}", $"/api/v1/people/{person}", $"/api/v1/referrals/{referral}" })
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);

        // Withdrawing sharing consent would also end it; here the sender revokes: the centre no longer reaches the case.
        await app.WithDbAsync(async db =>
        {
            foreach (var c in await db.Consents.Where(c => c.PersonId == person && c.Purpose == ConsentPurpose.SharingWithOrganisation).ToListAsync()) c.Withdraw(Guid.Empty, DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await centre.GetAsync($"/api/v1/cases/{caseId}")).StatusCode); // still through the accepted referral
        var noReason = await op.PostAsJsonAsync($"/api/v1/referrals/{referral}/revoke", new { });
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsJsonAsync($"/api/v1/referrals/{referral}/revoke", new { reason = "Family moved abroad" })).StatusCode);
        foreach (var url in new[] { $"/api/v1/cases/{caseId}", $"/api/v1/cases/{centreCase}", $"/api/v1/people/{person}" })
            Assert.Equal(HttpStatusCode.NotFound, (await centre.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await centre.PostAsync($"/api/v1/referrals/{referral}/complete", null)).StatusCode);
    }

    [Fact]
    public async Task Decline_NeedsAReason_AndGrantsNothing()
    {
        using var op = await app.ClientAsync(Operator);
        var kostanai = await KostanaiAsync();
        var (person, caseId) = await IntakeAsync(op, shareWith: kostanai);
        var referral = (await (await op.PostAsJsonAsync("/api/v1/referrals", new { caseId, toOrganisationId = kostanai, reason = "Support" })).Content.ReadFromJsonAsync<JsonElement>()).Id();
        using var centre = await app.ClientAsync(Supervisor, 3);
        Assert.Equal(HttpStatusCode.BadRequest, (await centre.PostAsJsonAsync($"/api/v1/referrals/{referral}/decline", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await centre.PostAsJsonAsync($"/api/v1/referrals/{referral}/decline", new { reason = "Outside our region" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await centre.PostAsync($"/api/v1/referrals/{referral}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await centre.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        var read = await op.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{referral}");
        Assert.Equal("declined", read.GetProperty("status").GetString());
        Assert.Equal("Outside our region", read.GetProperty("closingReason").GetString());
    }

    [Fact]
    public async Task Transfer_MovesTheCase_WhenAccepted()
    {
        using var cw = await app.ClientAsync(CaseWorker);
        var kostanai = await KostanaiAsync();
        var person = (await TestData.CreatePersonAsync(cw, TestData.Person())).Id();
        await cw.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose = "services" });
        await cw.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose = "sharingWithOrganisation", targetOrganisationId = kostanai });
        var caseId = (await (await cw.PostAsJsonAsync("/api/v1/cases", new { personId = person })).Content.ReadFromJsonAsync<JsonElement>()).Id();
        var transfer = await cw.PostAsJsonAsync("/api/v1/transfers", new { caseId, toOrganisationId = kostanai, reason = "The family moved to Kostanai" });
        Assert.Equal(HttpStatusCode.Created, transfer.StatusCode);
        var id = (await transfer.Content.ReadFromJsonAsync<JsonElement>()).Id();
        Assert.Equal(HttpStatusCode.NotFound, (await cw.PostAsync($"/api/v1/referrals/{id}/accept", null)).StatusCode); // a transfer is not a referral
        using var centre = await app.ClientAsync(CaseWorker, 3);
        Assert.Equal(HttpStatusCode.OK, (await centre.PostAsync($"/api/v1/transfers/{id}/accept", null)).StatusCode);
        var moved = await centre.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        Assert.True(moved.GetProperty("owned").GetBoolean());
        Assert.Equal(kostanai, moved.GetProperty("organisationId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await centre.PostAsJsonAsync($"/api/v1/cases/{caseId}/goals", new { text = "Settle in Kostanai" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cw.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await cw.PostAsJsonAsync($"/api/v1/transfers/{id}/revoke", new { reason = "Changed our mind" })).StatusCode);
    }

    [Fact]
    public async Task StatusTransitions_AreGuarded_AndEveryChangeIsInTheHistory()
    {
        using var cw = await app.ClientAsync(CaseWorker);
        var person = (await TestData.CreatePersonAsync(cw, TestData.Person())).Id();
        await cw.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose = "services" });
        var caseId = (await (await cw.PostAsJsonAsync("/api/v1/cases", new { personId = person })).Content.ReadFromJsonAsync<JsonElement>()).Id();
        async Task<HttpStatusCode> Status(object body) => (await cw.PostAsJsonAsync($"/api/v1/cases/{caseId}/status", body)).StatusCode;

        Assert.Equal(HttpStatusCode.BadRequest, await Status(new { status = "closed" })); // closing needs a reason
        Assert.Equal(HttpStatusCode.BadRequest, await Status(new { status = "finished" }));
        Assert.Equal(HttpStatusCode.OK, await Status(new { status = "active" }));
        Assert.Equal(HttpStatusCode.Conflict, await Status(new { status = "active" }));
        var service = await cw.PostAsJsonAsync($"/api/v1/cases/{caseId}/services", new { type = "counselling", deliveredOn = "2026-11-20", notes = "First meeting" });
        Assert.Equal(HttpStatusCode.OK, service.StatusCode);
        var badService = (await (await cw.PostAsJsonAsync($"/api/v1/cases/{caseId}/services", new { type = "massage", deliveredOn = "soon" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(badService.TryGetProperty("type", out _) && badService.TryGetProperty("deliveredOn", out _));
        var task = (await (await cw.PostAsJsonAsync($"/api/v1/cases/{caseId}/tasks", new { kind = "followUp", title = "Call back", dueOn = "2026-12-10" })).Content.ReadFromJsonAsync<JsonElement>()).Id();
        Assert.Equal(HttpStatusCode.OK, (await cw.PostAsync($"/api/v1/cases/{caseId}/tasks/{task}/done", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await Status(new { status = "onHold" }));
        Assert.Equal(HttpStatusCode.OK, await Status(new { status = "closed", closureReason = "goalsMet" }));
        Assert.Equal(HttpStatusCode.Conflict, await Status(new { status = "onHold" }));
        Assert.Equal(HttpStatusCode.Conflict, (await cw.PostAsJsonAsync($"/api/v1/cases/{caseId}/goals", new { text = "Too late" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await Status(new { status = "active" })); // reopened

        var read = await cw.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        Assert.Equal("active", read.GetProperty("status").GetString());
        var fields = read.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("field").GetString()).ToList();
        foreach (var f in new[] { "Status", "Service", "FollowUp", "ClosureReason", "Reopened", "Worker" }) Assert.Contains(f, fields);
        Assert.All(read.GetProperty("history").EnumerateArray(), h => Assert.Equal("caseworker 1 (demo)", h.GetProperty("user").GetString()));

        // Reads of cases are audited.
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.Case_Viewed && e.EntityId == caseId.ToString())));
        using var psychologist = await app.ClientAsync(Psychologist);
        Assert.Equal(HttpStatusCode.NotFound, (await psychologist.GetAsync($"/api/v1/cases/{caseId}")).StatusCode); // not assigned
        var me = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "psychologist1@demo.qadam.kz").Select(u => u.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.OK, (await cw.PostAsJsonAsync($"/api/v1/cases/{caseId}/workers", new { userId = me })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await psychologist.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await psychologist.GetAsync($"/api/v1/people/{person}")).StatusCode); // assignment reaches the person too
        Assert.Equal(HttpStatusCode.Forbidden, (await psychologist.PostAsJsonAsync($"/api/v1/cases/{caseId}/status", new { status = "onHold" })).StatusCode);
    }

    [Fact]
    public async Task AnUnansweredReferral_AlertsBothSides_OnceItsDeadlinePasses()
    {
        using var op = await app.ClientAsync(Operator);
        var kostanai = await KostanaiAsync();
        var (_, caseId) = await IntakeAsync(op, shareWith: kostanai);
        var referral = (await (await op.PostAsJsonAsync("/api/v1/referrals", new { caseId, toOrganisationId = kostanai, reason = "Support" })).Content.ReadFromJsonAsync<JsonElement>()).Id();
        var due = await app.WithDbAsync(db => db.Referrals.Where(r => r.Id == referral).Select(r => new { r.SentAt, r.DueAt }).FirstAsync());
        Assert.True(due.DueAt - due.SentAt >= TimeSpan.FromDays(3)); // three working days

        await RunJobAsync<ReferralDeadlineJob>();
        Assert.False(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == "referralOverdue" && n.SubjectId == referral)));
        await app.WithDbAsync(db => db.Referrals.Where(r => r.Id == referral).ExecuteUpdateAsync(s => s.SetProperty(r => r.DueAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await RunJobAsync<ReferralDeadlineJob>();
        await RunJobAsync<ReferralDeadlineJob>();
        var alerted = await app.WithDbAsync(db => db.Notifications.Where(n => n.Kind == "referralOverdue" && n.SubjectId == referral).Select(n => n.OrganisationId).ToListAsync());
        var almaty = await OrgAsync("Almaty Youth Support Centre");
        Assert.Equal(new[] { almaty, kostanai }.Order(), alerted.Order());
    }

    [Fact]
    public async Task Retention_ErasesOldSummaries_OfContactsWithoutACase()
    {
        using var op = await app.ClientAsync(Operator);
        object Call(string summary) => new
        {
            channel = "phone", callerRelation = "self", categories = new[] { "depression" }, urgency = "low", outcome = "counselling", summary,
            startedAt = "2024-01-10T10:00:00Z", endedAt = "2024-01-10T10:20:00Z",
        };
        var old = (await (await op.PostAsJsonAsync("/api/v1/contacts", Call("Old call, no case"))).Content.ReadFromJsonAsync<JsonElement>()).Id();
        var kept = (await (await op.PostAsJsonAsync("/api/v1/contacts", Call("Old call with a case"))).Content.ReadFromJsonAsync<JsonElement>()).Id();
        var person = (await TestData.CreatePersonAsync(op, TestData.Person())).Id();
        await op.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose = "services" });
        Assert.Equal(HttpStatusCode.Created, (await op.PostAsJsonAsync("/api/v1/cases", new { personId = person, contactId = kept })).StatusCode);

        await RunJobAsync<RetentionJob>();
        var erased = await op.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{old}");
        Assert.Equal(JsonValueKind.Null, erased.GetProperty("summary").ValueKind);
        Assert.Equal("depression", erased.GetProperty("categories")[0].GetString());
        Assert.Equal("Old call with a case", (await op.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{kept}")).GetProperty("summary").GetString());
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.Contact_SummariesErased && e.Details!.Contains(old.ToString()))));
    }

    private async Task RunJobAsync<TJob>() where TJob : QadamJob
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var job = ActivatorUtilities.CreateInstance<TJob>(scope.ServiceProvider);
        await job.RunAsync(CancellationToken.None);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CaseTests_Sqlite(SqliteApp app) : CaseTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CaseTests_Postgres(PostgresApp app) : CaseTests(app);
