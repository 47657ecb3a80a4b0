using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;
using static Qadam.Domain.Roles;

namespace Qadam.IntegrationTests.Platform;

public abstract partial class GeneratedPermissionMatrixTests
{
    /// <summary>Organisation 1's records the rows act on; the per-role ones are in that role's own scope.</summary>
    private sealed record World(
        Dictionary<string, Guid> Person, Dictionary<string, string> Surname, Dictionary<string, Guid> Consent, Dictionary<string, Guid> PageConsent,
        Guid User, Guid Study, Guid Activity, Guid Session, Guid Employer, Guid Placement, Guid Subsidy, Guid FollowUp, Guid Run, Guid DiscardRun,
        Dictionary<string, Guid> Contact, Dictionary<string, Guid> Case, Dictionary<string, Guid> Outgoing, Dictionary<string, Guid> OutgoingTransfer,
        Dictionary<string, Guid> Incoming, Dictionary<string, Guid> IncomingTransfer, Dictionary<string, Guid> OpenContact)
    {
        /// <summary>Psychologist 1's client, their consultation (with a sealed note and a PHQ-9 whose item 9 raised the alert), and a survey of organisation 1.</summary>
        public Guid Client { get; init; }
        public Guid Consultation { get; init; }
        public Guid Alert { get; init; }
        public Guid Survey { get; init; }
        /// <summary>A locked lottery of organisation 1 (two applicants of a cohort of its own for the matrix position's one place).</summary>
        public Guid Lottery { get; init; }
        /// <summary>A project of organisation 1 (not shared with government) with a hand-entered indicator owned by M&amp;E officer 1, and its first (ended) quarter.</summary>
        public Guid Project { get; init; }
        public Guid ProjectIndicator { get; init; }
        public Guid ProjectPeriod { get; init; }

        public IEnumerable<Guid> Organisation1Ids => Person.Values.Concat(BreakGlass!.Person.Values).Concat(Contact.Values)
            .Concat(Case.Values).Concat(Outgoing.Values).Concat(OutgoingTransfer.Values).Concat(Incoming.Values).Concat(IncomingTransfer.Values).Concat(OpenContact.Values)
            .Concat([Study, Activity, Session, Employer, Placement, Subsidy, FollowUp, Run, DiscardRun, Client, Consultation, Alert, Survey, Lottery, Project, ProjectIndicator, ProjectPeriod]);

        /// <summary>The same world with each role's person replaced by the one organisation 2's user of that role holds a grant on.</summary>
        public World? BreakGlass { get; init; }
    }

    private static readonly ConcurrentDictionary<AppFixture, Task<World>> Worlds = new();

    private Task<World> WorldAsync() => Worlds.GetOrAdd(app, _ => BuildWorldAsync());

    private async Task<World> BuildWorldAsync()
    {
        using var caseworker = await app.ClientAsync(CaseWorker);
        Dictionary<string, Guid> person = [], consent = [], pageConsent = [], bgPerson = [], bgConsent = [], bgPageConsent = [];
        Dictionary<string, string> surname = [], bgSurname = [];
        foreach (var role in All)
        {
            // Operators, psychologists and coordinators see the people they registered; the others their organisation's.
            using var owner = role is Operator or Psychologist or Coordinator ? await app.ClientAsync(role) : null;
            foreach (var (people, consents, pageConsents, surnames) in new[] { (person, consent, pageConsent, surname), (bgPerson, bgConsent, bgPageConsent, bgSurname) })
            {
                surnames[role] = TestData.Surname("Матрица");
                people[role] = (await TestData.CreatePersonAsync(owner ?? caseworker, TestData.Person(family: surnames[role]))).Id();
                consents[role] = await ConsentAsync(caseworker, people[role], "evaluation");
                pageConsents[role] = await ConsentAsync(caseworker, people[role], "anonymousStatistics");
            }
        }
        // Each role's user of organisation 2 holds a break-glass grant on that role's person (even roles that may not
        // break glass: the grant must not count for them).
        await app.WithDbAsync(async db =>
        {
            foreach (var role in All)
            {
                var user = await db.Users.Where(u => u.Email == $"{role}2@demo.qadam.kz").Select(u => u.Id).FirstAsync();
                db.BreakGlassGrants.Add(new BreakGlassGrant { UserId = user, PersonId = bgPerson[role], Reason = "permission matrix", GrantedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(1) });
            }
            return await db.SaveChangesAsync();
        });

        using var meofficer = await app.ClientAsync(MeOfficer);
        var csv = string.Join("\n", new[] { "treat,x,y" }.Concat(Enumerable.Range(0, 80).Select(i => $"{(i % 3 == 0 ? 1 : 0)},{i % 7},{(i % 5) + (i % 3 == 0 ? 2 : 0)}")));
        var study = await IdOfAsync(meofficer.PostAsJsonAsync("/api/v1/evaluation/studies", new
        {
            title = "Matrix study", question = "Does the programme help?", outcomeSource = "upload", treatment = "treat", outcome = "y", covariates = "x", method = "ipw",
            csv, fileName = "matrix.csv",
        }));
        await meofficer.PostAsync($"/api/v1/evaluation/studies/{study}/lock", null);
        await meofficer.PostAsync($"/api/v1/evaluation/studies/{study}/run", null);
        for (var i = 0; i < 100 && (await meofficer.GetFromJsonAsync<JsonElement>($"/api/v1/evaluation/studies/{study}")).GetProperty("status").GetString() is not ("completed" or "failed"); i++)
            await Task.Delay(100);

        var activity = await IdOfAsync(caseworker.PostAsJsonAsync("/api/v1/activities", new
            { kind = "SupportGroup", title = "Matrix group", regionCode = "KZ-75", locality = "Алматы", startsOn = "2026-09-01", endsOn = "2026-12-31" }));
        var session = await IdOfAsync(caseworker.PostAsJsonAsync($"/api/v1/activities/{activity}/sessions", new { date = "2026-09-08", topic = "First meeting" }));

        // Hotline contacts: each role that answers the line sees the contacts it handled (supervisors all of them).
        Dictionary<string, Guid> contact = [], openContact = [];
        foreach (var role in All)
        {
            using var handler = await app.ClientAsync(role is Operator or CaseWorker or Psychologist or Supervisor ? role : Operator);
            contact[role] = await IdOfAsync(handler.PostAsJsonAsync("/api/v1/contacts", new
            {
                channel = "phone", callerRelation = "parent", categories = new[] { "radicalisation-concern" }, urgency = "medium", outcome = "information",
                personAtRisk = new { sex = "female", ageBand = "18-24" }, summary = "Matrix contact",
            }));
            openContact[role] = await IdOfAsync(handler.PostAsJsonAsync("/api/v1/contacts", new { channel = "phone", callId = "matrix-" + Guid.NewGuid().ToString("N") }));
        }

        // Cases of organisation 1 in each role's scope (case workers and supervisors: the organisation's; operators: the
        // ones they opened; psychologists: the ones they are assigned to), each referred and transferred to the Kostanai
        // centre; and cases of the Kostanai centre referred and transferred to organisation 1, for the receiving side.
        var kostanai = await app.WithDbAsync(db => db.Organisations.Where(o => o.Name == "Kostanai Family Support Centre").Select(o => o.Id).FirstAsync());
        var almaty = await app.WithDbAsync(db => db.Organisations.Where(o => o.Name == "Almaty Youth Support Centre").Select(o => o.Id).FirstAsync());
        var psychologist1 = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "psychologist1@demo.qadam.kz").Select(u => u.Id).FirstAsync());
        using var centre = await app.ClientAsync(CaseWorker, 3);
        Dictionary<string, Guid> cases = [], outgoing = [], outgoingTransfer = [], incoming = [], incomingTransfer = [];
        async Task<Guid> CaseAsync(HttpClient by, Guid shareWith, Guid[]? workers = null)
        {
            var person = (await TestData.CreatePersonAsync(by, TestData.Person(family: TestData.Surname("Дело")))).Id();
            await ConsentAsync(by, person, "services");
            using (var r = await by.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose = "sharingWithOrganisation", targetOrganisationId = shareWith }))
                if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"sharing consent answered {(int)r.StatusCode}");
            return await IdOfAsync(by.PostAsJsonAsync("/api/v1/cases", new { personId = person, workerIds = workers }));
        }
        foreach (var role in All)
        {
            using var opener = role == Operator ? await app.ClientAsync(Operator) : null;
            var id = cases[role] = await CaseAsync(opener ?? caseworker, kostanai, role == Psychologist ? [psychologist1] : null);
            outgoing[role] = await IdOfAsync((opener ?? caseworker).PostAsJsonAsync("/api/v1/referrals", new { caseId = id, toOrganisationId = kostanai, reason = "Matrix referral" }));
            outgoingTransfer[role] = await IdOfAsync((opener ?? caseworker).PostAsJsonAsync("/api/v1/transfers", new { caseId = id, toOrganisationId = kostanai, reason = "Matrix transfer" }));
            var theirs = await CaseAsync(centre, almaty);
            incoming[role] = await IdOfAsync(centre.PostAsJsonAsync("/api/v1/referrals", new { caseId = theirs, toOrganisationId = almaty, reason = "Matrix referral in" }));
            incomingTransfer[role] = await IdOfAsync(centre.PostAsJsonAsync("/api/v1/transfers", new { caseId = theirs, toOrganisationId = almaty, reason = "Matrix transfer in" }));
        }

        // The account organisation 1's administrator edits (changing an account ends its sessions, so not a demo user's).
        using var admin = await app.ClientAsync(OrgAdmin);
        var matrixUser = $"matrix-{Guid.NewGuid():N}@test.qadam.kz";
        await IdOfAsync(admin.PostAsJsonAsync("/api/v1/users", new { email = matrixUser, displayName = "Matrix user", password = "Str0ng-Passw0rd!", roles = new[] { CaseWorker } }));

        // Matching runs on an employer, position and applicant of their own, in a region the demo scheme does not use.
        using var coordinator = await app.ClientAsync(Coordinator);
        var locality = await app.WithDbAsync(db => db.Localities.Where(l => l.RegionCode == "KZ-11").Select(l => l.Id).FirstAsync());
        var matrixEmployer = await IdOfAsync(coordinator.PostAsJsonAsync("/api/v1/scheme/employers",
            new { name = "Matrix Ltd " + Guid.NewGuid().ToString("N")[..6], type = "PrivateBusiness", sector = "trade", localityId = locality, contactPerson = "Contact" }));
        await IdOfAsync(coordinator.PostAsJsonAsync($"/api/v1/scheme/employers/{matrixEmployer}/positions",
            new { title = "Shop assistant", sector = "trade", requiredSkills = "sales", localityId = locality, slots = 1, monthlySubsidy = 85000, project = "UNDP" }));
        var cohort = "matrix-" + Guid.NewGuid().ToString("N")[..6];
        var applicantPerson = (await TestData.CreatePersonAsync(coordinator, TestData.Person(regionCode: "KZ-11"))).Id();
        await IdOfAsync(coordinator.PostAsJsonAsync("/api/v1/scheme/applicants",
            new { personId = applicantPerson, cohort, education = "Secondary", skills = "sales", preferredSectors = "trade", localityId = locality, maxTravelKm = 50 }));
        Task<Guid> RunAsync() => IdOfAsync(coordinator.PostAsJsonAsync("/api/v1/scheme/runs",
            new { title = "Matrix run", regionCode = "KZ-11", cohort, startsOn = "2027-01-11" }));
        var run = await RunAsync();
        var discard = await RunAsync();
        var lotteryCohort = cohort + "-lottery";
        for (var i = 0; i < 2; i++)
        {
            var entrant = (await TestData.CreatePersonAsync(coordinator, TestData.Person(regionCode: "KZ-11"))).Id();
            await IdOfAsync(coordinator.PostAsJsonAsync("/api/v1/scheme/applicants",
                new { personId = entrant, cohort = lotteryCohort, education = "Secondary", skills = "sales", preferredSectors = "trade", localityId = locality, maxTravelKm = 50 }));
        }
        var lottery = await IdOfAsync(coordinator.PostAsJsonAsync("/api/v1/scheme/lotteries", new { regionCode = "KZ-11", cohort = lotteryCohort, startsOn = "2027-01-11" }));

        // Reporting: a project of organisation 1 that is not shared, a goal, and a hand-entered indicator owned by M&E officer 1.
        using var manager = await app.ClientAsync(Manager);
        var project = await IdOfAsync(manager.PostAsJsonAsync("/api/v1/projects", new
        {
            title = "Matrix project", iatiIdentifier = "KZ-MATRIX-" + Guid.NewGuid().ToString("N")[..8], startsOn = "2026-01-01", endsOn = "2027-12-31",
            currency = "USD", donors = new[] { new { name = "Matrix donor", type = "10" } }, periods = "quarter", sharedWithGovernment = false,
        }));
        var goal = await IdOfAsync(manager.PostAsJsonAsync($"/api/v1/projects/{project}/results", new { level = "goal", code = "1", title = "Matrix goal" }));
        var meOfficer = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "meofficer1@demo.qadam.kz").Select(u => u.Id).SingleAsync());
        var projectIndicator = await IdOfAsync(manager.PostAsJsonAsync($"/api/v1/projects/{project}/indicators", new
        {
            resultId = goal, code = "1.a", title = "Matrix indicator", source = "manual", measure = "unit", manualSource = "Matrix sheets", ownerUserId = meOfficer,
        }));
        var projectPeriod = await app.WithDbAsync(db => db.ReportPeriods.Where(p => p.ProjectId == project).OrderBy(p => p.StartsOn).Select(p => p.Id).FirstAsync());

        // Psychosocial support: a client of psychologist 1, a consultation with a note and an alert; a survey with a required question.
        using var psychologist = await app.ClientAsync(Psychologist);
        var client = (await TestData.CreatePersonAsync(psychologist, TestData.Person(family: TestData.Surname("Клиент")))).Id();
        await ConsentAsync(psychologist, client, "services");
        var consultation = await IdOfAsync(psychologist.PostAsJsonAsync("/api/v1/consultations", new
        {
            personId = client, date = "2026-11-30", durationMinutes = 50, modality = "inPerson", issues = new[] { "apathy" }, note = "Matrix note",
            measurements = new[] { new { instrument = "phq9", answers = new int?[] { 1, 1, 1, 1, 1, 1, 1, 1, 1 } } },
        }));
        var alert = await app.WithDbAsync(db => db.SafetyAlerts.Where(a => a.ConsultationId == consultation).Select(a => a.Id).SingleAsync());
        using var supervisor = await app.ClientAsync(Supervisor);
        var form = new Qadam.Web.Features.Psychosocial.SurveyForm("matrix_" + Guid.NewGuid().ToString("N")[..8], "Matrix survey", "",
            [new("select_one", "confidence", new Dictionary<string, string> { ["en"] = "Confidence" }, true, "yes_no")],
            [new("yes_no", "yes", new Dictionary<string, string> { ["en"] = "Yes" }), new("yes_no", "no", new Dictionary<string, string> { ["en"] = "No" })]);
        var survey = await IdOfAsync(supervisor.PostAsync("/api/v1/surveys/import",
            new MultipartFormDataContent { { new ByteArrayContent(Qadam.Web.Features.Psychosocial.XlsForm.Write(form, 1)), "file", "matrix.xlsx" } }));

        return await app.WithDbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.Email == matrixUser).Select(u => u.Id).FirstAsync();
            // The placement is active and with the employer of employer1's account, so that account has it in scope too.
            var employerUser = await db.Users.Where(u => u.Email == "employer1@demo.qadam.kz").Select(u => u.Id).FirstAsync();
            var employer = await db.EmployerAccounts.Where(a => a.UserId == employerUser).Select(a => a.EmployerId).FirstAsync();
            var placement = await db.Placements.Where(p => p.EmployerId == employer).OrderBy(p => p.Status).Select(p => p.Id).FirstAsync();
            var subsidy = await db.SubsidyPayments.Where(s => s.PlacementId == placement).Select(s => s.Id).FirstAsync();
            var followUp = await (from f in db.FollowUps join a in db.SchemeApplicants on f.ApplicantId equals a.Id
                                  join o in db.Organisations on a.OrganisationId equals o.Id where o.Name == "Almaty Youth Support Centre" select f.Id).FirstAsync();
            var world = new World(person, surname, consent, pageConsent, user, study, activity, session, employer, placement, subsidy, followUp, run, discard, contact,
                cases, outgoing, outgoingTransfer, incoming, incomingTransfer, openContact);
            world = world with { Client = client, Consultation = consultation, Alert = alert, Survey = survey, Lottery = lottery, Project = project, ProjectIndicator = projectIndicator, ProjectPeriod = projectPeriod };
            return world with { BreakGlass = world with { Person = bgPerson, Surname = bgSurname, Consent = bgConsent, PageConsent = bgPageConsent } };
        });
    }

    private static async Task<Guid> IdOfAsync(Task<HttpResponseMessage> request)
    {
        using var r = await request;
        var body = await r.Content.ReadAsStringAsync();
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"setup request answered {(int)r.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task<Guid> ConsentAsync(HttpClient c, Guid person, string purpose)
    {
        var r = await c.PostAsJsonAsync($"/api/v1/people/{person}/consents", new { purpose });
        if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"consent answered {(int)r.StatusCode}");
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).Id();
    }

    public static TheoryData<string> AllRoles => new(All);

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task EveryRow_ForRole_AnswersAsTheMatrixSays(string role)
    {
        var w = await WorldAsync();
        using var api1 = await app.ClientAsync(role);
        using var api2 = await app.ClientAsync(role, 2);
        using var web1 = await WebSession.SignInAsync(app, $"{role}1@demo.qadam.kz");
        using var web2 = await WebSession.SignInAsync(app, $"{role}2@demo.qadam.kz");
        var failures = new List<string>();
        foreach (var row in Rows)
        {
            var allowed = row.Allowed.Contains(role);
            var request = row.Build(w, role);
            var grantRequest = row.Build(w.BreakGlass!, role);
            var write = request.Method != HttpMethod.Get;
            // A sign-out ends the session it is sent in: those rows get a session of their own.
            using var own1 = row.Key.StartsWith("PAGE /Account/Logout POST", StringComparison.Ordinal) ? await WebSession.SignInAsync(app, $"{role}1@demo.qadam.kz") : null;
            using var own2 = own1 is null ? null : await WebSession.SignInAsync(app, $"{role}2@demo.qadam.kz");

            // Out of scope first (and under break-glass), so that refusals are checked against an untouched database.
            var outside = row.Scope switch
            {
                Scope.Record or Scope.PersonRead or Scope.PersonWrite => allowed ? Expect.NotFound : Expect.Forbidden,
                _ => allowed ? Expect.AnyOf(row.InScope) : Expect.Forbidden,
            };
            await CheckAsync("out of scope", request, own2 ?? web2, api2, outside, leakCheck: row.Scope == Scope.Collection && allowed);
            if (row.Scope is Scope.PersonRead or Scope.PersonWrite)
            {
                // Organisation 2's user holds a grant on this record: it reads under it only if its role may break glass, and never writes.
                var underGrant = !allowed ? Expect.Forbidden
                    : !Emergency.Contains(role) ? Expect.NotFound
                    : row.Scope == Scope.PersonRead ? Expect.AnyOf(row.InScope) : Expect.Forbidden;
                await CheckAsync("under break-glass", grantRequest, own2 ?? web2, api2, underGrant, leakCheck: false);
            }
            var inScope = !allowed ? Expect.Forbidden : row.SealedTo is { } sealedTo && !sealedTo.Contains(role) ? Expect.NotFound : Expect.AnyOf(row.InScope);
            await CheckAsync("in scope", request, own1 ?? web1, api1, inScope, leakCheck: false);

            async Task CheckAsync(string scope, Req request, WebSession web, HttpClient api, Expect expected, bool leakCheck)
            {
                var before = write && !expected.Permits ? await FingerprintAsync() : null;
                using var response = await SendAsync(row, request, web, api);
                var ok = expected.Matches(response, row.Page);
                var body = leakCheck ? await response.Content.ReadAsStringAsync() : "";
                // Organisation 2's user legitimately sees the one record it holds a break-glass grant on.
                var leaked = leakCheck ? w.Organisation1Ids.Where(id => id != w.BreakGlass!.Person[role] && !request.Url.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase)).FirstOrDefault(id => body.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase)) : Guid.Empty;
                if (!ok) failures.Add($"  {row.Key} ({scope}): expected {expected}, got {(int)response.StatusCode} {response.Headers.Location}");
                if (leaked != Guid.Empty) failures.Add($"  {row.Key} ({scope}): organisation 2 was shown organisation 1's record {leaked}");
                if (before is not null && await FingerprintAsync() is var after && after != before)
                    failures.Add($"  {row.Key} ({scope}): refused, yet the database changed ({before} → {after})");
            }
        }
        Assert.True(failures.Count == 0, $"{role}:\n" + string.Join("\n", failures));
    }

    private static async Task<HttpResponseMessage> SendAsync(Row row, Req request, WebSession web, HttpClient api)
    {
        if (row.Page)
        {
            if (request.Method == HttpMethod.Get) return await web.Client.GetAsync(request.Url);
            return await web.PostFormAsync("/Account/Password", request.Url, new Dictionary<string, string>(request.Form ?? []));
        }
        return await api.SendAsync(Message(request));
    }

    private static HttpRequestMessage Message(Req request) => new(request.Method, request.Url)
    {
        Content = request.Form is not null ? new MultipartFormDataContent { { new ByteArrayContent("name\n"u8.ToArray()), "file", "list.csv" } }
            : request.Json is not null ? JsonContent.Create(request.Json) : null,
    };

    /// <summary>What a refused request must not change: counts and version sums of every table a use case writes.</summary>
    private Task<string> FingerprintAsync() => app.WithDbAsync(async db =>
    {
        string[] counts = ["People", "Consents", "PersonMerges", "BreakGlassGrants", "Notifications", "Employers", "Positions", "Mentors", "EmployerAccounts",
            "SchemeApplicants", "Placements", "PlacementCheckIns", "SubsidyPayments", "FollowUps", "MatchRuns", "GroupActivities", "ActivitySessions",
            "SessionAttendances", "SessionHeadcounts", "EvaluationStudies", "AspNetUsers", "AspNetUserRoles", "TwoFactorPolicies",
            "Contacts", "CallerFlags", "ContactDrafts", "Cases", "CaseAssignments", "CaseGoals", "CaseServices", "CaseTasks", "CaseHistory", "Referrals", "ServiceOfferings",
            "Consultations", "ClinicalNotes", "Measurements", "SafetyAlerts", "Surveys", "SurveyVersions", "SurveyResponses", "InstrumentTranslations", "ActivityFacilitators"];
        // Matching runs and studies also change in the background (their job runners), so only their counts are compared.
        string[] versions = ["People", "Placements", "SubsidyPayments", "Contacts", "Cases", "Referrals", "SafetyAlerts"];
        var sql = "SELECT " + string.Join(", ", counts.Select(t => $"(SELECT COUNT(*) FROM \"{t}\")")
            .Concat(versions.Select(t => $"(SELECT COALESCE(SUM(\"Version\"), 0) FROM \"{t}\")"))
            .Concat(["(SELECT COUNT(*) FROM \"Consents\" WHERE \"WithdrawnAt\" IS NOT NULL)", "(SELECT COUNT(*) FROM \"FollowUps\" WHERE \"Employment\" IS NOT NULL)",
                "(SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"IsActive\")", "(SELECT COALESCE(SUM(LENGTH(\"DisplayName\")), 0) FROM \"AspNetUsers\")"]));
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
    });

    private sealed record Expect(string Name, HttpStatusCode[] Statuses, bool Forbids = false)
    {
        public static readonly Expect NotFound = new("404", [HttpStatusCode.NotFound]);
        public static readonly Expect Forbidden = new("403", [HttpStatusCode.Forbidden], Forbids: true);
        public static Expect AnyOf(HttpStatusCode[] s) => new(string.Join("/", s.Select(x => (int)x)), s);
        public bool Permits => !Forbids && !Statuses.Contains(HttpStatusCode.NotFound);

        public bool Matches(HttpResponseMessage r, bool page)
        {
            var denied = r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location?.OriginalString.Contains("/Account/Denied", StringComparison.Ordinal) == true;
            var toLogin = r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.Ordinal) == true;
            // A page refuses with the 403 page or, for a role its [Authorize] policy excludes, the cookie handler's "denied" redirect.
            if (Forbids) return r.StatusCode == HttpStatusCode.Forbidden || (page && denied);
            if (denied || (toLogin && !Statuses.Contains(HttpStatusCode.Redirect))) return false;
            return Statuses.Contains(r.StatusCode);
        }

        public override string ToString() => Name;
    }

    [Fact]
    public void EveryEndpointAndPageHandler_HasARow()
    {
        var keys = Rows.Select(r => r.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        var api = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .ToList();
        var pages = typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Select(m => HandlerKey(t, m.Name)).OfType<string>())
            .Distinct().ToList();
        Assert.True(api.Count > 50, $"only {api.Count} API endpoints found");
        Assert.True(pages.Count > 50, $"only {pages.Count} page handlers found");
        var missing = api.Concat(pages).Except(keys).ToList();
        Assert.True(missing.Count == 0, "endpoints or handlers without a row in the permission matrix:\n  " + string.Join("\n  ", missing));
        var stale = keys.Except(api).Except(pages).ToList();
        Assert.True(stale.Count == 0, "rows for endpoints or handlers that do not exist:\n  " + string.Join("\n  ", stale));
    }

    /// <summary>"OnPostConsentAsync" of People.DetailsModel → "PAGE /People/Details POST Consent"; null for a method that is no handler.</summary>
    private static string? HandlerKey(Type model, string method)
    {
        var m = System.Text.RegularExpressions.Regex.Match(method, "^On(Get|Post)(.*?)(Async)?$");
        if (!m.Success) return null;
        var ns = model.Namespace!["Qadam.Web.Features".Length..].Replace('.', '/');
        var name = model.Name.EndsWith("Model", StringComparison.Ordinal) ? model.Name[..^5] : model.Name;
        var route = model == typeof(Qadam.Web.Features.Errors.ErrorModel) ? "/Error"
            : ns.Length == 0 && name == "Index" ? "/" : $"{ns}/{name}";
        var handler = m.Groups[2].Value;
        return $"PAGE {route} {m.Groups[1].Value.ToUpperInvariant()}{(handler.Length > 0 ? " " + handler : "")}";
    }

    [Fact]
    public async Task WithoutSignIn_TheApiAnswers401_AndPagesSendToSignIn()
    {
        var w = await WorldAsync();
        using var anon = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var failures = new List<string>();
        foreach (var row in Rows.Where(r => !r.Key.Contains("/auth/login", StringComparison.Ordinal) && !r.Key.Contains("/auth/refresh", StringComparison.Ordinal)
                     && !r.Key.StartsWith("PAGE /Account/Login", StringComparison.Ordinal) && !r.Key.StartsWith("PAGE /Error", StringComparison.Ordinal)))
        {
            var request = row.Build(w, CaseWorker);
            if (row.Page && request.Method != HttpMethod.Get) continue; // a form post without a session fails antiforgery first (400)
            using var response = await anon.SendAsync(Message(request));
            var ok = row.Page
                ? response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/Login", StringComparison.Ordinal)
                : response.StatusCode == HttpStatusCode.Unauthorized;
            if (!ok) failures.Add($"  {row.Key}: {(int)response.StatusCode}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GeneratedPermissionMatrixTests_Sqlite(SqliteApp app) : GeneratedPermissionMatrixTests(app);

[Collection(PostgresCollection.Name)]
public sealed class GeneratedPermissionMatrixTests_Postgres(PostgresApp app) : GeneratedPermissionMatrixTests(app);
