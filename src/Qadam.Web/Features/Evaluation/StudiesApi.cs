using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Evaluation;

public static class StudiesApi
{
    public sealed record CreateStudyRequest(string? Title, string? Question, string? OutcomeSource, string? Treatment, string? Outcome, string? Covariates,
        string? Method, string? Estimand, string? Baseline, double? Caliper, int? Ratio, int? Bootstrap, int? Seed, string? Cluster, string? Csv, string? FileName)
    {
        public StudyInput Input => new(Title, Question, OutcomeSource, Treatment, Outcome, Covariates, Method, Estimand, Baseline, Caliper, Ratio, Bootstrap, Seed, Cluster);
    }

    public sealed record AmendStudyRequest(string? Title, string? Question, string? Treatment, string? Outcome, string? Covariates, string? Method,
        string? Estimand, string? Baseline, double? Caliper, int? Ratio, int? Bootstrap, int? Seed, string? Cluster, string? Reason)
    {
        public StudyInput Input => new(Title, Question, null, Treatment, Outcome, Covariates, Method, Estimand, Baseline, Caliper, Ratio, Bootstrap, Seed, Cluster);
    }

    public sealed record StudySummaryDto(Guid Id, string Title, string Status, int Progress, DateTimeOffset CreatedAt, DateTimeOffset? LockedAt);

    public static RouteGroupBuilder MapStudiesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/evaluation/studies").WithTags("Evaluation").RequireAuthorization(Permissions.Policy(Permission.EvaluationManage));
        g.MapGet("/", async (ManageStudies m, CurrentUser u, CancellationToken ct) => TypedResults.Ok(await m.Visible(u).OrderByDescending(s => s.CreatedAt)
            .Select(s => new StudySummaryDto(s.Id, s.Title, s.Status.ToString().ToLowerInvariant(), s.Progress, s.CreatedAt, s.LockedAt)).ToListAsync(ct)));
        g.MapPost("/", CreateAsync);
        g.MapGet("/{id:guid}", async Task<Results<Ok<StudyDto>, NotFound>> (Guid id, ManageStudies m, CurrentUser u, CancellationToken ct) =>
            await m.Visible(u).AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } s ? TypedResults.Ok(StudyDto.From(s)) : TypedResults.NotFound());
        g.MapPut("/{id:guid}", AmendAsync);
        g.MapPost("/{id:guid}/lock", async Task<Results<Ok<StudyDto>, NotFound>> (Guid id, ManageStudies m, CurrentUser u, CancellationToken ct) =>
            await m.LockAsync(id, u, ct) is { } s ? TypedResults.Ok(StudyDto.From(s)) : TypedResults.NotFound());
        g.MapPost("/{id:guid}/run", async Task<Results<Accepted<StudyDto>, NotFound>> (Guid id, ManageStudies m, CurrentUser u, CancellationToken ct) =>
            await m.RunAsync(id, u, ct) is { } s ? TypedResults.Accepted($"/api/v1/evaluation/studies/{id}", StudyDto.From(s)) : TypedResults.NotFound());
        g.MapGet("/{id:guid}/export.csv", ExportCsvAsync);
        g.MapGet("/{id:guid}/export.pdf", async Task<Results<FileContentHttpResult, NotFound>> (Guid id, ManageStudies m, CurrentUser u, Platform.Pdf.ReportFont font,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            await m.ExportPdfAsync(id, u, font, l, ct) is { } pdf ? TypedResults.File(pdf, "application/pdf", $"study-{id:N}.pdf") : TypedResults.NotFound());
        return api;
    }

    private static async Task<Results<Created<StudyDto>, ValidationProblem>> CreateAsync(CreateStudyRequest request, ManageStudies m, CurrentUser u,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var (study, errors) = await m.CreateAsync(request.Input, request.Csv, request.FileName, u, ct);
        return study is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Created($"/api/v1/evaluation/studies/{study.Id}", StudyDto.From(study));
    }

    private static async Task<Results<Ok<StudyDto>, NotFound, ValidationProblem>> AmendAsync(Guid id, AmendStudyRequest request, ManageStudies m, CurrentUser u,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var (study, errors) = await m.AmendAsync(id, request.Input, request.Reason, u, ct);
        if (study is null) return TypedResults.NotFound();
        return errors.Any ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Ok(StudyDto.From(study));
    }

    private static async Task<Results<FileContentHttpResult, NotFound, Conflict<string>>> ExportCsvAsync(Guid id, ManageStudies m, CurrentUser u, CancellationToken ct) =>
        await m.ExportCsvAsync(id, u, ct) switch
        {
            null => TypedResults.NotFound(),
            { Length: 0 } => TypedResults.Conflict("The study has no result yet."),
            var csv => TypedResults.File(csv, "text/csv; charset=utf-8", $"study-{id:N}.csv"),
        };
}
