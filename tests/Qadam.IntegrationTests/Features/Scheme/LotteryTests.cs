using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;
using Qadam.Statistics;

namespace Qadam.IntegrationTests.Features.Scheme;

/// <summary>
/// The lottery of an oversubscribed cohort through the API (issue #11). Each test has a region of its own (eligibility
/// counts every position of the region): Ulytau, North Kazakhstan, Jambyl.
/// </summary>
public abstract class LotteryTests(AppFixture app)
{
    private const int Zhezkazgan = 6201, Satbayev = 6202, Petropavl = 5901, Taraz = 3101;

    private static async Task<Guid> PositionAsync(HttpClient c, int locality, int slots, int mentorCapacity = 5)
    {
        var r = await c.PostAsJsonAsync("/api/v1/scheme/employers", new { name = "Lottery Ltd " + Guid.NewGuid().ToString("N")[..6], type = "PrivateBusiness", sector = "trade", localityId = locality, contactPerson = "Contact" });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var employer = (await r.Content.ReadFromJsonAsync<JsonElement>()).Id();
        Assert.Equal(HttpStatusCode.Created, (await c.PostAsJsonAsync($"/api/v1/scheme/employers/{employer}/mentors", new { name = "Mentor", capacity = mentorCapacity, trainingDone = true, trainedOn = "2026-02-01" })).StatusCode);
        r = await c.PostAsJsonAsync($"/api/v1/scheme/employers/{employer}/positions", new { title = "Shop assistant", sector = "trade", requiredSkills = "sales", localityId = locality, slots, monthlySubsidy = 85000, project = "UNDP" });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).Id();
    }

    private static async Task<Guid> ApplicantAsync(HttpClient c, string cohort, string sex, int locality, string region, double maxKm = 50, bool followUpConsent = true)
    {
        var person = (await TestData.CreatePersonAsync(c, TestData.Person(sex: sex, dob: "2003-05-06", regionCode: region))).Id();
        if (followUpConsent) Assert.Equal(HttpStatusCode.Created, (await c.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose = "followUpContact" })).StatusCode);
        var r = await c.PostAsJsonAsync("/api/v1/scheme/applicants", new { personId = person, cohort, education = "Secondary", skills = "sales", preferredSectors = "trade", localityId = locality, maxTravelKm = maxKm });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).Id();
    }

    private static async Task<JsonElement> OkJsonAsync(Task<HttpResponseMessage> request, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var r = await request;
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == expected, $"{(int)r.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Lottery_IsLocked_DrawnOnce_Reproducible_Stratified_AndOnlyWinnersAreMatched()
    {
        using var c = await app.ClientAsync(Roles.Coordinator);
        var cohort = "lottery-" + Guid.NewGuid().ToString("N")[..8];
        await PositionAsync(c, Zhezkazgan, slots: 3);
        var women = new List<Guid>();
        var men = new List<Guid>();
        for (var i = 0; i < 4; i++) women.Add(await ApplicantAsync(c, cohort, "female", Zhezkazgan, "KZ-62"));
        for (var i = 0; i < 4; i++) men.Add(await ApplicantAsync(c, cohort, "male", Zhezkazgan, "KZ-62"));
        var outOfReach = await ApplicantAsync(c, cohort, "female", Satbayev, "KZ-62", maxKm: 0); // no position within 0 km of Satbayev
        var input = new { regionCode = "KZ-62", cohort, startsOn = "2027-02-01" };

        var preview = await OkJsonAsync(c.PostAsJsonAsync("/api/v1/scheme/lotteries/preview", input));
        Assert.Equal(8, preview.GetProperty("eligible").GetInt32());
        Assert.Equal(3, preview.GetProperty("places").GetInt32());
        Assert.True(preview.GetProperty("oversubscribed").GetBoolean());
        // 3 places over two strata of 4: 1.5 each; the leftover place goes to the first stratum by name (female).
        Assert.Equal([("KZ-62|female", 4, 2), ("KZ-62|male", 4, 1)], preview.GetProperty("strata").EnumerateArray()
            .Select(s => (s.GetProperty("stratum").GetString(), s.GetProperty("eligible").GetInt32(), s.GetProperty("places").GetInt32())).ToArray());

        var locked = await OkJsonAsync(c.PostAsJsonAsync("/api/v1/scheme/lotteries", input), HttpStatusCode.Created);
        var id = locked.Id();
        Assert.Equal("Locked", locked.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, locked.GetProperty("seed").ValueKind); // hidden until the draw
        Assert.Matches("^[0-9a-f]{64}$", locked.GetProperty("planHash").GetString());
        Assert.DoesNotContain(locked.GetProperty("entrants").EnumerateArray(), e => e.GetProperty("applicantId").GetGuid() == outOfReach);

        // The plan is locked: a second lottery of the cohort and a matching run before the draw are refused, naming the field.
        var again = await OkJsonAsync(c.PostAsJsonAsync("/api/v1/scheme/lotteries", input), HttpStatusCode.BadRequest);
        Assert.True(again.GetProperty("errors").TryGetProperty("cohort", out _));
        var early = await OkJsonAsync(c.PostAsJsonAsync("/api/v1/scheme/runs", new { title = "Too early", regionCode = "KZ-62", cohort, startsOn = "2027-02-01" }), HttpStatusCode.BadRequest);
        Assert.True(early.GetProperty("errors").TryGetProperty("cohort", out _));

        var drawn = await OkJsonAsync(c.PostAsync($"/api/v1/scheme/lotteries/{id}/draw", null));
        Assert.Equal("Drawn", drawn.GetProperty("status").GetString());
        Assert.True(drawn.GetProperty("reproduced").GetBoolean());
        var seed = drawn.GetProperty("seed").GetInt64();
        var entrants = drawn.GetProperty("entrants").EnumerateArray().ToList();
        var winners = entrants.Where(e => e.GetProperty("drawn").GetBoolean()).Select(e => e.GetProperty("applicantId").GetGuid()).ToHashSet();
        Assert.Equal(3, winners.Count);
        Assert.Equal(2, winners.Count(women.Contains)); // the strata are respected
        Assert.Single(winners, men.Contains);
        Assert.Equal([1, 2, 3, 4, 5], entrants.Where(e => !e.GetProperty("drawn").GetBoolean()).Select(e => e.GetProperty("waitingRank").GetInt32()).Order().ToArray());

        // Reproducible from its record: the same entrants, strata, places and seed give the same winners and hash.
        var replay = Lottery.Draw(entrants.Select(e => new LotteryEntrant(e.GetProperty("applicantId").GetGuid().ToString(), e.GetProperty("stratum").GetString()!)).ToList(), 3, (ulong)seed);
        Assert.Equal(winners, replay.Drawn.Select(Guid.Parse).ToHashSet());
        Assert.Equal(locked.GetProperty("planHash").GetString(), replay.PlanHash);

        // Once only.
        using (var twice = await c.PostAsync($"/api/v1/scheme/lotteries/{id}/draw", null)) Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        // The waiting list (consented to follow-up contact) is followed up at the cohort's milestones, from its planned end.
        var waiting = women.Concat(men).Where(a => !winners.Contains(a)).ToList();
        var followUps = await app.WithDbAsync(db => db.FollowUps.Where(f => waiting.Contains(f.ApplicantId) || winners.Contains(f.ApplicantId)).ToListAsync());
        Assert.Equal(waiting.Count * 4, followUps.Count);
        Assert.All(waiting, a => Assert.Contains(followUps, f => f.ApplicantId == a && f.Milestone == FollowUpMilestone.Completion && f.DueOn == new DateOnly(2027, 5, 1)));

        // Matching on the cohort takes the winners only; approved, they are placed.
        var run = await OkJsonAsync(c.PostAsJsonAsync("/api/v1/scheme/runs", new { title = "Winners", regionCode = "KZ-62", cohort, startsOn = "2027-02-01" }), HttpStatusCode.Created);
        JsonElement done = run;
        for (var i = 0; i < 300 && done.GetProperty("status").GetString() is not ("Proposed" or "Failed"); i++) { await Task.Delay(100); done = await c.GetFromJsonAsync<JsonElement>($"/api/v1/scheme/runs/{run.Id()}"); }
        var rows = done.GetProperty("result").GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("applicantId").GetGuid()).ToHashSet();
        Assert.Equal(winners, rows);
        Assert.Equal(3, (await OkJsonAsync(c.PostAsync($"/api/v1/scheme/runs/{run.Id()}/approve", null))).GetProperty("placements").GetInt32());
        var after = await OkJsonAsync(c.GetAsync($"/api/v1/scheme/lotteries/{id}"));
        Assert.All(after.GetProperty("entrants").EnumerateArray(), e => Assert.Equal(e.GetProperty("drawn").GetBoolean(), e.GetProperty("placed").GetBoolean()));

        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(a => a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditAction.Lottery_Locked, audit);
        Assert.Contains(AuditAction.Lottery_Drawn, audit);
    }

    [Fact]
    public async Task Lottery_IsRefused_WhenTheCohortIsNotOversubscribed()
    {
        using var c = await app.ClientAsync(Roles.Coordinator);
        var cohort = "lottery-" + Guid.NewGuid().ToString("N")[..8];
        await PositionAsync(c, Petropavl, slots: 3);
        for (var i = 0; i < 3; i++) await ApplicantAsync(c, cohort, i % 2 == 0 ? "female" : "male", Petropavl, "KZ-59");
        var input = new { regionCode = "KZ-59", cohort, startsOn = "2027-02-01" };
        Assert.False((await OkJsonAsync(c.PostAsJsonAsync("/api/v1/scheme/lotteries/preview", input))).GetProperty("oversubscribed").GetBoolean());
        var refused = await OkJsonAsync(c.PostAsJsonAsync("/api/v1/scheme/lotteries", input), HttpStatusCode.BadRequest);
        Assert.Contains("not oversubscribed", refused.GetProperty("errors").GetProperty("cohort")[0].GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.CohortLotteries.CountAsync(l => l.Cohort == cohort)));
        var missing = await OkJsonAsync(c.PostAsJsonAsync("/api/v1/scheme/lotteries", new { regionCode = "KZ-59", startsOn = "2027-02-01" }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("cohort", out _));
    }

    [Fact]
    public async Task WaitingList_CarriedOver_GetsPlacesFirst_InTheNextCohortsLottery()
    {
        using var c = await app.ClientAsync(Roles.Coordinator);
        var first = "lottery-" + Guid.NewGuid().ToString("N")[..8];
        var next = first + "-next";
        await PositionAsync(c, Taraz, slots: 2);
        for (var i = 0; i < 4; i++) await ApplicantAsync(c, first, i % 2 == 0 ? "female" : "male", Taraz, "KZ-31");
        var a = await OkJsonAsync(c.PostAsJsonAsync("/api/v1/scheme/lotteries", new { regionCode = "KZ-31", cohort = first, startsOn = "2027-02-01" }), HttpStatusCode.Created);
        var drawn = await OkJsonAsync(c.PostAsync($"/api/v1/scheme/lotteries/{a.Id()}/draw", null));
        var waiting = drawn.GetProperty("entrants").EnumerateArray().Where(e => !e.GetProperty("drawn").GetBoolean()).Select(e => e.GetProperty("applicantId").GetGuid()).ToHashSet();
        Assert.Equal(2, waiting.Count);

        var same = await OkJsonAsync(c.PostAsJsonAsync($"/api/v1/scheme/lotteries/{a.Id()}/carry-over", new { cohort = first }), HttpStatusCode.BadRequest);
        Assert.True(same.GetProperty("errors").TryGetProperty("cohort", out _));
        Assert.Equal(2, (await OkJsonAsync(c.PostAsJsonAsync($"/api/v1/scheme/lotteries/{a.Id()}/carry-over", new { cohort = next }))).GetProperty("moved").GetInt32());

        // The next cohort: the two carried over, two new applicants, one more place (3 in all): the carried-over hold two, one is drawn.
        await PositionAsync(c, Taraz, slots: 1);
        for (var i = 0; i < 2; i++) await ApplicantAsync(c, next, "female", Taraz, "KZ-31");
        var preview = await OkJsonAsync(c.PostAsJsonAsync("/api/v1/scheme/lotteries/preview", new { regionCode = "KZ-31", cohort = next, startsOn = "2027-06-01" }));
        Assert.Equal((4, 3, 2, true), (preview.GetProperty("eligible").GetInt32(), preview.GetProperty("places").GetInt32(), preview.GetProperty("priority").GetInt32(),
            preview.GetProperty("oversubscribed").GetBoolean()));
        var b = await OkJsonAsync(c.PostAsJsonAsync("/api/v1/scheme/lotteries", new { regionCode = "KZ-31", cohort = next, startsOn = "2027-06-01" }), HttpStatusCode.Created);
        Assert.Equal((1, 2, 2), (b.GetProperty("places").GetInt32(), b.GetProperty("priorityPlaces").GetInt32(), b.GetProperty("eligible").GetInt32()));
        var bDrawn = await OkJsonAsync(c.PostAsync($"/api/v1/scheme/lotteries/{b.Id()}/draw", null));
        var entries = bDrawn.GetProperty("entrants").EnumerateArray().ToList();
        Assert.All(entries.Where(e => waiting.Contains(e.GetProperty("applicantId").GetGuid())), e => Assert.True(e.GetProperty("priority").GetBoolean() && e.GetProperty("drawn").GetBoolean()));
        Assert.Equal(1, entries.Count(e => !e.GetProperty("priority").GetBoolean() && e.GetProperty("drawn").GetBoolean()));
    }

    [Fact]
    public async Task LotteryStudy_EstimatesTheIntentionToTreatEffect_WithBothGroupsCounted_AndTheComplierEffect()
    {
        using var c = await app.ClientAsync(Roles.Coordinator);
        const int Semey = 1001;
        var cohort = "lottery-" + Guid.NewGuid().ToString("N")[..8];
        await PositionAsync(c, Semey, slots: 6, mentorCapacity: 6);
        var applicants = new List<Guid>();
        for (var i = 0; i < 16; i++)
        {
            var a = await ApplicantAsync(c, cohort, i % 2 == 0 ? "female" : "male", Semey, "KZ-10");
            applicants.Add(a);
            var person = await app.WithDbAsync(db => db.SchemeApplicants.Where(x => x.Id == a).Select(x => x.PersonId).SingleAsync());
            Assert.Equal(HttpStatusCode.Created, (await c.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose = "evaluation" })).StatusCode);
        }
        var lottery = await OkJsonAsync(c.PostAsJsonAsync("/api/v1/scheme/lotteries", new { regionCode = "KZ-10", cohort, startsOn = "2026-01-12" }), HttpStatusCode.Created);
        var drawn = await OkJsonAsync(c.PostAsync($"/api/v1/scheme/lotteries/{lottery.Id()}/draw", null));
        var entry = drawn.GetProperty("entrants").EnumerateArray().ToDictionary(e => e.GetProperty("applicantId").GetGuid(), e => (Drawn: e.GetProperty("drawn").GetBoolean(), Stratum: e.GetProperty("stratum").GetString()!));
        var winners = entry.Where(e => e.Value.Drawn).Select(e => e.Key).ToList();
        Assert.Equal(6, winners.Count);
        // One winner withdraws before the matching: drawn, never placed (incomplete take-up).
        var declined = winners[0];
        await app.WithDbAsync(async db => { (await db.SchemeApplicants.SingleAsync(a => a.Id == declined)).Status = ApplicantStatus.Withdrawn; return await db.SaveChangesAsync(); });
        var run = await OkJsonAsync(c.PostAsJsonAsync("/api/v1/scheme/runs", new { title = "Winners", regionCode = "KZ-10", cohort, startsOn = "2026-01-12" }), HttpStatusCode.Created);
        for (var i = 0; i < 300 && (await c.GetFromJsonAsync<JsonElement>($"/api/v1/scheme/runs/{run.Id()}")).GetProperty("status").GetString() is not ("Proposed" or "Failed"); i++) await Task.Delay(100);
        Assert.Equal(5, (await OkJsonAsync(c.PostAsync($"/api/v1/scheme/runs/{run.Id()}/approve", null))).GetProperty("placements").GetInt32());

        // Six months after completion: 4 of the 5 placed, the one who declined, and 3 of the 10 not drawn work full-time; one
        // not drawn is lost to follow-up.
        var notDrawn = entry.Where(e => !e.Value.Drawn).Select(e => e.Key).ToList();
        var outcome = new Dictionary<Guid, bool>();
        for (var i = 1; i < winners.Count; i++) outcome[winners[i]] = i != 1;
        outcome[declined] = true;
        for (var i = 0; i < notDrawn.Count - 1; i++) outcome[notDrawn[i]] = i < 3;
        await app.WithDbAsync(async db =>
        {
            foreach (var (applicant, fullTime) in outcome)
            {
                var f = await db.FollowUps.FirstOrDefaultAsync(x => x.ApplicantId == applicant && x.Milestone == FollowUpMilestone.Month6);
                if (f is null) db.FollowUps.Add(f = new FollowUp { ApplicantId = applicant, Milestone = FollowUpMilestone.Month6, DueOn = new DateOnly(2026, 10, 12) });
                f.RecordedOn = new DateOnly(2026, 10, 14);
                f.Employment = fullTime ? EmploymentStatus.FullTime : EmploymentStatus.NotWorking;
            }
            return await db.SaveChangesAsync();
        });

        using var me = await app.ClientAsync(Roles.MeOfficer);
        var created = await OkJsonAsync(me.PostAsJsonAsync("/api/v1/evaluation/studies", new
        {
            title = "Lottery", question = "Does being offered an apprenticeship raise full-time employment at 6 months?",
            outcomeSource = "apprenticeship", outcome = "fullTimeAt6Months", covariates = "female", method = "lottery",
        }), HttpStatusCode.Created);
        Assert.Equal("drawn", created.GetProperty("plan").GetProperty("treatment").GetString());
        var study = await Studies.LockRunAndWaitAsync(me, created.Id());
        Assert.True(study.GetProperty("status").GetString() == "completed", study.GetProperty("error").ToString());
        var result = study.GetProperty("result");
        var report = result.GetProperty("report");
        Assert.Equal(("lottery", "ITT", 6, 9), (report.GetProperty("method").GetString(), report.GetProperty("estimand").GetString(),
            report.GetProperty("treatedInput").GetInt32(), report.GetProperty("controlsInput").GetInt32()));
        Assert.Equal(1, result.GetProperty("dropped").GetProperty("lost to follow-up (fullTimeAt6Months): not drawn").GetInt32());

        // By hand: within each stratum (sex) the difference of full-time shares, weighted by the stratum's share of the 15 analysed.
        double expected = 0;
        foreach (var stratum in outcome.Keys.GroupBy(a => entry[a].Stratum))
        {
            double Mean(bool arm) => stratum.Where(a => entry[a].Drawn == arm).Average(a => outcome[a] ? 1.0 : 0.0);
            expected += (Mean(true) - Mean(false)) * stratum.Count() / 15.0;
        }
        Assert.Equal(expected, report.GetProperty("estimate").GetDouble(), 10);
        Assert.True(report.GetProperty("ciLow").GetDouble() < expected && expected < report.GetProperty("ciHigh").GetDouble());
        var randomised = report.GetProperty("randomised");
        Assert.InRange(randomised.GetProperty("randomisationP").GetDouble(), 0.0001, 1);
        // Take-up: 5 of 6 drawn placed, none of those not drawn; the complier effect is the ITT over the take-up difference.
        var takeUp = randomised.GetProperty("takeUpDifference").GetDouble();
        Assert.True(takeUp is > 0.7 and < 0.9, $"take-up difference {takeUp}");
        Assert.Equal(expected / takeUp, randomised.GetProperty("complierEffect").GetDouble(), 10);

        // The exports carry the randomised figures (the PDF in the user's words; no E-value, which a lottery does not need).
        var csv = await me.GetStringAsync($"/api/v1/evaluation/studies/{created.Id()}/export.csv");
        Assert.Contains("estimate,\"randomisationP\",", csv);
        Assert.Contains("estimate,\"complierEffect\",", csv);
        using var pdf = await me.GetAsync($"/api/v1/evaluation/studies/{created.Id()}/export.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LotteryTests_Sqlite(SqliteApp app) : LotteryTests(app);

[Collection(PostgresCollection.Name)]
public sealed class LotteryTests_Postgres(PostgresApp app) : LotteryTests(app);
