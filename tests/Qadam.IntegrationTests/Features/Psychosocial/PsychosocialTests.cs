using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qadam.Auditing;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;
using Qadam.Web.Features.Psychosocial;
using Qadam.Web.Platform;
using static Qadam.Domain.Roles;

namespace Qadam.IntegrationTests.Features.Psychosocial;

/// <summary>Consultations and sealed notes, safety alerts, group attendance, XLSForm surveys and a study on instrument scores (issue #10).</summary>
public abstract class PsychosocialTests(AppFixture app)
{
    // Three items unanswered: too many to prorate, so the total is empty — and item 9 is 1.
    private static readonly int?[] Phq9Item9 = [2, null, null, 1, null, 1, 1, 0, 1];

    /// <summary>A client of psychologist1 (Almaty) who consented to services.</summary>
    private static async Task<Guid> ClientAsync(HttpClient psychologist)
    {
        var person = (await TestData.CreatePersonAsync(psychologist, TestData.Person(family: TestData.Surname("Клиент")))).Id();
        using var consent = await psychologist.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose = "services" });
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
        return person;
    }

    private static object Consultation(Guid personId, string? note = null, int?[]? phq9 = null, bool risk = false) => new
    {
        personId, date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), durationMinutes = 50, modality = "inPerson",
        issues = new[] { "family-conflict", "worry-about-future" }, interventions = new[] { "psychoeducation" }, note, riskOfHarm = risk,
        measurements = phq9 is null ? null : new[] { new { instrument = "phq9", answers = phq9 } },
    };

    [Fact]
    public async Task ClinicalNote_IsSealed_ToItsAuthorAndTheSupervisors_EveryReadAudited()
    {
        using var psychologist = await app.ClientAsync(Psychologist);
        var person = await ClientAsync(psychologist);
        const string secret = "Клиентка рассказала о давлении со стороны группы; страх за младшего брата.";
        using var created = await psychologist.PostAsJsonAsync("/api/v1/consultations", Consultation(person, secret));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var consultation = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = consultation.Id();
        Assert.True(consultation.GetProperty("hasNote").GetBoolean());
        Assert.DoesNotContain(secret, consultation.ToString());

        Assert.Equal(secret, (await psychologist.GetFromJsonAsync<JsonElement>($"/api/v1/consultations/{id}/note")).GetProperty("text").GetString());
        using var supervisor = await app.ClientAsync(Supervisor);
        Assert.Equal(secret, (await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/consultations/{id}/note")).GetProperty("text").GetString());
        foreach (var (role, org) in new[] { (CaseWorker, 1), (OrgAdmin, 1), (Psychologist, 2), (Supervisor, 3), (Manager, 1) })
        {
            using var other = await app.ClientAsync(role, org);
            using var response = await other.GetAsync($"/api/v1/consultations/{id}/note");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{role}{org}: {(int)response.StatusCode}");
            Assert.DoesNotContain(secret, await response.Content.ReadAsStringAsync());
        }
        // A case worker of the organisation sees the person but not the consultation (not a psychologist or supervisor).
        using var caseworker = await app.ClientAsync(CaseWorker);
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.GetAsync($"/api/v1/consultations/{id}")).StatusCode);

        // Under a break-glass grant of their own, the case worker reads it — audited as such.
        var caseworkerId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "caseworker1@demo.qadam.kz").Select(u => u.Id).FirstAsync());
        await app.WithDbAsync(db =>
        {
            db.BreakGlassGrants.Add(new BreakGlassGrant { UserId = caseworkerId, PersonId = person, Reason = "test: danger", GrantedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) });
            return db.SaveChangesAsync();
        });
        var underGrant = await caseworker.GetFromJsonAsync<JsonElement>($"/api/v1/consultations/{id}/note");
        Assert.True(underGrant.GetProperty("underBreakGlass").GetBoolean());

        // Encrypted at rest; three reads, each on the person's audit trail.
        var stored = await app.WithDbAsync(async db =>
        {
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT \"Text\" FROM \"ClinicalNotes\" WHERE \"ConsultationId\" = '{(db.IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant())}'";
            return (string?)await cmd.ExecuteScalarAsync();
        });
        Assert.NotNull(stored);
        Assert.DoesNotContain("давлении", stored);
        var reads = await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditAction.ClinicalNote_Read && e.EntityId == person.ToString()));
        Assert.Equal(3, reads);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.BreakGlass_Used && e.EntityId == person.ToString())));
    }

    [Fact]
    public async Task Phq9Item9_RaisesAnAlert_EvenIncomplete_ShownAcknowledgedAndEscalated()
    {
        using var psychologist = await app.ClientAsync(Psychologist);
        using var supervisor = await app.ClientAsync(Supervisor);
        var person = await ClientAsync(psychologist);
        var consultation = await (await psychologist.PostAsJsonAsync("/api/v1/consultations", Consultation(person, phq9: Phq9Item9))).Content.ReadFromJsonAsync<JsonElement>();
        var measurement = consultation.GetProperty("measurements")[0];
        Assert.Equal(JsonValueKind.Null, measurement.GetProperty("total").ValueKind);
        Assert.False(measurement.GetProperty("complete").GetBoolean());
        Assert.True(measurement.GetProperty("alert").GetBoolean());

        async Task<JsonElement?> AlertFor(HttpClient c) =>
            (await c.GetFromJsonAsync<JsonElement>("/api/v1/safety-alerts")).EnumerateArray().Cast<JsonElement?>().FirstOrDefault(a => a!.Value.GetProperty("personId").GetGuid() == person);
        var seen = await AlertFor(psychologist);
        Assert.NotNull(seen);
        Assert.Equal("phq9Item9", seen.Value.GetProperty("source").GetString());
        Assert.NotNull(await AlertFor(supervisor));
        using (var other = await app.ClientAsync(Supervisor, 2)) Assert.Null(await AlertFor(other));
        using (var caseworker = await app.ClientAsync(CaseWorker)) Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.GetAsync("/api/v1/safety-alerts")).StatusCode);

        var alertId = seen.Value.Id();
        using var empty = await supervisor.PostAsJsonAsync($"/api/v1/safety-alerts/{alertId}/acknowledge", new { actionTaken = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True((await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("actionTaken", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.PostAsJsonAsync($"/api/v1/safety-alerts/{alertId}/acknowledge", new { actionTaken = "Called the client; safety plan agreed." })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await psychologist.PostAsJsonAsync($"/api/v1/safety-alerts/{alertId}/acknowledge", new { actionTaken = "again" })).StatusCode);
        Assert.Null(await AlertFor(psychologist));

        // A risk-of-harm flag nobody acknowledges escalates once, after the configured time.
        var flagged = (await (await psychologist.PostAsJsonAsync("/api/v1/consultations", Consultation(person, risk: true))).Content.ReadFromJsonAsync<JsonElement>()).Id();
        var riskAlert = await app.WithDbAsync(db => db.SafetyAlerts.Where(a => a.ConsultationId == flagged).Select(a => a.Id).SingleAsync());
        await RunEscalationAsync();
        Assert.Null(await app.WithDbAsync(db => db.SafetyAlerts.Where(a => a.Id == riskAlert).Select(a => a.EscalatedAt).SingleAsync()));
        await app.WithDbAsync(db => db.SafetyAlerts.Where(a => a.Id == riskAlert).ExecuteUpdateAsync(s => s.SetProperty(a => a.RaisedAt, DateTimeOffset.UtcNow.AddHours(-2))));
        await RunEscalationAsync();
        await RunEscalationAsync();
        Assert.NotNull(await app.WithDbAsync(db => db.SafetyAlerts.Where(a => a.Id == riskAlert).Select(a => a.EscalatedAt).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Kind == "safetyAlertEscalated" && n.SubjectId == riskAlert)));
        var escalated = (await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/safety-alerts")).EnumerateArray().Single(a => a.Id() == riskAlert);
        Assert.NotEqual(JsonValueKind.Null, escalated.GetProperty("escalatedAt").ValueKind);
    }

    private async Task RunEscalationAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<SafetyAlertEscalationJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task MultiDayTraining_NamedAttendanceAndHeadcounts_AreSummed_AndVolunteersCounted()
    {
        using var psychologist = await app.ClientAsync(Psychologist);
        var a = await ClientAsync(psychologist);
        var b = await ClientAsync(psychologist);
        using var created = await psychologist.PostAsJsonAsync("/api/v1/activities", new
        {
            kind = "MultiDayTraining", title = "Five days in Aktobe", regionCode = "KZ-15", locality = "Актобе", venue = "Youth centre", startsOn = "2026-10-05", days = 5,
            topics = new[] { "Stress", "Work-life balance", "Communication", "Risks of extremism", "My plan" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var training = await created.Content.ReadFromJsonAsync<JsonElement>();
        var sessions = training.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(["2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08", "2026-10-09"], sessions.Select(s => s.GetProperty("date").GetString()));
        Assert.Equal("Risks of extremism", sessions[3].GetProperty("topic").GetString());
        Assert.Equal("2026-10-09", training.GetProperty("endsOn").GetString());
        var id = training.Id();
        async Task Attend(int day, Guid[] people, params object[] counts)
        {
            using var r = await psychologist.PutAsJsonAsync($"/api/v1/activities/{id}/sessions/{sessions[day].Id()}/attendance", new { personIds = people, headcounts = counts });
            Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        }
        await Attend(0, [a, b], new { sex = "female", ageBand = "From18To24", count = 12 }, new { sex = "male", ageBand = "From18To24", count = 4 });
        await Attend(1, [a], new { sex = "female", ageBand = "From18To24", count = 11 }, new { sex = "female", ageBand = "From25To29", count = 3 });
        await Attend(2, [a, b], new { sex = "male", ageBand = "From25To29", count = 5 });
        var read = await psychologist.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}");
        Assert.Equal(5, read.GetProperty("registeredTotal").GetInt32());
        Assert.Equal(35, read.GetProperty("anonymousTotal").GetInt32());
        var day1 = await psychologist.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}/sessions/{sessions[0].Id()}/attendance");
        Assert.Equal(2, day1.GetProperty("people").GetArrayLength());
        Assert.Equal(16, day1.GetProperty("headcounts").EnumerateArray().Sum(h => h.GetProperty("count").GetInt32()));
        // The page shows the same totals.
        using var web = await WebSession.SignInAsync(app, "psychologist1@demo.qadam.kz");
        var page = await web.Client.GetStringAsync($"/Activities/Activity/{id}");
        Assert.Contains("id=\"registered-total\">5<", page);
        Assert.Contains("id=\"anonymous-total\">35<", page);

        // Refusals name the field: no days for a multi-day training; an outreach event without a trained volunteer.
        var bad = await (await psychologist.PostAsJsonAsync("/api/v1/activities", new { kind = "MultiDayTraining", title = "x", startsOn = "2026-10-05" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(bad.GetProperty("errors").TryGetProperty("days", out _));
        var outreach = await (await psychologist.PostAsJsonAsync("/api/v1/activities", new { kind = "PeerOutreach", title = "x", startsOn = "2026-10-05", volunteerPersonId = a })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(outreach.GetProperty("errors").TryGetProperty("volunteerPersonId", out _));

        // Trained at a volunteer seminar, the person then runs an outreach event: listed with the peers reached.
        var seminar = (await (await psychologist.PostAsJsonAsync("/api/v1/activities", new { kind = "VolunteerTraining", title = "Peer to peer", startsOn = "2026-09-01", endsOn = "2026-09-01" })).Content.ReadFromJsonAsync<JsonElement>()).Id();
        var seminarSession = (await (await psychologist.PostAsJsonAsync($"/api/v1/activities/{seminar}/sessions", new { date = "2026-09-01", topic = "Ethics" })).Content.ReadFromJsonAsync<JsonElement>()).Id();
        Assert.Equal(HttpStatusCode.NoContent, (await psychologist.PutAsJsonAsync($"/api/v1/activities/{seminar}/sessions/{seminarSession}/attendance", new { personIds = new[] { b } })).StatusCode);
        var evt = await (await psychologist.PostAsJsonAsync("/api/v1/activities", new { kind = "PeerOutreach", title = "College talk", startsOn = "2026-09-20", endsOn = "2026-09-20", volunteerPersonId = b })).Content.ReadFromJsonAsync<JsonElement>();
        var evtSession = (await (await psychologist.PostAsJsonAsync($"/api/v1/activities/{evt.Id()}/sessions", new { date = "2026-09-20", topic = "Online recruitment" })).Content.ReadFromJsonAsync<JsonElement>()).Id();
        await psychologist.PutAsJsonAsync($"/api/v1/activities/{evt.Id()}/sessions/{evtSession}/attendance", new
            { personIds = Array.Empty<Guid>(), headcounts = new object[] { new { sex = "female", ageBand = "From15To17", count = 9 }, new { sex = "male", ageBand = "From15To17", count = 6 } } });
        var volunteer = (await psychologist.GetFromJsonAsync<JsonElement>("/api/v1/volunteers")).EnumerateArray().Single(v => v.GetProperty("personId").GetGuid() == b);
        Assert.Equal("2026-09-01", volunteer.GetProperty("trainedOn").GetString());
        Assert.Equal(15, volunteer.GetProperty("peersReached").GetInt32());
    }

    [Fact]
    public async Task XlsForm_RoundTrips_NewVersionOnChange_AndAnswersAreChecked()
    {
        var labels = (string ru, string kk, string en) => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["ru"] = ru, ["kk"] = kk, ["en"] = en };
        var form = new SurveyForm("test_since_" + Guid.NewGuid().ToString("N")[..6], "Since the programme", "",
        [
            new("select_one", "new_friends", labels("Новые друзья?", "Жаңа достар?", "New friends?"), true, "yes_no"),
            new("select_one", "confidence", labels("Уверенность", "Сенімділік", "Confidence"), true, "likert5"),
            new("integer", "groups", labels("Сколько кружков?", "Қанша үйірме?", "How many groups?"), false, null),
            new("text", "comment", labels("Комментарий", "Пікір", "Comment"), false, null),
        ],
        [
            new("yes_no", "yes", labels("Да", "Иә", "Yes")), new("yes_no", "no", labels("Нет", "Жоқ", "No")),
            .. Enumerable.Range(1, 5).Select(k => new SurveyChoice("likert5", k.ToString(), labels($"{k} из 5", $"5-тен {k}", $"{k} of 5"))),
        ]);
        using var supervisor = await app.ClientAsync(Supervisor);
        async Task<HttpResponseMessage> Import(byte[] workbook, string name = "form.xlsx") =>
            await supervisor.PostAsync("/api/v1/surveys/import", new MultipartFormDataContent { { new ByteArrayContent(workbook), "file", name } });

        using var first = await Import(XlsForm.Write(form, 1));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var survey = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, survey.GetProperty("version").GetInt32());
        var id = survey.Id();
        var exported = await supervisor.GetByteArrayAsync($"/api/v1/surveys/{id}/export.xlsx");
        var errors = new FieldErrors();
        var back = XlsForm.Read(exported, errors);
        Assert.False(errors.Any);
        Assert.Equal(form.Id, back.Id);
        Assert.Equal(form.Title, back.Title);
        Assert.Equal(Canonical(form), Canonical(back));

        // The same form again is the same version; a changed one is version 2, and version 1 stays exportable.
        Assert.Equal(1, (await (await Import(exported)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        var changed = form with { Questions = [.. form.Questions, new SurveyQuestion("select_one", "quality_of_life", labels("Качество жизни", "Өмір сапасы", "Quality of life"), true, "likert5")] };
        Assert.Equal(2, (await (await Import(XlsForm.Write(changed, 2))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        var v1 = XlsForm.Read(await supervisor.GetByteArrayAsync($"/api/v1/surveys/{id}/export.xlsx?version=1"), new FieldErrors());
        Assert.Equal(4, v1.Questions.Count);

        // A row that cannot be read is named by sheet, row and column; nothing is saved.
        var broken = form with { Id = "broken_form", Questions = [form.Questions[0], new SurveyQuestion("begin_group", "g1", labels("a", "b", "c"), false, null)] };
        using var refused = await Import(XlsForm.Write(broken, 1));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("survey[3].type", out _));
        Assert.False(await app.WithDbAsync(db => db.Surveys.AnyAsync(s => s.Code == "broken_form")));

        // Answers are checked against the latest version.
        using var psychologist = await app.ClientAsync(Psychologist);
        var person = await ClientAsync(psychologist);
        using var wrong = await psychologist.PostAsJsonAsync($"/api/v1/surveys/{id}/responses", new { personId = person, answers = new Dictionary<string, string> { ["new_friends"] = "maybe", ["confidence"] = "4", ["groups"] = "two" } });
        var wrongErrors = (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "answers.new_friends", "answers.groups", "answers.quality_of_life" }) Assert.True(wrongErrors.TryGetProperty(field, out _), field);
        using var right = await psychologist.PostAsJsonAsync($"/api/v1/surveys/{id}/responses", new { personId = person, answers = new Dictionary<string, string> { ["new_friends"] = "yes", ["confidence"] = "4", ["quality_of_life"] = "5", ["groups"] = "2" } });
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
        Assert.Equal(1, (await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/surveys")).EnumerateArray().Single(s => s.Id() == id).GetProperty("responses").GetInt32());
    }

    [Fact]
    public async Task AnOrganisation_LoadsItsValidatedTranslation_OthersKeepTheShippedText()
    {
        using var supervisor = await app.ClientAsync(Supervisor, 3);
        var items = Enumerable.Range(1, 7).Select(k => $"Валидацияланған {k}-сұрақ").ToArray();
        using var bad = await supervisor.PutAsJsonAsync("/api/v1/instruments/gad7/translations/kk", new { source = "x", instruction = "y", items = items[..6], options = new[] { "a", "b", "c", "d" } });
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("items", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.PutAsJsonAsync("/api/v1/instruments/gad7/translations/kk", new
        {
            source = "Kazakh GAD-7, validated 2025 (centre's licence)", instruction = "Соңғы екі аптада…", items, options = new[] { "Ешқашан", "Бірнеше күн", "Жартысынан көбі", "Күнде дерлік" },
        })).StatusCode);
        using var psychologist3 = await app.ClientAsync(Psychologist, 3);
        var loaded = await psychologist3.GetFromJsonAsync<JsonElement>("/api/v1/instruments/gad7/items?language=kk");
        Assert.True(loaded.GetProperty("validated").GetBoolean());
        Assert.Equal(items[0], loaded.GetProperty("items")[0].GetString());
        using var psychologist1 = await app.ClientAsync(Psychologist);
        var shipped = await psychologist1.GetFromJsonAsync<JsonElement>("/api/v1/instruments/gad7/items?language=kk");
        Assert.False(shipped.GetProperty("validated").GetBoolean());
        Assert.NotEqual(items[0], shipped.GetProperty("items")[0].GetString());
    }

    [Fact]
    public async Task Caseload_ShowsTheLastScoreAndTrend_TheSupervisorTheTeam_AndFiguresSuppressSmallCellsOutside()
    {
        using var psychologist = await app.ClientAsync(Psychologist);
        var load = await psychologist.GetFromJsonAsync<JsonElement>("/api/v1/psychosocial/caseload");
        var clients = load.GetProperty("clients").EnumerateArray().ToList();
        Assert.True(clients.Count >= 10, $"{clients.Count} demo clients");
        Assert.Contains(clients, c => c.GetProperty("scores").EnumerateArray().Any(s => s.GetProperty("instrument").GetString() == "phq9" && s.GetProperty("direction").GetString() == "improved"));
        Assert.Equal(JsonValueKind.Null, load.GetProperty("team").ValueKind);
        using var supervisor = await app.ClientAsync(Supervisor);
        var team = (await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/psychosocial/caseload")).GetProperty("team").EnumerateArray().ToList();
        Assert.Contains(team, t => t.GetProperty("name").GetString() == "psychologist 1 (demo)" && t.GetProperty("clients").GetInt32() >= 10);
        using var other = await app.ClientAsync(Psychologist, 2);
        var theirs = (await other.GetFromJsonAsync<JsonElement>("/api/v1/psychosocial/caseload")).GetProperty("clients").EnumerateArray().Select(c => c.GetProperty("personId").GetGuid()).ToHashSet();
        Assert.DoesNotContain(clients, c => theirs.Contains(c.GetProperty("personId").GetGuid()));

        var own = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/psychosocial/figures");
        Assert.Equal("organisation", own.GetProperty("scope").GetString());
        Assert.True(own.GetProperty("consultations").GetInt32() > 0);
        var sex = own.GetProperty("people")[0];
        Assert.Equal(own.GetProperty("peopleSupported").GetInt32(), sex.GetProperty("denominator").GetInt32());
        Assert.Equal(sex.GetProperty("denominator").GetInt32(), sex.GetProperty("cells").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()));
        using var manager = await app.ClientAsync(Manager);
        var all = await manager.GetFromJsonAsync<JsonElement>("/api/v1/psychosocial/figures");
        Assert.True(all.GetProperty("smallCellsSuppressed").GetBoolean());
        foreach (var table in all.GetProperty("people").EnumerateArray())
            foreach (var cell in table.GetProperty("cells").EnumerateArray())
                if (cell.GetProperty("count").ValueKind == JsonValueKind.Number) Assert.False(cell.GetProperty("count").GetInt32() is > 0 and < 5);
    }

    /// <summary>The form's questions and choices with labels in a fixed language order, to compare two forms.</summary>
    private static string Canonical(SurveyForm f) => JsonSerializer.Serialize(new
    {
        questions = f.Questions.Select(q => new { q.Type, q.Name, q.Required, q.ListName, labels = q.Labels.OrderBy(l => l.Key).ToList() }),
        choices = f.Choices.Select(c => new { c.ListName, c.Name, labels = c.Labels.OrderBy(l => l.Key).ToList() }),
    });

    [Fact]
    public async Task EvaluationStudy_OnInstrumentScores_ComparesParticipantsWithTheWaitingList()
    {
        // K10 scores of the M&E officer's organisation (the demo data uses no K10): participants (three consultations between
        // the scores) improve by about 8 points, the waiting list by about 1; 5 people without evaluation consent; 4 with a single score.
        var (participants, waiting) = await app.WithDbAsync(async db =>
        {
            var org = await db.Users.Where(u => u.Email == "meofficer1@demo.qadam.kz").Select(u => u.OrganisationId).SingleAsync();
            var psychologist = await db.Users.Where(u => u.Email == "psychologist1@demo.qadam.kz").Select(u => u.Id).SingleAsync();
            var rng = new Random(7);
            var start = new DateOnly(2026, 6, 1);
            int p = 0, w = 0;
            for (var k = 0; k < 79; k++)
            {
                var person = new Person
                {
                    OrganisationId = org, GivenName = "Айым", FamilyName = TestData.Surname("Шкала"), Sex = k % 4 == 0 ? Sex.Male : Sex.Female,
                    DateOfBirth = new DateOnly(2000 + k % 8, 1 + k % 12, 1 + k % 27), RegionCode = "KZ-75", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, Version = 1,
                };
                db.People.Add(person);
                var consented = k is < 70 or >= 75;
                if (consented) db.Consents.Add(new Consent { PersonId = person.Id, Purpose = ConsentPurpose.Evaluation, GivenBy = ConsentGiver.Person, GivenAt = DateTimeOffset.UtcNow, RecordedByUserId = psychologist });
                var treated = k % 7 < 4;
                var baseline = 22 + rng.Next(0, 10);
                void Score(DateOnly on, int total) => db.Measurements.Add(new Measurement
                {
                    OrganisationId = org, PersonId = person.Id, Instrument = "k10", TakenOn = on, Answers = "", Total = Math.Clamp(total, 10, 50), Complete = true,
                    RecordedByUserId = psychologist, CreatedAt = DateTimeOffset.UtcNow,
                });
                Score(start, baseline);
                if (k >= 75) continue; // a single score
                Score(start.AddDays(84), baseline - (treated ? 8 : 1) + rng.Next(-2, 3));
                if (treated)
                {
                    foreach (var week in new[] { 2, 5, 8 })
                        db.Consultations.Add(new Consultation
                        {
                            OrganisationId = org, PersonId = person.Id, PsychologistUserId = psychologist, Date = start.AddDays(7 * week), DurationMinutes = 50,
                            Modality = ConsultationModality.InPerson, Issues = "stress-work-life", CreatedAt = DateTimeOffset.UtcNow,
                        });
                    if (consented) p++;
                }
                else if (consented) w++;
            }
            await db.SaveChangesAsync();
            return (p, w);
        });
        using var client = await app.ClientAsync(MeOfficer);
        using var bad = await client.PostAsJsonAsync("/api/v1/evaluation/studies", new { title = "x", question = "y", outcomeSource = "instruments", treatment = "everyone", outcome = "k10Mood", covariates = "baseline,iin" });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "treatment", "outcome", "covariates" }) Assert.True(errors.TryGetProperty(field, out _), field);

        using var created = await client.PostAsJsonAsync("/api/v1/evaluation/studies", new
        {
            title = "K10 after support", question = "Does psychosocial support reduce distress (K10) compared with the waiting list?",
            outcomeSource = "instruments", treatment = "participant", outcome = "k10Last", covariates = "baseline,female,age", method = "ipw",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).Id();
        var study = await Studies.LockRunAndWaitAsync(client, id);
        Assert.True(study.GetProperty("status").GetString() == "completed", study.GetProperty("error").ToString());
        var result = study.GetProperty("result");
        Assert.Equal(79, result.GetProperty("unitsFound").GetInt32());
        var dropped = result.GetProperty("dropped");
        Assert.Equal(5, dropped.GetProperty("no evaluation consent").GetInt32());
        Assert.Equal(4, dropped.GetProperty("only one k10 score").GetInt32());
        var report = result.GetProperty("report");
        Assert.Equal(participants, report.GetProperty("treatedInput").GetInt32());
        Assert.Equal(waiting, report.GetProperty("controlsInput").GetInt32());
        Assert.InRange(report.GetProperty("att").GetDouble(), -10, -5); // true effect −7 points
        Assert.DoesNotContain("Шкала", JsonSerializer.Serialize(study));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PsychosocialTests_Sqlite(SqliteApp app) : PsychosocialTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PsychosocialTests_Postgres(PostgresApp app) : PsychosocialTests(app);
