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

/// <summary>
/// The generated permission matrix. Every API endpoint (from the running app's EndpointDataSource) and every Razor page
/// handler (GET and each named POST handler, by reflection over the page models) must have a row here; a new one without
/// a row fails <see cref="EveryEndpointAndPageHandler_HasARow"/>. Each row is tried for every role × a record in scope
/// (the role's user of organisation 1 on organisation 1's records) × out of scope (the same role's user of organisation 2 on
/// the same records) × under break-glass (organisation 2's user holding a grant on the row's person). Expectations are
/// written here, independently of the production role table. A refused write must leave the database as it was.
/// </summary>
public abstract partial class GeneratedPermissionMatrixTests(AppFixture app)
{
    private static readonly string[] Readers = [Operator, CaseWorker, Psychologist, Supervisor, Coordinator, Manager];
    private static readonly string[] Creators = [Operator, CaseWorker, Psychologist, Coordinator];
    private static readonly string[] Editors = [CaseWorker, Psychologist, Supervisor, Coordinator];
    private static readonly string[] Mergers = [CaseWorker, Supervisor];
    private static readonly string[] Emergency = [CaseWorker, Psychologist, Supervisor];
    private static readonly string[] Auditors = [Supervisor, Manager, OrgAdmin];
    private static readonly string[] Admins = [OrgAdmin];
    private static readonly string[] Everyone = [.. All];
    private static readonly string[] Evaluators = [MeOfficer];
    private static readonly string[] ActivityReaders = [CaseWorker, Psychologist, Supervisor, Coordinator, Manager];
    private static readonly string[] ActivityManagers = [CaseWorker, Psychologist, Supervisor, Coordinator];
    private static readonly string[] SchemeReaders = [Coordinator, Manager];
    private static readonly string[] SchemeManagers = [Coordinator];
    private static readonly string[] FigureReaders = [Coordinator, Manager, MeOfficer, Liaison];
    private static readonly string[] EmployerAccounts = [Roles.Employer];
    private static readonly string[] CheckInRecorders = [Coordinator, Roles.Employer];
    private static readonly string[] LineAnswerers = [Operator, CaseWorker, Psychologist, Supervisor];
    // Operators take a caller's consent on the line.
    private static readonly string[] ConsentKeepers = [Operator, CaseWorker, Psychologist, Supervisor, Coordinator];
    private static readonly string[] CaseReaders = [Operator, CaseWorker, Psychologist, Supervisor];
    private static readonly string[] CaseOpeners = [Operator, CaseWorker, Supervisor];
    private static readonly string[] CaseWorkers = [CaseWorker, Psychologist, Supervisor];
    private static readonly string[] CaseManagers = [CaseWorker, Supervisor];
    private static readonly string[] ReferralSenders = [Operator, CaseWorker, Supervisor];
    private static readonly string[] ReferralAnswerers = [CaseWorker, Supervisor];
    private static readonly string[] DirectoryKeepers = [Supervisor, OrgAdmin];
    private static readonly string[] HotlineFigureReaders = [Supervisor, Manager];
    private static readonly string[] Clinicians = [Psychologist, Supervisor];
    private static readonly string[] SurveyReaders = [Psychologist, CaseWorker, Supervisor, MeOfficer];
    private static readonly string[] SurveyKeepers = [Supervisor, MeOfficer];
    private static readonly string[] SurveyTakers = [Psychologist, CaseWorker];
    private static readonly string[] SupportFigureReaders = [Supervisor, Manager, MeOfficer];
    private static readonly string[] ReportReaders = [Manager, MeOfficer, Liaison];
    private static readonly string[] ProjectManagers = [Manager];
    private static readonly string[] ValueEnterers = [Manager, MeOfficer];

    /// <summary>How a row treats scope. Collection: out of scope answers like in scope but must not contain organisation 1's records.</summary>
    private enum Scope { Collection, Record, PersonRead, PersonWrite, Open }

    /// <param name="InScope">Statuses a permitted role may get on a record in its scope (the use case ran: success, or a validation or state error).</param>
    /// <param name="SealedTo">When set, only these of the allowed roles reach the record in scope; the others get 404 there too (a sealed record).</param>
    private sealed record Row(string Key, string[] Allowed, Scope Scope, HttpStatusCode[] InScope, Func<World, string, Req> Build, bool Page = false, string[]? SealedTo = null);

    private sealed record Req(HttpMethod Method, string Url, object? Json = null, Dictionary<string, string>? Form = null);

    private static readonly HttpStatusCode[] Ok = [HttpStatusCode.OK];
    private static readonly HttpStatusCode[] Created = [HttpStatusCode.Created];
    private static readonly HttpStatusCode[] Invalid = [HttpStatusCode.BadRequest];
    private static readonly HttpStatusCode[] Done = [HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.Accepted, HttpStatusCode.Conflict, HttpStatusCode.BadRequest];
    // A page's POST re-renders with errors (200) or redirects after success (302, not to sign-in or "denied").
    private static readonly HttpStatusCode[] PageDone = [HttpStatusCode.OK, HttpStatusCode.Redirect];
    // A locked study refuses a second lock or a changed plan as a conflict (the localised 409 page).
    private static readonly HttpStatusCode[] StudyDone = [HttpStatusCode.OK, HttpStatusCode.Redirect, HttpStatusCode.Conflict];

    private static Req Get(string url) => new(HttpMethod.Get, url);
    private static Req Post(string url, object? body = null) => new(HttpMethod.Post, url, body ?? new { });
    private static Req Put(string url, object? body = null) => new(HttpMethod.Put, url, body ?? new { });
    private static Req PageGet(string url) => new(HttpMethod.Get, url);
    private static Req PagePost(string url, Dictionary<string, string>? form = null) => new(HttpMethod.Post, url, null, form ?? []);

    private static Row Api(string key, string[] allowed, Scope scope, HttpStatusCode[] inScope, Func<World, string, Req> build) => new(key, allowed, scope, inScope, build);
    private static Row Pg(string key, string[] allowed, Scope scope, HttpStatusCode[] inScope, Func<World, string, Req> build) => new(key, allowed, scope, inScope, build, Page: true);

    /// <summary>The same rows for referrals and transfers: the sender reads and revokes its own; the receiver answers.</summary>
    private static Row[] ReferralRows(string path, Func<World, Dictionary<string, Guid>> sent, Func<World, Dictionary<string, Guid>> received) =>
    [
        Api($"POST /api/v1/{path}/", ReferralSenders, Scope.Open, Invalid, (_, _) => Post($"/api/v1/{path}")),
        Api($"GET /api/v1/{path}/", ReferralSenders, Scope.Collection, Ok, (_, _) => Get($"/api/v1/{path}")),
        Api($"GET /api/v1/{path}/{{id:guid}}", ReferralSenders, Scope.Record, Ok, (w, r) => Get($"/api/v1/{path}/{sent(w)[r]}")),
        Api($"POST /api/v1/{path}/{{id:guid}}/accept", ReferralAnswerers, Scope.Record, Done, (w, r) => Post($"/api/v1/{path}/{received(w)[r]}/accept")),
        Api($"POST /api/v1/{path}/{{id:guid}}/decline", ReferralAnswerers, Scope.Record, Done, (w, r) => Post($"/api/v1/{path}/{received(w)[r]}/decline")),
        Api($"POST /api/v1/{path}/{{id:guid}}/complete", ReferralAnswerers, Scope.Record, Done, (w, r) => Post($"/api/v1/{path}/{received(w)[r]}/complete")),
        Api($"POST /api/v1/{path}/{{id:guid}}/revoke", ReferralSenders, Scope.Record, Invalid, (w, r) => Post($"/api/v1/{path}/{sent(w)[r]}/revoke")),
    ];

    private static readonly Row[] Rows =
    [
        // ——— API: auth (anonymous by design; tried signed in too) ———
        Api("POST /api/v1/auth/login", Everyone, Scope.Open, [HttpStatusCode.Unauthorized], (_, r) => Post("/api/v1/auth/login", new { email = $"nobody-{r}-{Guid.NewGuid():N}@test.qadam.kz", password = "Wrong-passw0rd!" })),
        Api("POST /api/v1/auth/refresh", Everyone, Scope.Open, [HttpStatusCode.Unauthorized], (_, _) => Post("/api/v1/auth/refresh", new { refreshToken = "garbage" })),
        Api("POST /api/v1/auth/manage/2fa", Everyone, Scope.Open, Ok, (_, _) => Post("/api/v1/auth/manage/2fa")),
        // ——— people ———
        Api("GET /api/v1/people/", Readers, Scope.Collection, Ok, (w, r) => Get($"/api/v1/people?query={Uri.EscapeDataString(w.Surname[r])}")),
        Api("POST /api/v1/people/", Creators, Scope.Open, Invalid, (_, _) => Post("/api/v1/people")),
        Api("POST /api/v1/people/duplicate-check", Creators, Scope.Open, Invalid, (_, _) => Post("/api/v1/people/duplicate-check")),
        Api("GET /api/v1/people/follow-up", Readers, Scope.Collection, Ok, (_, _) => Get("/api/v1/people/follow-up")),
        Api("GET /api/v1/people/{id:guid}", Readers, Scope.PersonRead, Ok, (w, r) => Get($"/api/v1/people/{w.Person[r]}")),
        Api("PUT /api/v1/people/{id:guid}", Editors, Scope.PersonWrite, Invalid, (w, r) => Put($"/api/v1/people/{w.Person[r]}")),
        Api("POST /api/v1/people/{id:guid}/merge", Mergers, Scope.PersonWrite, Invalid, (w, r) => Post($"/api/v1/people/{w.Person[r]}/merge")),
        Api("GET /api/v1/people/{id:guid}/consents", Readers, Scope.PersonRead, Ok, (w, r) => Get($"/api/v1/people/{w.Person[r]}/consents")),
        Api("POST /api/v1/people/{id:guid}/consents", ConsentKeepers, Scope.PersonWrite, Invalid, (w, r) => Post($"/api/v1/people/{w.Person[r]}/consents")),
        Api("POST /api/v1/people/{id:guid}/consents/{consentId:guid}/withdraw", ConsentKeepers, Scope.PersonWrite, Ok,
            (w, r) => Post($"/api/v1/people/{w.Person[r]}/consents/{w.Consent[r]}/withdraw")),
        Api("POST /api/v1/break-glass", Emergency, Scope.Open, Invalid, (_, _) => Post("/api/v1/break-glass")),
        // ——— audit, users, reference ———
        Api("GET /api/v1/audit", Auditors, Scope.Collection, Ok, (w, r) => Get($"/api/v1/audit?entityId={w.Person[r]}")),
        Api("GET /api/v1/users/", Admins, Scope.Collection, Ok, (_, _) => Get("/api/v1/users")),
        Api("POST /api/v1/users/", Admins, Scope.Open, Invalid, (_, _) => Post("/api/v1/users")),
        Api("PUT /api/v1/users/{id:guid}", Admins, Scope.Record, Ok, (w, _) => Put($"/api/v1/users/{w.User}", new { displayName = "caseworker 1 (demo)" })),
        Api("GET /api/v1/organisation/two-factor-policy/", Admins, Scope.Open, Ok, (_, _) => Get("/api/v1/organisation/two-factor-policy")),
        Api("PUT /api/v1/organisation/two-factor-policy/", Admins, Scope.Open, Ok, (_, _) => Put("/api/v1/organisation/two-factor-policy", new { roles = Array.Empty<string>() })),
        Api("GET /api/v1/regions", Everyone, Scope.Open, Ok, (_, _) => Get("/api/v1/regions")),
        Api("GET /api/v1/organisations", Everyone, Scope.Open, Ok, (_, _) => Get("/api/v1/organisations")),
        Api("GET /api/v1/contact-categories", Everyone, Scope.Open, Ok, (_, _) => Get("/api/v1/contact-categories")),
        // ——— hotline ———
        // The telephony account too (a skeleton needs the call id: the empty body names it).
        Api("POST /api/v1/contacts/", [.. LineAnswerers, Roles.Telephony], Scope.Open, Invalid, (_, _) => Post("/api/v1/contacts")),
        Api("GET /api/v1/contacts/", LineAnswerers, Scope.Collection, Ok, (_, _) => Get("/api/v1/contacts")),
        Api("GET /api/v1/contacts/{id:guid}", LineAnswerers, Scope.Record, Ok, (w, r) => Get($"/api/v1/contacts/{w.Contact[r]}")),
        Api("PUT /api/v1/contacts/{id:guid}", LineAnswerers, Scope.Record, Invalid, (w, r) => Put($"/api/v1/contacts/{w.Contact[r]}")),
        Api("POST /api/v1/contacts/{id:guid}/caller-flag", [Supervisor], Scope.Record, Invalid, (w, r) => Post($"/api/v1/contacts/{w.Contact[r]}/caller-flag")),
        Api("POST /api/v1/contacts/{id:guid}/parties/{party}/link", LineAnswerers, Scope.Record, Invalid, (w, r) => Post($"/api/v1/contacts/{w.Contact[r]}/parties/caller/link")),
        // The matrix's contacts are completed: copying parties into one is a conflict.
        Api("POST /api/v1/contacts/{id:guid}/copy-parties", LineAnswerers, Scope.Record, [HttpStatusCode.Conflict], (w, r) => Post($"/api/v1/contacts/{w.Contact[r]}/copy-parties")),
        Api("GET /api/v1/hotline/figures", HotlineFigureReaders, Scope.Collection, Ok, (_, _) => Get("/api/v1/hotline/figures")),
        // ——— cases, referrals, transfers, directory ———
        Api("POST /api/v1/cases/", CaseOpeners, Scope.Open, Invalid, (_, _) => Post("/api/v1/cases")),
        Api("GET /api/v1/cases/", CaseReaders, Scope.Collection, Ok, (_, _) => Get("/api/v1/cases?mine=false")),
        Api("GET /api/v1/cases/{id:guid}", CaseReaders, Scope.Record, Ok, (w, r) => Get($"/api/v1/cases/{w.Case[r]}")),
        Api("POST /api/v1/cases/{id:guid}/status", CaseManagers, Scope.Record, Invalid, (w, r) => Post($"/api/v1/cases/{w.Case[r]}/status")),
        Api("POST /api/v1/cases/{id:guid}/goals", CaseWorkers, Scope.Record, Invalid, (w, r) => Post($"/api/v1/cases/{w.Case[r]}/goals")),
        Api("PUT /api/v1/cases/{id:guid}/goals/{goalId:guid}", CaseWorkers, Scope.Record, Invalid, (w, r) => Put($"/api/v1/cases/{w.Case[r]}/goals/{Guid.Empty}")),
        Api("POST /api/v1/cases/{id:guid}/services", CaseWorkers, Scope.Record, Invalid, (w, r) => Post($"/api/v1/cases/{w.Case[r]}/services")),
        Api("POST /api/v1/cases/{id:guid}/tasks", CaseWorkers, Scope.Record, Invalid, (w, r) => Post($"/api/v1/cases/{w.Case[r]}/tasks")),
        Api("POST /api/v1/cases/{id:guid}/tasks/{taskId:guid}/done", CaseWorkers, Scope.Record, Invalid, (w, r) => Post($"/api/v1/cases/{w.Case[r]}/tasks/{Guid.Empty}/done")),
        Api("POST /api/v1/cases/{id:guid}/workers", CaseManagers, Scope.Record, Invalid, (w, r) => Post($"/api/v1/cases/{w.Case[r]}/workers")),
        Api("DELETE /api/v1/cases/{id:guid}/workers/{userId:guid}", CaseManagers, Scope.Record, Invalid, (w, r) => new(HttpMethod.Delete, $"/api/v1/cases/{w.Case[r]}/workers/{Guid.Empty}")),
        .. ReferralRows("referrals", w => w.Outgoing, w => w.Incoming),
        .. ReferralRows("transfers", w => w.OutgoingTransfer, w => w.IncomingTransfer),
        Api("GET /api/v1/instruments/", Everyone, Scope.Open, Ok, (_, _) => Get("/api/v1/instruments")),
        Api("POST /api/v1/instruments/{code}/score", [Psychologist, CaseWorker, Supervisor, MeOfficer], Scope.Open, Invalid, (_, _) => Post("/api/v1/instruments/phq9/score")),
        // ——— psychosocial support ———
        Api("POST /api/v1/consultations/", [Psychologist], Scope.Open, Invalid, (_, _) => Post("/api/v1/consultations")),
        Api("GET /api/v1/consultations/", Clinicians, Scope.Record, Ok, (w, _) => Get($"/api/v1/consultations?personId={w.Client}")),
        Api("GET /api/v1/consultations/{id:guid}", Clinicians, Scope.Record, Ok, (w, _) => Get($"/api/v1/consultations/{w.Consultation}")),
        // Anyone may ask for a note; only its author and the supervisors of the author's organisation get it, the rest 404.
        new("GET /api/v1/consultations/{id:guid}/note", Everyone, Scope.Record, Ok, (w, _) => Get($"/api/v1/consultations/{w.Consultation}/note"), SealedTo: Clinicians),
        Api("POST /api/v1/measurements/", [Psychologist], Scope.Open, Invalid, (_, _) => Post("/api/v1/measurements")),
        Api("GET /api/v1/measurements/", Clinicians, Scope.Record, Ok, (w, _) => Get($"/api/v1/measurements?personId={w.Client}")),
        Api("GET /api/v1/safety-alerts/", Clinicians, Scope.Collection, Ok, (_, _) => Get("/api/v1/safety-alerts")),
        Api("POST /api/v1/safety-alerts/{id:guid}/acknowledge", Clinicians, Scope.Record, Invalid, (w, _) => Post($"/api/v1/safety-alerts/{w.Alert}/acknowledge")),
        Api("GET /api/v1/psychosocial/caseload", Clinicians, Scope.Collection, Ok, (_, _) => Get("/api/v1/psychosocial/caseload")),
        Api("GET /api/v1/psychosocial/figures", SupportFigureReaders, Scope.Collection, Ok, (_, _) => Get("/api/v1/psychosocial/figures")),
        Api("GET /api/v1/surveys/", SurveyReaders, Scope.Collection, Ok, (_, _) => Get("/api/v1/surveys")),
        Api("POST /api/v1/surveys/import", SurveyKeepers, Scope.Open, Invalid, (_, _) => new Req(HttpMethod.Post, "/api/v1/surveys/import", Form: [])),
        Api("GET /api/v1/surveys/{id:guid}", SurveyReaders, Scope.Record, Ok, (w, _) => Get($"/api/v1/surveys/{w.Survey}")),
        Api("GET /api/v1/surveys/{id:guid}/export.xlsx", SurveyReaders, Scope.Record, Ok, (w, _) => Get($"/api/v1/surveys/{w.Survey}/export.xlsx")),
        Api("POST /api/v1/surveys/{id:guid}/responses", SurveyTakers, Scope.Record, Invalid, (w, _) => Post($"/api/v1/surveys/{w.Survey}/responses")),
        Api("GET /api/v1/instruments/{code}/items", Everyone, Scope.Open, Ok, (_, _) => Get("/api/v1/instruments/phq9/items?language=kk")),
        Api("PUT /api/v1/instruments/{code}/translations/{language}", [Supervisor, OrgAdmin], Scope.Open, Invalid, (_, _) => Put("/api/v1/instruments/phq9/translations/kk")),
        Api("GET /api/v1/volunteers/", ActivityReaders, Scope.Collection, Ok, (_, _) => Get("/api/v1/volunteers")),
        Api("GET /api/v1/services/", Everyone, Scope.Collection, Ok, (_, _) => Get("/api/v1/services")),
        Api("POST /api/v1/services/", DirectoryKeepers, Scope.Open, Invalid, (_, _) => Post("/api/v1/services")),
        // ——— evaluation ———
        Api("GET /api/v1/evaluation/studies/", Evaluators, Scope.Collection, Ok, (_, _) => Get("/api/v1/evaluation/studies")),
        Api("POST /api/v1/evaluation/studies/", Evaluators, Scope.Open, Invalid, (_, _) => Post("/api/v1/evaluation/studies")),
        Api("GET /api/v1/evaluation/studies/{id:guid}", Evaluators, Scope.Record, Ok, (w, _) => Get($"/api/v1/evaluation/studies/{w.Study}")),
        Api("PUT /api/v1/evaluation/studies/{id:guid}", Evaluators, Scope.Record, Done, (w, _) => Put($"/api/v1/evaluation/studies/{w.Study}")),
        Api("POST /api/v1/evaluation/studies/{id:guid}/lock", Evaluators, Scope.Record, Done, (w, _) => Post($"/api/v1/evaluation/studies/{w.Study}/lock")),
        Api("POST /api/v1/evaluation/studies/{id:guid}/run", Evaluators, Scope.Record, Done, (w, _) => Post($"/api/v1/evaluation/studies/{w.Study}/run")),
        Api("GET /api/v1/evaluation/studies/{id:guid}/export.csv", Evaluators, Scope.Record, Done, (w, _) => Get($"/api/v1/evaluation/studies/{w.Study}/export.csv")),
        Api("GET /api/v1/evaluation/studies/{id:guid}/export.pdf", Evaluators, Scope.Record, [HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.ServiceUnavailable],
            (w, _) => Get($"/api/v1/evaluation/studies/{w.Study}/export.pdf")),
        // ——— activities ———
        Api("GET /api/v1/activities/", ActivityReaders, Scope.Collection, Ok, (_, _) => Get("/api/v1/activities")),
        Api("GET /api/v1/activities/{id:guid}", ActivityReaders, Scope.Record, Ok, (w, _) => Get($"/api/v1/activities/{w.Activity}")),
        Api("POST /api/v1/activities/", ActivityManagers, Scope.Open, Invalid, (_, _) => Post("/api/v1/activities")),
        Api("POST /api/v1/activities/{id:guid}/sessions", ActivityManagers, Scope.Record, Invalid, (w, _) => Post($"/api/v1/activities/{w.Activity}/sessions")),
        Api("PUT /api/v1/activities/{id:guid}/sessions/{sessionId:guid}/attendance", ActivityManagers, Scope.Record, [HttpStatusCode.NoContent],
            (w, _) => Put($"/api/v1/activities/{w.Activity}/sessions/{w.Session}/attendance", new { personIds = Array.Empty<Guid>() })),
        Api("GET /api/v1/activities/{id:guid}/sessions/{sessionId:guid}/attendance", ActivityReaders, Scope.Record, Ok, (w, _) => Get($"/api/v1/activities/{w.Activity}/sessions/{w.Session}/attendance")),
        // ——— apprenticeship scheme ———
        Api("GET /api/v1/scheme/employers", SchemeReaders, Scope.Collection, Ok, (_, _) => Get("/api/v1/scheme/employers")),
        Api("GET /api/v1/scheme/employers/{id:guid}", SchemeReaders, Scope.Record, Ok, (w, _) => Get($"/api/v1/scheme/employers/{w.Employer}")),
        Api("POST /api/v1/scheme/employers", SchemeManagers, Scope.Open, Invalid, (_, _) => Post("/api/v1/scheme/employers")),
        Api("POST /api/v1/scheme/employers/{id:guid}/mentors", SchemeManagers, Scope.Record, Invalid, (w, _) => Post($"/api/v1/scheme/employers/{w.Employer}/mentors")),
        Api("POST /api/v1/scheme/employers/{id:guid}/positions", SchemeManagers, Scope.Record, Invalid, (w, _) => Post($"/api/v1/scheme/employers/{w.Employer}/positions")),
        Api("POST /api/v1/scheme/employers/{id:guid}/accounts", SchemeManagers, Scope.Record, Invalid, (w, _) => Post($"/api/v1/scheme/employers/{w.Employer}/accounts")),
        Api("GET /api/v1/scheme/applicants", SchemeManagers, Scope.Collection, Ok, (_, _) => Get("/api/v1/scheme/applicants")),
        Api("POST /api/v1/scheme/applicants", SchemeManagers, Scope.Open, Invalid, (_, _) => Post("/api/v1/scheme/applicants")),
        Api("GET /api/v1/scheme/runs", SchemeManagers, Scope.Collection, Ok, (_, _) => Get("/api/v1/scheme/runs")),
        Api("POST /api/v1/scheme/runs", SchemeManagers, Scope.Open, Invalid, (_, _) => Post("/api/v1/scheme/runs")),
        Api("GET /api/v1/scheme/runs/{id:guid}", SchemeManagers, Scope.Record, Ok, (w, _) => Get($"/api/v1/scheme/runs/{w.Run}")),
        Api("POST /api/v1/scheme/runs/{id:guid}/adjustments", SchemeManagers, Scope.Record, Invalid, (w, _) => Post($"/api/v1/scheme/runs/{w.Run}/adjustments", new { action = "pin" })),
        Api("POST /api/v1/scheme/runs/{id:guid}/approve", SchemeManagers, Scope.Record, Done, (w, _) => Post($"/api/v1/scheme/runs/{w.Run}/approve")),
        Api("POST /api/v1/scheme/runs/{id:guid}/discard", SchemeManagers, Scope.Record, Done, (w, _) => Post($"/api/v1/scheme/runs/{w.DiscardRun}/discard")),
        Api("GET /api/v1/projects/", ReportReaders, Scope.Collection, Ok, (_, _) => Get("/api/v1/projects")),
        Api("POST /api/v1/projects/", ProjectManagers, Scope.Open, Invalid, (_, _) => Post("/api/v1/projects")),
        Api("GET /api/v1/projects/{id:guid}", ReportReaders, Scope.Record, Ok, (w, _) => Get($"/api/v1/projects/{w.Project}")),
        Api("GET /api/v1/projects/{id:guid}/indicators", ReportReaders, Scope.Record, Ok, (w, _) => Get($"/api/v1/projects/{w.Project}/indicators")),
        Api("GET /api/v1/projects/{id:guid}/snapshots", ReportReaders, Scope.Record, Ok, (w, _) => Get($"/api/v1/projects/{w.Project}/snapshots")),
        Api("GET /api/v1/projects/{id:guid}/iati.xml", ReportReaders, Scope.Record, Ok, (w, _) => Get($"/api/v1/projects/{w.Project}/iati.xml")),
        Api("GET /api/v1/projects/{id:guid}/report.{format}", ReportReaders, Scope.Record, Ok, (w, _) => Get($"/api/v1/projects/{w.Project}/report.csv")),
        Api("POST /api/v1/projects/{id:guid}/results", ProjectManagers, Scope.Record, Invalid, (w, _) => Post($"/api/v1/projects/{w.Project}/results")),
        Api("POST /api/v1/projects/{id:guid}/indicators", ProjectManagers, Scope.Record, Invalid, (w, _) => Post($"/api/v1/projects/{w.Project}/indicators")),
        Api("PUT /api/v1/projects/{id:guid}/indicators/{indicatorId:guid}/targets", ProjectManagers, Scope.Record, Done, (w, _) => Put($"/api/v1/projects/{w.Project}/indicators/{w.ProjectIndicator}/targets")),
        Api("PUT /api/v1/projects/{id:guid}/indicators/{indicatorId:guid}/values", ValueEnterers, Scope.Record, Invalid, (w, _) => Put($"/api/v1/projects/{w.Project}/indicators/{w.ProjectIndicator}/values")),
        Api("POST /api/v1/projects/{id:guid}/periods/{periodId:guid}/close", ProjectManagers, Scope.Record, Done, (w, _) => Post($"/api/v1/projects/{w.Project}/periods/{w.ProjectPeriod}/close")),
        Api("POST /api/v1/projects/{id:guid}/periods/{periodId:guid}/corrections", ProjectManagers, Scope.Record, Invalid, (w, _) => Post($"/api/v1/projects/{w.Project}/periods/{w.ProjectPeriod}/corrections")),
        Api("GET /api/v1/scheme/lotteries", SchemeManagers, Scope.Collection, Ok, (_, _) => Get("/api/v1/scheme/lotteries")),
        Api("POST /api/v1/scheme/lotteries/preview", SchemeManagers, Scope.Open, Invalid, (_, _) => Post("/api/v1/scheme/lotteries/preview")),
        Api("POST /api/v1/scheme/lotteries", SchemeManagers, Scope.Open, Invalid, (_, _) => Post("/api/v1/scheme/lotteries")),
        Api("GET /api/v1/scheme/lotteries/{id:guid}", SchemeManagers, Scope.Record, Ok, (w, _) => Get($"/api/v1/scheme/lotteries/{w.Lottery}")),
        Api("POST /api/v1/scheme/lotteries/{id:guid}/draw", SchemeManagers, Scope.Record, Done, (w, _) => Post($"/api/v1/scheme/lotteries/{w.Lottery}/draw")),
        Api("POST /api/v1/scheme/lotteries/{id:guid}/carry-over", SchemeManagers, Scope.Record, Invalid, (w, _) => Post($"/api/v1/scheme/lotteries/{w.Lottery}/carry-over")),
        Api("GET /api/v1/scheme/placements", SchemeReaders, Scope.Collection, Ok, (_, _) => Get("/api/v1/scheme/placements")),
        Api("GET /api/v1/scheme/placements/{id:guid}", SchemeReaders, Scope.Record, Ok, (w, _) => Get($"/api/v1/scheme/placements/{w.Placement}")),
        Api("POST /api/v1/scheme/placements/{id:guid}/end", SchemeManagers, Scope.Record, Invalid, (w, _) => Post($"/api/v1/scheme/placements/{w.Placement}/end")),
        Api("POST /api/v1/scheme/placements/{id:guid}/check-ins", CheckInRecorders, Scope.Record, Invalid, (w, _) => Post($"/api/v1/scheme/placements/{w.Placement}/check-ins")),
        Api("POST /api/v1/scheme/subsidies/{id:guid}", SchemeManagers, Scope.Record, Invalid, (w, _) => Post($"/api/v1/scheme/subsidies/{w.Subsidy}")),
        Api("GET /api/v1/scheme/ledger", SchemeReaders, Scope.Collection, Ok, (_, _) => Get("/api/v1/scheme/ledger")),
        Api("GET /api/v1/scheme/follow-ups/due", SchemeManagers, Scope.Collection, Ok, (_, _) => Get("/api/v1/scheme/follow-ups/due")),
        Api("POST /api/v1/scheme/follow-ups/{id:guid}", SchemeManagers, Scope.Record, Invalid, (w, _) => Post($"/api/v1/scheme/follow-ups/{w.FollowUp}")),
        Api("GET /api/v1/scheme/figures", FigureReaders, Scope.Collection, Ok, (_, _) => Get("/api/v1/scheme/figures")),
        Api("GET /api/v1/scheme/apprentices", EmployerAccounts, Scope.Collection, Ok, (_, _) => Get("/api/v1/scheme/apprentices")),
        Api("POST /api/v1/scheme/import/{kind}", SchemeManagers, Scope.Open, Invalid, (_, _) => new Req(HttpMethod.Post, "/api/v1/scheme/import/employers", Form: [])),

        // ——— pages ———
        Pg("PAGE / GET", Everyone, Scope.Open, Ok, (_, _) => PageGet("/")),
        Pg("PAGE /Error GET", Everyone, Scope.Open, Ok, (_, _) => PageGet("/Error")),
        Pg("PAGE /Error POST", Everyone, Scope.Open, Ok, (_, _) => PagePost("/Error")),
        Pg("PAGE /Account/Login GET", Everyone, Scope.Open, Ok, (_, _) => PageGet("/Account/Login")),
        Pg("PAGE /Account/Login POST", Everyone, Scope.Open, Ok, (_, _) => PagePost("/Account/Login")),
        Pg("PAGE /Account/LoginWith2fa GET", Everyone, Scope.Open, [HttpStatusCode.Redirect], (_, _) => PageGet("/Account/LoginWith2fa")),
        Pg("PAGE /Account/LoginWith2fa POST", Everyone, Scope.Open, [HttpStatusCode.Redirect], (_, _) => PagePost("/Account/LoginWith2fa")),
        Pg("PAGE /Account/Logout GET", Everyone, Scope.Open, [HttpStatusCode.Redirect], (_, _) => PageGet("/Account/Logout")),
        Pg("PAGE /Account/Logout POST", Everyone, Scope.Open, [HttpStatusCode.Redirect], (_, _) => PagePost("/Account/Logout")),
        Pg("PAGE /Account/Password GET", Everyone, Scope.Open, Ok, (_, _) => PageGet("/Account/Password")),
        Pg("PAGE /Account/Password POST", Everyone, Scope.Open, Ok, (_, _) => PagePost("/Account/Password")),
        Pg("PAGE /Account/TwoFactor GET", Everyone, Scope.Open, Ok, (_, _) => PageGet("/Account/TwoFactor")),
        Pg("PAGE /Account/TwoFactor POST", Everyone, Scope.Open, Ok, (_, _) => PagePost("/Account/TwoFactor")),
        Pg("PAGE /Hotline/Index GET", LineAnswerers, Scope.Collection, Ok, (_, _) => PageGet("/Hotline")),
        Pg("PAGE /Hotline/Index POST", LineAnswerers, Scope.Open, Ok, (_, _) => PagePost("/Hotline")),
        Pg("PAGE /Hotline/Contact GET", LineAnswerers, Scope.Record, Ok, (w, r) => PageGet($"/Hotline/Contact/{w.Contact[r]}")),
        Pg("PAGE /Hotline/Contact POST Flag", [Supervisor], Scope.Record, Ok, (w, r) => PagePost($"/Hotline/Contact/{w.Contact[r]}?handler=Flag")),
        Pg("PAGE /Hotline/Contact POST Complete", LineAnswerers, Scope.Record, Ok, (w, r) => PagePost($"/Hotline/Contact/{w.Contact[r]}?handler=Complete")),
        // The browser's copy of a form as it is typed: an empty one is refused (400).
        Pg("PAGE /Hotline/Index POST Draft", LineAnswerers, Scope.Open, Invalid, (_, _) => PagePost("/Hotline?handler=Draft")),
        Pg("PAGE /Hotline/Contact POST Draft", LineAnswerers, Scope.Record, Invalid, (w, r) => PagePost($"/Hotline/Contact/{w.OpenContact[r]}?handler=Draft")),
        Pg("PAGE /Hotline/Contact POST Copy", LineAnswerers, Scope.Record, [HttpStatusCode.Conflict], (w, r) => PagePost($"/Hotline/Contact/{w.Contact[r]}?handler=Copy")),
        Pg("PAGE /Hotline/Contact POST OpenCase", CaseOpeners, Scope.Record, Ok, (w, r) => PagePost($"/Hotline/Contact/{w.Contact[r]}?handler=OpenCase")),
        Pg("PAGE /Hotline/Figures GET", HotlineFigureReaders, Scope.Collection, Ok, (_, _) => PageGet("/Hotline/Figures")),
        Pg("PAGE /People/Details POST OpenCase", CaseOpeners, Scope.PersonWrite, Ok, (w, r) => PagePost($"/People/Details/{w.Person[r]}?handler=OpenCase")),
        Pg("PAGE /Cases/Index GET", CaseReaders, Scope.Collection, Ok, (_, _) => PageGet("/Cases?all=true")),
        Pg("PAGE /Cases/Case GET", CaseReaders, Scope.Record, Ok, (w, r) => PageGet($"/Cases/Case/{w.Case[r]}")),
        Pg("PAGE /Cases/Case POST Status", CaseManagers, Scope.Record, Ok, (w, r) => PagePost($"/Cases/Case/{w.Case[r]}?handler=Status")),
        Pg("PAGE /Cases/Case POST Goal", CaseWorkers, Scope.Record, Ok, (w, r) => PagePost($"/Cases/Case/{w.Case[r]}?handler=Goal")),
        Pg("PAGE /Cases/Case POST GoalStatus", CaseWorkers, Scope.Record, Ok, (w, r) => PagePost($"/Cases/Case/{w.Case[r]}?handler=GoalStatus&goalId={Guid.Empty}")),
        Pg("PAGE /Cases/Case POST Service", CaseWorkers, Scope.Record, Ok, (w, r) => PagePost($"/Cases/Case/{w.Case[r]}?handler=Service")),
        Pg("PAGE /Cases/Case POST Task", CaseWorkers, Scope.Record, Ok, (w, r) => PagePost($"/Cases/Case/{w.Case[r]}?handler=Task")),
        Pg("PAGE /Cases/Case POST TaskDone", CaseWorkers, Scope.Record, Ok, (w, r) => PagePost($"/Cases/Case/{w.Case[r]}?handler=TaskDone&taskId={Guid.Empty}")),
        Pg("PAGE /Cases/Case POST Assign", CaseManagers, Scope.Record, Ok, (w, r) => PagePost($"/Cases/Case/{w.Case[r]}?handler=Assign")),
        Pg("PAGE /Cases/Case POST Unassign", CaseManagers, Scope.Record, Ok, (w, r) => PagePost($"/Cases/Case/{w.Case[r]}?handler=Unassign&userId={Guid.Empty}")),
        Pg("PAGE /Cases/Case POST Refer", ReferralSenders, Scope.Record, Ok, (w, r) => PagePost($"/Cases/Case/{w.Case[r]}?handler=Refer")),
        Pg("PAGE /Cases/Case POST Revoke", ReferralSenders, Scope.Record, Ok, (w, r) => PagePost($"/Cases/Case/{w.Case[r]}?handler=Revoke&referralId={w.Outgoing[r]}")),
        Pg("PAGE /Cases/Referrals GET", ReferralSenders, Scope.Collection, Ok, (_, _) => PageGet("/Cases/Referrals")),
        // Answering the same referral twice is a conflict (the second answer after the first).
        Pg("PAGE /Cases/Referrals POST Accept", ReferralAnswerers, Scope.Record, StudyDone, (w, r) => PagePost($"/Cases/Referrals?handler=Accept&referralId={w.Incoming[r]}")),
        Pg("PAGE /Cases/Referrals POST Decline", ReferralAnswerers, Scope.Record, StudyDone, (w, r) => PagePost($"/Cases/Referrals?handler=Decline&referralId={w.Incoming[r]}")),
        Pg("PAGE /Cases/Referrals POST Complete", ReferralAnswerers, Scope.Record, StudyDone, (w, r) => PagePost($"/Cases/Referrals?handler=Complete&referralId={w.Incoming[r]}")),
        Pg("PAGE /Cases/Referrals POST Revoke", ReferralSenders, Scope.Record, StudyDone, (w, r) => PagePost($"/Cases/Referrals?handler=Revoke&referralId={w.Outgoing[r]}")),
        // Opening a case from a referral names the referral when it is not one accepted by the caller's organisation.
        Pg("PAGE /Cases/Referrals POST OpenCase", CaseOpeners, Scope.Open, PageDone, (w, r) => PagePost($"/Cases/Referrals?handler=OpenCase&referralId={w.Incoming[r]}")),
        Pg("PAGE /Cases/Directory GET", Everyone, Scope.Collection, Ok, (_, _) => PageGet("/Cases/Directory")),
        Pg("PAGE /Cases/Directory POST", DirectoryKeepers, Scope.Open, Ok, (_, _) => PagePost("/Cases/Directory")),
        Pg("PAGE /People/Index GET", Readers, Scope.Collection, Ok, (w, r) => PageGet($"/People?q={Uri.EscapeDataString(w.Surname[r])}")),
        Pg("PAGE /People/Create GET", Creators, Scope.Open, Ok, (_, _) => PageGet("/People/Create")),
        Pg("PAGE /People/Create POST", Creators, Scope.Open, Ok, (_, _) => PagePost("/People/Create")),
        Pg("PAGE /People/Details GET", Readers, Scope.PersonRead, Ok, (w, r) => PageGet($"/People/Details/{w.Person[r]}")),
        Pg("PAGE /People/Details POST Consent", ConsentKeepers, Scope.PersonWrite, Ok, (w, r) => PagePost($"/People/Details/{w.Person[r]}?handler=Consent")),
        Pg("PAGE /People/Details POST Withdraw", ConsentKeepers, Scope.PersonWrite, PageDone, (w, r) => PagePost($"/People/Details/{w.Person[r]}?handler=Withdraw&consentId={w.PageConsent[r]}")),
        Pg("PAGE /People/Details POST Merge", Mergers, Scope.PersonWrite, Ok, (w, r) => PagePost($"/People/Details/{w.Person[r]}?handler=Merge")),
        Pg("PAGE /People/Edit GET", Editors, Scope.PersonWrite, Ok, (w, r) => PageGet($"/People/Edit/{w.Person[r]}")),
        Pg("PAGE /People/Edit POST", Editors, Scope.PersonWrite, Ok, (w, r) => PagePost($"/People/Edit/{w.Person[r]}")),
        Pg("PAGE /People/BreakGlass GET", Emergency, Scope.Open, Ok, (_, _) => PageGet("/People/BreakGlass")),
        Pg("PAGE /People/BreakGlass POST", Emergency, Scope.Open, Ok, (_, _) => PagePost("/People/BreakGlass")),
        Pg("PAGE /AuditTrail/Index GET", Auditors, Scope.Collection, Ok, (w, r) => PageGet($"/AuditTrail?entityId={w.Person[r]}")),
        Pg("PAGE /Organisations/Users GET", Admins, Scope.Collection, Ok, (_, _) => PageGet("/Organisations/Users")),
        Pg("PAGE /Organisations/Users POST Create", Admins, Scope.Open, Ok, (_, _) => PagePost("/Organisations/Users?handler=Create")),
        Pg("PAGE /Organisations/Users POST Active", Admins, Scope.Record, PageDone, (w, _) => PagePost($"/Organisations/Users?handler=Active&id={w.User}&active=true")),
        Pg("PAGE /Organisations/Users POST TwoFactor", Admins, Scope.Open, PageDone, (_, _) => PagePost("/Organisations/Users?handler=TwoFactor")),
        Pg("PAGE /Activities/Index GET", ActivityReaders, Scope.Collection, Ok, (_, _) => PageGet("/Activities")),
        Pg("PAGE /Activities/Index POST", ActivityManagers, Scope.Open, Ok, (_, _) => PagePost("/Activities")),
        Pg("PAGE /Activities/Activity GET", ActivityReaders, Scope.Record, Ok, (w, _) => PageGet($"/Activities/Activity/{w.Activity}")),
        Pg("PAGE /Activities/Activity POST Session", ActivityManagers, Scope.Record, Ok, (w, _) => PagePost($"/Activities/Activity/{w.Activity}?handler=Session")),
        Pg("PAGE /Activities/Activity POST Attendance", ActivityManagers, Scope.Record, PageDone, (w, _) => PagePost($"/Activities/Activity/{w.Activity}?handler=Attendance&sessionId={w.Session}")),
        Pg("PAGE /Activities/Volunteers GET", ActivityReaders, Scope.Collection, Ok, (_, _) => PageGet("/Activities/Volunteers")),
        Pg("PAGE /Psychosocial/Index GET", Clinicians, Scope.Collection, Ok, (_, _) => PageGet("/Psychosocial")),
        Pg("PAGE /Psychosocial/Index POST Acknowledge", Clinicians, Scope.Record, Ok, (w, _) => PagePost($"/Psychosocial?handler=Acknowledge&alertId={w.Alert}")),
        Pg("PAGE /Psychosocial/Client GET", Clinicians, Scope.Record, Ok, (w, _) => PageGet($"/Psychosocial/Client/{w.Client}")),
        Pg("PAGE /Psychosocial/Client POST Consultation", [Psychologist], Scope.Record, Ok, (w, _) => PagePost($"/Psychosocial/Client/{w.Client}?handler=Consultation")),
        Pg("PAGE /Psychosocial/Client POST Measurement", [Psychologist], Scope.Record, Ok, (w, _) => PagePost($"/Psychosocial/Client/{w.Client}?handler=Measurement&instrument=who5")),
        Pg("PAGE /Psychosocial/Client POST Acknowledge", Clinicians, Scope.Record, Ok, (w, _) => PagePost($"/Psychosocial/Client/{w.Client}?handler=Acknowledge&alertId={w.Alert}")),
        Pg("PAGE /Psychosocial/Fill GET", [Psychologist], Scope.Record, Ok, (w, _) => PageGet($"/Psychosocial/Fill/{w.Client}?instrument=gad7&language=kk")),
        Pg("PAGE /Psychosocial/Fill POST", [Psychologist], Scope.Record, Ok, (w, _) => PagePost($"/Psychosocial/Fill/{w.Client}?instrument=gad7")),
        Pg("PAGE /Psychosocial/Figures GET", SupportFigureReaders, Scope.Collection, Ok, (_, _) => PageGet("/Psychosocial/Figures")),
        Pg("PAGE /Psychosocial/Surveys GET", SurveyReaders, Scope.Collection, Ok, (_, _) => PageGet("/Psychosocial/Surveys")),
        Pg("PAGE /Psychosocial/Surveys GET Export", SurveyReaders, Scope.Record, Ok, (w, _) => PageGet($"/Psychosocial/Surveys?handler=Export&id={w.Survey}")),
        Pg("PAGE /Psychosocial/Surveys POST Import", SurveyKeepers, Scope.Open, Ok, (_, _) => PagePost("/Psychosocial/Surveys?handler=Import")),
        Pg("PAGE /Psychosocial/Survey GET", SurveyTakers, Scope.Record, Ok, (w, _) => PageGet($"/Psychosocial/Survey/{w.Survey}?personId={w.Client}")),
        Pg("PAGE /Psychosocial/Survey POST", SurveyTakers, Scope.Record, Ok, (w, _) => PagePost($"/Psychosocial/Survey/{w.Survey}?personId={w.Client}")),
        Pg("PAGE /Evaluation/Index GET", Evaluators, Scope.Collection, Ok, (_, _) => PageGet("/Evaluation")),
        Pg("PAGE /Evaluation/Create GET", Evaluators, Scope.Open, Ok, (_, _) => PageGet("/Evaluation/Create")),
        Pg("PAGE /Evaluation/Create POST", Evaluators, Scope.Open, Ok, (_, _) => PagePost("/Evaluation/Create")),
        Pg("PAGE /Evaluation/Study GET", Evaluators, Scope.Record, Ok, (w, _) => PageGet($"/Evaluation/Study/{w.Study}")),
        Pg("PAGE /Evaluation/Study POST Lock", Evaluators, Scope.Record, StudyDone, (w, _) => PagePost($"/Evaluation/Study/{w.Study}?handler=Lock")),
        Pg("PAGE /Evaluation/Study POST Run", Evaluators, Scope.Record, StudyDone, (w, _) => PagePost($"/Evaluation/Study/{w.Study}?handler=Run")),
        Pg("PAGE /Evaluation/Study POST Amend", Evaluators, Scope.Record, StudyDone, (w, _) => PagePost($"/Evaluation/Study/{w.Study}?handler=Amend")),
        Pg("PAGE /Evaluation/Export GET", Evaluators, Scope.Record, [HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.Redirect, HttpStatusCode.ServiceUnavailable],
            (w, _) => PageGet($"/Evaluation/Export/{w.Study}?format=csv")),
        Pg("PAGE /Scheme/Index GET", FigureReaders, Scope.Collection, Ok, (_, _) => PageGet("/Scheme")),
        Pg("PAGE /Scheme/Employers GET", SchemeReaders, Scope.Collection, Ok, (_, _) => PageGet("/Scheme/Employers")),
        Pg("PAGE /Scheme/Employers POST", SchemeManagers, Scope.Open, Ok, (_, _) => PagePost("/Scheme/Employers")),
        Pg("PAGE /Scheme/Employer GET", SchemeReaders, Scope.Record, Ok, (w, _) => PageGet($"/Scheme/Employer/{w.Employer}")),
        Pg("PAGE /Scheme/Employer POST Position", SchemeManagers, Scope.Record, Ok, (w, _) => PagePost($"/Scheme/Employer/{w.Employer}?handler=Position")),
        Pg("PAGE /Scheme/Employer POST Mentor", SchemeManagers, Scope.Record, Ok, (w, _) => PagePost($"/Scheme/Employer/{w.Employer}?handler=Mentor")),
        Pg("PAGE /Scheme/Employer POST Account", SchemeManagers, Scope.Record, Ok, (w, _) => PagePost($"/Scheme/Employer/{w.Employer}?handler=Account")),
        Pg("PAGE /Scheme/Applicants GET", SchemeManagers, Scope.Collection, Ok, (_, _) => PageGet("/Scheme/Applicants")),
        Pg("PAGE /Scheme/Applicants POST", SchemeManagers, Scope.Open, Ok, (_, _) => PagePost("/Scheme/Applicants")),
        Pg("PAGE /Scheme/Runs GET", SchemeManagers, Scope.Collection, Ok, (_, _) => PageGet("/Scheme/Runs")),
        Pg("PAGE /Scheme/Runs POST", SchemeManagers, Scope.Open, Ok, (_, _) => PagePost("/Scheme/Runs")),
        Pg("PAGE /Scheme/Run GET", SchemeManagers, Scope.Record, Ok, (w, _) => PageGet($"/Scheme/Run/{w.Run}")),
        Pg("PAGE /Scheme/Run POST Adjust", SchemeManagers, Scope.Record, PageDone, (w, _) => PagePost($"/Scheme/Run/{w.Run}?handler=Adjust&action=pin")),
        Pg("PAGE /Scheme/Run POST Approve", SchemeManagers, Scope.Record, PageDone, (w, _) => PagePost($"/Scheme/Run/{w.Run}?handler=Approve")),
        Pg("PAGE /Scheme/Run POST Discard", SchemeManagers, Scope.Record, PageDone, (w, _) => PagePost($"/Scheme/Run/{w.DiscardRun}?handler=Discard")),
        Pg("PAGE /Reports/Index GET", ReportReaders, Scope.Collection, Ok, (_, _) => PageGet("/Reports")),
        Pg("PAGE /Reports/Index POST Create", ProjectManagers, Scope.Open, Ok, (_, _) => PagePost("/Reports?handler=Create")),
        Pg("PAGE /Reports/Project GET", ReportReaders, Scope.Record, Ok, (w, _) => PageGet($"/Reports/Project/{w.Project}")),
        Pg("PAGE /Reports/Project POST Close", ProjectManagers, Scope.Record, StudyDone, (w, _) => PagePost($"/Reports/Project/{w.Project}?handler=Close", new() { ["periodId"] = w.ProjectPeriod.ToString() })),
        Pg("PAGE /Reports/Project POST Correct", ProjectManagers, Scope.Record, PageDone, (w, _) => PagePost($"/Reports/Project/{w.Project}?handler=Correct", new() { ["periodId"] = w.ProjectPeriod.ToString() })),
        Pg("PAGE /Reports/Project POST Value", ValueEnterers, Scope.Record, Ok, (w, _) => PagePost($"/Reports/Project/{w.Project}?handler=Value", new() { ["indicatorId"] = w.ProjectIndicator.ToString() })),
        Pg("PAGE /Reports/Edit GET", ProjectManagers, Scope.Record, Ok, (w, _) => PageGet($"/Reports/Edit/{w.Project}")),
        Pg("PAGE /Reports/Edit POST Result", ProjectManagers, Scope.Record, Ok, (w, _) => PagePost($"/Reports/Edit/{w.Project}?handler=Result")),
        Pg("PAGE /Reports/Edit POST Indicator", ProjectManagers, Scope.Record, Ok, (w, _) => PagePost($"/Reports/Edit/{w.Project}?handler=Indicator")),
        Pg("PAGE /Reports/Edit POST Targets", ProjectManagers, Scope.Record, PageDone, (w, _) => PagePost($"/Reports/Edit/{w.Project}?handler=Targets", new() { ["indicatorId"] = w.ProjectIndicator.ToString() })),
        Pg("PAGE /Reports/Export GET", ReportReaders, Scope.Record, Ok, (w, _) => PageGet($"/Reports/Export/{w.Project}?format=csv")),
        Pg("PAGE /Scheme/Lotteries GET", SchemeManagers, Scope.Collection, Ok, (_, _) => PageGet("/Scheme/Lotteries")),
        Pg("PAGE /Scheme/Lotteries POST Preview", SchemeManagers, Scope.Open, Ok, (_, _) => PagePost("/Scheme/Lotteries?handler=Preview")),
        Pg("PAGE /Scheme/Lotteries POST Lock", SchemeManagers, Scope.Open, Ok, (_, _) => PagePost("/Scheme/Lotteries?handler=Lock")),
        Pg("PAGE /Scheme/Lottery GET", SchemeManagers, Scope.Record, Ok, (w, _) => PageGet($"/Scheme/Lottery/{w.Lottery}")),
        Pg("PAGE /Scheme/Lottery POST Draw", SchemeManagers, Scope.Record, PageDone, (w, _) => PagePost($"/Scheme/Lottery/{w.Lottery}?handler=Draw")),
        Pg("PAGE /Scheme/Lottery POST CarryOver", SchemeManagers, Scope.Record, Ok, (w, _) => PagePost($"/Scheme/Lottery/{w.Lottery}?handler=CarryOver")),
        Pg("PAGE /Scheme/Placements GET", SchemeReaders, Scope.Collection, Ok, (_, _) => PageGet("/Scheme/Placements")),
        Pg("PAGE /Scheme/Placement GET", SchemeReaders, Scope.Record, Ok, (w, _) => PageGet($"/Scheme/Placement/{w.Placement}")),
        Pg("PAGE /Scheme/Placement POST End", SchemeManagers, Scope.Record, Ok, (w, _) => PagePost($"/Scheme/Placement/{w.Placement}?handler=End")),
        Pg("PAGE /Scheme/Placement POST CheckIn", CheckInRecorders.Except([Roles.Employer]).ToArray(), Scope.Record, Ok, (w, _) => PagePost($"/Scheme/Placement/{w.Placement}?handler=CheckIn")),
        Pg("PAGE /Scheme/Placement POST Subsidy", SchemeManagers, Scope.Record, Ok, (w, _) => PagePost($"/Scheme/Placement/{w.Placement}?handler=Subsidy&paymentId={w.Subsidy}")),
        Pg("PAGE /Scheme/Placement POST FollowUp", SchemeManagers, Scope.Record, Ok, (w, _) => PagePost($"/Scheme/Placement/{w.Placement}?handler=FollowUp&followUpId={w.FollowUp}")),
        Pg("PAGE /Scheme/FollowUp GET", SchemeManagers, Scope.Record, Ok, (w, _) => PageGet($"/Scheme/FollowUp/{w.FollowUp}")),
        Pg("PAGE /Scheme/FollowUp POST", SchemeManagers, Scope.Record, Ok, (w, _) => PagePost($"/Scheme/FollowUp/{w.FollowUp}")),
        Pg("PAGE /Scheme/Import GET", SchemeManagers, Scope.Open, Ok, (_, _) => PageGet("/Scheme/Import")),
        Pg("PAGE /Scheme/Import POST Preview", SchemeManagers, Scope.Open, Ok, (_, _) => PagePost("/Scheme/Import?handler=Preview")),
        Pg("PAGE /Scheme/Import POST Commit", SchemeManagers, Scope.Open, Ok, (_, _) => PagePost("/Scheme/Import?handler=Commit")),
        Pg("PAGE /Scheme/Apprentices GET", EmployerAccounts, Scope.Collection, Ok, (_, _) => PageGet("/Scheme/Apprentices")),
        Pg("PAGE /Scheme/Apprentices POST CheckIn", EmployerAccounts, Scope.Record, Ok, (w, _) => PagePost($"/Scheme/Apprentices?handler=CheckIn&placementId={w.Placement}")),
    ];
}
