using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Scheme;

public sealed record AdjustInput(string? Action, Guid? Applicant, Guid? Position, Guid? Other);

public static class SchemeApi
{
    public static RouteGroupBuilder MapSchemeApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/scheme").WithTags("Apprenticeship scheme");
        var read = Permissions.Policy(Permission.SchemeRead);
        var manage = Permissions.Policy(Permission.SchemeManage);

        g.MapGet("/employers", async (string? region, SchemeRegistry r, CurrentUser u, CancellationToken ct) => TypedResults.Ok(await r.ListEmployersAsync(u, region, ct))).RequireAuthorization(read);
        g.MapGet("/employers/{id:guid}", async Task<Results<Ok<EmployerDto>, NotFound>> (Guid id, SchemeRegistry r, CurrentUser u, CancellationToken ct) =>
            await r.GetEmployerAsync(id, u, ct) is { } e ? TypedResults.Ok(e) : TypedResults.NotFound()).RequireAuthorization(read);
        g.MapPost("/employers", async Task<Results<Created<EmployerDto>, ValidationProblem>> (EmployerInput input, SchemeRegistry r, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (e, errors) = await r.CreateEmployerAsync(input, u, ct);
            return e is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Created($"/api/v1/scheme/employers/{e.Id}", e);
        }).RequireAuthorization(manage);
        g.MapPost("/employers/{id:guid}/mentors", async Task<Results<Created<MentorDto>, NotFound, ValidationProblem>> (Guid id, MentorInput input, SchemeRegistry r, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (found, m, errors) = await r.AddMentorAsync(id, input, u, ct);
            if (!found) return TypedResults.NotFound();
            return m is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Created($"/api/v1/scheme/employers/{id}", m);
        }).RequireAuthorization(manage);
        g.MapPost("/employers/{id:guid}/positions", async Task<Results<Created<PositionDto>, NotFound, ValidationProblem>> (Guid id, PositionInput input, SchemeRegistry r, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (found, p, errors) = await r.AddPositionAsync(id, input, u, ct);
            if (!found) return TypedResults.NotFound();
            return p is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Created($"/api/v1/scheme/employers/{id}", p);
        }).RequireAuthorization(manage);
        g.MapPost("/employers/{id:guid}/accounts", async Task<Results<Created<EmployerAccountDto>, NotFound, ValidationProblem>> (Guid id, EmployerAccountInput input, EmployerAccounts a, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (found, account, errors) = await a.CreateAsync(id, input, u, ct);
            if (!found) return TypedResults.NotFound();
            return account is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Created($"/api/v1/scheme/employers/{id}", account);
        }).RequireAuthorization(manage);

        g.MapGet("/applicants", async (string? region, string? cohort, string? after, int? pageSize, SchemeRegistry r, CurrentUser u, CancellationToken ct) =>
            TypedResults.Ok(await r.ListApplicantsAsync(u, region, cohort, after, pageSize, ct))).RequireAuthorization(manage);
        g.MapPost("/applicants", async Task<Results<Created<ApplicantDto>, ValidationProblem>> (ApplicantInput input, SchemeRegistry r, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (a, errors) = await r.CreateApplicantAsync(input, u, ct);
            return a is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Created($"/api/v1/scheme/applicants/{a.Id}", a);
        }).RequireAuthorization(manage);

        g.MapGet("/runs", async (string? after, int? pageSize, MatchRuns r, CurrentUser u, CancellationToken ct) => TypedResults.Ok(await r.ListAsync(u, after, pageSize, ct))).RequireAuthorization(manage);
        g.MapPost("/runs", async Task<Results<Created<MatchRunDto>, ValidationProblem>> (MatchRunInput input, MatchRuns r, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (run, errors) = await r.CreateAsync(input, u, ct);
            return run is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Created($"/api/v1/scheme/runs/{run.Id}", run);
        }).RequireAuthorization(manage);
        g.MapGet("/runs/{id:guid}", async Task<Results<Ok<MatchRunDto>, NotFound>> (Guid id, MatchRuns r, CurrentUser u, CancellationToken ct) =>
            await r.GetAsync(id, u, ct) is { } run ? TypedResults.Ok(run) : TypedResults.NotFound()).RequireAuthorization(manage);
        g.MapPost("/runs/{id:guid}/adjustments", async Task<Results<Accepted, NotFound, ValidationProblem>> (Guid id, AdjustInput input, MatchRuns r, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (found, errors) = await r.AdjustAsync(id, input.Action?.Trim().ToLowerInvariant() ?? "", input.Applicant, input.Position, input.Other, u, ct);
            if (!found) return TypedResults.NotFound();
            return errors.Any ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Accepted($"/api/v1/scheme/runs/{id}");
        }).RequireAuthorization(manage);
        g.MapPost("/runs/{id:guid}/approve", async Task<Results<Ok<ApprovalDto>, NotFound>> (Guid id, MatchRuns r, CurrentUser u, CancellationToken ct) =>
        {
            var (found, placed) = await r.ApproveAsync(id, u, ct);
            return found ? TypedResults.Ok(new ApprovalDto(placed)) : TypedResults.NotFound();
        }).RequireAuthorization(manage);
        g.MapPost("/runs/{id:guid}/discard", async Task<Results<NoContent, NotFound>> (Guid id, MatchRuns r, CurrentUser u, CancellationToken ct) =>
            await r.DiscardAsync(id, u, ct) ? TypedResults.NoContent() : TypedResults.NotFound()).RequireAuthorization(manage);

        g.MapGet("/lotteries", async (Lotteries r, CurrentUser u, CancellationToken ct) => TypedResults.Ok(await r.ListAsync(u, ct))).RequireAuthorization(manage);
        g.MapPost("/lotteries/preview", async Task<Results<Ok<LotteryPreview>, ValidationProblem>> (LotteryInput input, Lotteries r, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (preview, errors) = await r.PreviewAsync(input, u, ct);
            return preview is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Ok(preview);
        }).RequireAuthorization(manage);
        g.MapPost("/lotteries", async Task<Results<Created<LotteryDto>, ValidationProblem>> (LotteryInput input, Lotteries r, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (lottery, errors) = await r.LockAsync(input, u, ct);
            return lottery is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Created($"/api/v1/scheme/lotteries/{lottery.Id}", lottery);
        }).RequireAuthorization(manage);
        g.MapGet("/lotteries/{id:guid}", async Task<Results<Ok<LotteryDto>, NotFound>> (Guid id, Lotteries r, CurrentUser u, CancellationToken ct) =>
            await r.GetAsync(id, u, ct) is { } lottery ? TypedResults.Ok(lottery) : TypedResults.NotFound()).RequireAuthorization(manage);
        g.MapPost("/lotteries/{id:guid}/draw", async Task<Results<Ok<LotteryDto>, NotFound>> (Guid id, Lotteries r, CurrentUser u, CancellationToken ct) =>
            await r.DrawAsync(id, u, ct) is { } lottery ? TypedResults.Ok(lottery) : TypedResults.NotFound()).RequireAuthorization(manage);
        g.MapPost("/lotteries/{id:guid}/carry-over", async Task<Results<Ok<CarryOverDto>, NotFound, ValidationProblem>> (Guid id, CarryOverInput input, Lotteries r, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (found, moved, errors) = await r.CarryOverAsync(id, input.Cohort, u, ct);
            if (!found) return TypedResults.NotFound();
            return errors.Any ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Ok(new CarryOverDto(moved));
        }).RequireAuthorization(manage);

        g.MapGet("/placements", async (string? status, Guid? employerId, string? after, int? pageSize, PlacementService p, CurrentUser u, CancellationToken ct) =>
            TypedResults.Ok(await p.ListAsync(u, status, employerId, after, pageSize, ct))).RequireAuthorization(read);
        g.MapGet("/placements/{id:guid}", async Task<Results<Ok<PlacementDto>, NotFound>> (Guid id, PlacementService p, CurrentUser u, CancellationToken ct) =>
            await p.GetAsync(id, u, ct) is { } x ? TypedResults.Ok(x) : TypedResults.NotFound()).RequireAuthorization(read);
        g.MapPost("/placements/{id:guid}/end", async Task<Results<NoContent, NotFound, ValidationProblem>> (Guid id, PlacementEndInput input, PlacementService p, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Done(await p.EndAsync(id, input, u, ct), l)).RequireAuthorization(manage);
        g.MapPost("/placements/{id:guid}/check-ins", async Task<Results<NoContent, NotFound, ValidationProblem>> (Guid id, CheckInInput input, PlacementService p, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Done(await p.CheckInAsync(id, input, u, ct), l)).RequireAuthorization(Permissions.Policy(Permission.CheckInRecord));
        g.MapPost("/subsidies/{id:guid}", async Task<Results<NoContent, NotFound, ValidationProblem>> (Guid id, SubsidyInput input, PlacementService p, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Done(await p.SubsidyAsync(id, input, u, ct), l)).RequireAuthorization(manage);
        g.MapGet("/ledger", async (PlacementService p, CurrentUser u, CancellationToken ct) => TypedResults.Ok(await p.LedgerAsync(u, ct))).RequireAuthorization(read);
        g.MapGet("/follow-ups/due", async (PlacementService p, CurrentUser u, CancellationToken ct) => TypedResults.Ok(await p.DueFollowUpsAsync(u, ct))).RequireAuthorization(manage);
        g.MapPost("/follow-ups/{id:guid}", async Task<Results<NoContent, NotFound, ValidationProblem>> (Guid id, FollowUpInput input, PlacementService p, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Done(await p.RecordFollowUpAsync(id, input, u, ct), l)).RequireAuthorization(manage);
        g.MapGet("/figures", async (SchemeFigures f, CurrentUser u, CancellationToken ct) => TypedResults.Ok(await f.ComputeAsync(u, ct))).RequireAuthorization(Permissions.Policy(Permission.SchemeFigures));
        g.MapGet("/apprentices", async (PlacementService p, CurrentUser u, CancellationToken ct) => TypedResults.Ok(await p.ApprenticesAsync(u, ct))).RequireAuthorization(Permissions.Policy(Permission.ApprenticesOwn));

        g.MapPost("/import/{kind}", async Task<Results<Ok<ImportReport>, UnprocessableEntity<ImportReport>, ProblemHttpResult>> (string kind, bool? commit, IFormFile file, SchemeImport import, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms, ct);
            try
            {
                var report = await import.RunAsync(kind, file.FileName, ms.ToArray(), commit == true, u, ct);
                return commit == true && !report.Committed ? TypedResults.UnprocessableEntity(report) : TypedResults.Ok(report);
            }
            catch (ImportFormatException e) { return TypedResults.Problem(statusCode: 400, title: e.Localise(l), extensions: new Dictionary<string, object?> { ["field"] = "file", ["code"] = "import." + e.Code }); }
        }).RequireAuthorization(manage).DisableAntiforgery();
        return api;
    }

    private static Results<NoContent, NotFound, ValidationProblem> Done((bool Found, FieldErrors Errors) r, IStringLocalizer l) =>
        !r.Found ? TypedResults.NotFound() : r.Errors.Any ? TypedResults.ValidationProblem(r.Errors.Localise(l)) : TypedResults.NoContent();
}

public sealed record ApprovalDto(int Placements);
public sealed record CarryOverInput(string? Cohort);
public sealed record CarryOverDto(int Moved);
