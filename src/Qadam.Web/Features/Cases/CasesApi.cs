using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Cases;

public static class CasesApi
{
    public sealed record CreatedId(Guid Id);

    public static RouteGroupBuilder MapCasesApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapPost("/", OpenAsync).RequireAuthorization(Permissions.Policy(Permission.CasesOpen));
        cases.MapGet("/", ListAsync).RequireAuthorization(Permissions.Policy(Permission.CasesRead));
        cases.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Permissions.Policy(Permission.CasesRead));
        cases.MapPost("/{id:guid}/status", (Guid id, CaseStatusInput input, CaseWork work, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Done(work.ChangeStatusAsync(id, input, user, ct), l)).RequireAuthorization(Permissions.Policy(Permission.CasesManage));
        cases.MapPost("/{id:guid}/goals", (Guid id, CaseGoalInput input, CaseWork work, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Done(work.AddGoalAsync(id, input, user, ct), l)).RequireAuthorization(Permissions.Policy(Permission.CasesWork));
        cases.MapPut("/{id:guid}/goals/{goalId:guid}", (Guid id, Guid goalId, CaseGoalInput input, CaseWork work, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Done(work.SetGoalAsync(id, goalId, input, user, ct), l)).RequireAuthorization(Permissions.Policy(Permission.CasesWork));
        cases.MapPost("/{id:guid}/services", (Guid id, CaseServiceInput input, CaseWork work, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Done(work.AddServiceAsync(id, input, user, ct), l)).RequireAuthorization(Permissions.Policy(Permission.CasesWork));
        cases.MapPost("/{id:guid}/tasks", (Guid id, CaseTaskInput input, CaseWork work, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Done(work.AddTaskAsync(id, input, user, ct), l)).RequireAuthorization(Permissions.Policy(Permission.CasesWork));
        cases.MapPost("/{id:guid}/tasks/{taskId:guid}/done", (Guid id, Guid taskId, CaseWork work, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Done(work.CompleteTaskAsync(id, taskId, user, ct), l)).RequireAuthorization(Permissions.Policy(Permission.CasesWork));
        cases.MapPost("/{id:guid}/workers", (Guid id, CaseWorkerInput input, CaseWork work, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Done(work.AssignAsync(id, input, user, ct), l)).RequireAuthorization(Permissions.Policy(Permission.CasesManage));
        cases.MapDelete("/{id:guid}/workers/{userId:guid}", (Guid id, Guid userId, CaseWork work, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Done(work.UnassignAsync(id, userId, user, ct), l)).RequireAuthorization(Permissions.Policy(Permission.CasesManage));

        foreach (var (path, kind) in new[] { ("/referrals", ReferralKind.Referral), ("/transfers", ReferralKind.Transfer) })
        {
            var g = api.MapGroup(path).WithTags("Referrals");
            g.MapPost("/", (ReferralInput input, Referrals referrals, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                SendAsync(kind, input, referrals, user, l, ct)).RequireAuthorization(Permissions.Policy(Permission.ReferralsSend));
            g.MapGet("/", async (string? direction, Referrals referrals, CurrentUser user, CancellationToken ct) =>
                TypedResults.Ok(await referrals.ListAsync(kind, direction, user, ct))).RequireAuthorization(Permissions.Policy(Permission.ReferralsRead));
            g.MapGet("/{id:guid}", async Task<Results<Ok<ReferralDto>, NotFound>> (Guid id, Referrals referrals, CurrentUser user, CancellationToken ct) =>
                await referrals.GetAsync(kind, id, user, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound())
                .RequireAuthorization(Permissions.Policy(Permission.ReferralsRead));
            g.MapPost("/{id:guid}/accept", (Guid id, Referrals referrals, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                Answer(referrals.AcceptAsync(kind, id, user, ct), l)).RequireAuthorization(Permissions.Policy(Permission.ReferralsAnswer));
            g.MapPost("/{id:guid}/decline", (Guid id, ReferralReasonInput input, Referrals referrals, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                Answer(referrals.DeclineAsync(kind, id, input, user, ct), l)).RequireAuthorization(Permissions.Policy(Permission.ReferralsAnswer));
            g.MapPost("/{id:guid}/complete", (Guid id, Referrals referrals, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                Answer(referrals.CompleteAsync(kind, id, user, ct), l)).RequireAuthorization(Permissions.Policy(Permission.ReferralsAnswer));
            g.MapPost("/{id:guid}/revoke", (Guid id, ReferralReasonInput input, Referrals referrals, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                Answer(referrals.RevokeAsync(kind, id, input, user, ct), l)).RequireAuthorization(Permissions.Policy(Permission.ReferralsSend));
        }

        var services = api.MapGroup("/services").WithTags("Cases");
        services.MapGet("/", async (string? regionCode, string? type, ServiceDirectory directory, CurrentUser user, CancellationToken ct) =>
            TypedResults.Ok(await directory.ListAsync(user, regionCode, type, ct))).RequireAuthorization(Permissions.Policy(Permission.ReferenceRead));
        services.MapPost("/", async Task<IResult> (ServiceOfferingInput input, ServiceDirectory directory, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var (created, errors) = await directory.AddAsync(input, user, ct);
                return created is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Created($"/api/v1/services/{created.Id}", new CreatedId(created.Id));
            })
            .RequireAuthorization(Permissions.Policy(Permission.DirectoryManage));
        return api;
    }

    private static async Task<Results<Created<CaseDto>, ValidationProblem>> OpenAsync(OpenCaseInput input, OpenCase.Handler open, GetCase.Handler get,
        CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var result = await open.HandleAsync(input, user, ct);
        if (result.Case is not { } c) return TypedResults.ValidationProblem(result.Errors.Localise(l));
        return TypedResults.Created($"/api/v1/cases/{c.Id}", (await get.HandleAsync(c.Id, user, ct))!);
    }

    private static async Task<Ok<List<CaseRow>>> ListAsync(bool? mine, string? status, ListCases.Handler handler, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(user, mine == true, status, ct));

    private static async Task<Results<Ok<CaseDto>, NotFound>> GetAsync(Guid id, GetCase.Handler handler, CurrentUser user, CancellationToken ct) =>
        await handler.HandleAsync(id, user, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();

    /// <summary>200 with the created child's id (or none), 404 out of scope, 400 naming the fields.</summary>
    private static async Task<IResult> Done(Task<CaseWork.Result> work, IStringLocalizer<SharedResource> l)
    {
        var r = await work;
        if (!r.Found) return TypedResults.NotFound();
        return r.Errors.Any ? TypedResults.ValidationProblem(r.Errors.Localise(l)) : TypedResults.Ok(new { id = r.Created });
    }

    private static async Task<IResult> SendAsync(ReferralKind kind, ReferralInput input, Referrals referrals, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var r = await referrals.SendAsync(kind, input, user, ct);
        if (r.MissingConsents is { } missing)
            return TypedResults.Problem(statusCode: 422, title: MissingConsentText(l, missing, r.ToOrganisation!),
                extensions: new Dictionary<string, object?> { ["code"] = "consent_missing", ["missingConsents"] = missing });
        if (r.Referral is not { } referral) return TypedResults.ValidationProblem(r.Errors.Localise(l));
        var path = kind == ReferralKind.Transfer ? "transfers" : "referrals";
        return TypedResults.Created($"/api/v1/{path}/{referral.Id}", await referrals.GetAsync(kind, referral.Id, user, ct));
    }

    /// <summary>"The person has not given consent to: services; sharing with Kostanai …" in the user's language.</summary>
    public static string MissingConsentText(IStringLocalizer l, IEnumerable<string> missing, string organisation) =>
        l["Referral.ConsentMissing", string.Join("; ", missing.Select(m => m == "services" ? l["Referral.ConsentServices"].Value : l["Referral.ConsentSharing", organisation].Value))];

    private static async Task<IResult> Answer(Task<Referrals.Result> answer, IStringLocalizer<SharedResource> l)
    {
        var r = await answer;
        if (!r.Found) return TypedResults.NotFound();
        return r.Errors.Any ? TypedResults.ValidationProblem(r.Errors.Localise(l)) : TypedResults.Ok(new { id = r.Referral!.Id, status = Hotline.ContactNames.Of(r.Referral.Status) });
    }
}
