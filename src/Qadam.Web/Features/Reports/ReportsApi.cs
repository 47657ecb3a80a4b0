using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Reports;

public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/projects").WithTags("Projects and reports");
        var read = Permissions.Policy(Permission.ReportsRead);
        var manage = Permissions.Policy(Permission.ProjectsManage);
        var enter = Permissions.Policy(Permission.IndicatorValuesEnter);

        g.MapGet("", async (ProjectReports r, CurrentUser u, CancellationToken ct) => TypedResults.Ok(await r.ListAsync(u, ct))).RequireAuthorization(read);
        g.MapPost("", async Task<Results<Created<ProjectSummaryDto>, ValidationProblem>> (ProjectInput input, ProjectReports r, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (p, errors) = await r.CreateAsync(input, u, ct);
            return p is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Created($"/api/v1/projects/{p.Id}", p);
        }).RequireAuthorization(manage);
        // The report: live through today, or through a period (a closed one exactly as frozen).
        g.MapGet("/{id:guid}", async Task<Results<Ok<ProjectReportDto>, NotFound>> (Guid id, Guid? period, ProjectReports r, CurrentUser u, CancellationToken ct) =>
            await r.ReportAsync(id, period, u, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound()).RequireAuthorization(read);
        // The indicator values per period (the same figures as the report, without the project's details).
        g.MapGet("/{id:guid}/indicators", async Task<Results<Ok<List<IndicatorReportDto>>, NotFound>> (Guid id, Guid? period, ProjectReports r, CurrentUser u, CancellationToken ct) =>
            await r.ReportAsync(id, period, u, ct) is { } report ? TypedResults.Ok(report.Indicators.ToList()) : TypedResults.NotFound()).RequireAuthorization(read);
        g.MapGet("/{id:guid}/snapshots", async Task<Results<Ok<List<SnapshotDto>>, NotFound>> (Guid id, ProjectReports r, CurrentUser u, CancellationToken ct) =>
            await r.SnapshotsAsync(id, u, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound()).RequireAuthorization(read);
        g.MapGet("/{id:guid}/iati.xml", async Task<Results<FileContentHttpResult, NotFound>> (Guid id, Guid? period, ProjectReports r, CurrentUser u, CancellationToken ct) =>
            await r.ExportAsync(id, period, "iati", null, false, u, ct) is { } f ? TypedResults.File(f.Content, f.ContentType, f.FileName) : TypedResults.NotFound()).RequireAuthorization(read);
        g.MapGet("/{id:guid}/report.{format}", async Task<Results<FileContentHttpResult, NotFound>> (Guid id, string format, Guid? period, string? table, bool? hxl, ProjectReports r, CurrentUser u, CancellationToken ct) =>
            format is "csv" or "xlsx" or "pdf" && await r.ExportAsync(id, period, format, table, hxl ?? false, u, ct) is { } f
                ? TypedResults.File(f.Content, f.ContentType, f.FileName) : TypedResults.NotFound()).RequireAuthorization(read);

        g.MapPost("/{id:guid}/results", async Task<Results<Created<IdDto>, NotFound, ValidationProblem>> (Guid id, ResultInput input, ProjectReports r, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (found, created, errors) = await r.AddResultAsync(id, input, u, ct);
            if (!found) return TypedResults.NotFound();
            return created is { } c ? TypedResults.Created($"/api/v1/projects/{id}", new IdDto(c)) : TypedResults.ValidationProblem(errors.Localise(l));
        }).RequireAuthorization(manage);
        g.MapPost("/{id:guid}/indicators", async Task<Results<Created<IdDto>, NotFound, ValidationProblem>> (Guid id, IndicatorInput input, ProjectReports r, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (found, created, errors) = await r.AddIndicatorAsync(id, input, u, ct);
            if (!found) return TypedResults.NotFound();
            return created is { } c ? TypedResults.Created($"/api/v1/projects/{id}", new IdDto(c)) : TypedResults.ValidationProblem(errors.Localise(l));
        }).RequireAuthorization(manage);
        g.MapPut("/{id:guid}/indicators/{indicatorId:guid}/targets", async Task<Results<NoContent, NotFound, ValidationProblem>> (Guid id, Guid indicatorId, TargetsInput input, ProjectReports r, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (found, errors) = await r.SetTargetsAsync(id, indicatorId, input, u, ct);
            if (!found) return TypedResults.NotFound();
            return errors.Any ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.NoContent();
        }).RequireAuthorization(manage);
        g.MapPut("/{id:guid}/indicators/{indicatorId:guid}/values", async Task<Results<NoContent, NotFound, ValidationProblem>> (Guid id, Guid indicatorId, ValueInput input, ProjectReports r, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (found, errors) = await r.EnterValueAsync(id, indicatorId, input, u, ct);
            if (!found) return TypedResults.NotFound();
            return errors.Any ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.NoContent();
        }).RequireAuthorization(enter);
        g.MapPost("/{id:guid}/periods/{periodId:guid}/close", async Task<Results<Ok<SnapshotDto>, NotFound>> (Guid id, Guid periodId, ProjectReports r, CurrentUser u, CancellationToken ct) =>
            await r.CloseAsync(id, periodId, u, ct) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound()).RequireAuthorization(manage);
        g.MapPost("/{id:guid}/periods/{periodId:guid}/corrections", async Task<Results<Ok<SnapshotDto>, NotFound, ValidationProblem>> (Guid id, Guid periodId, CorrectionInput input, ProjectReports r, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (snapshot, found, errors) = await r.CorrectAsync(id, periodId, input, u, ct);
            if (!found) return TypedResults.NotFound();
            return snapshot is { } s ? TypedResults.Ok(s) : TypedResults.ValidationProblem(errors.Localise(l));
        }).RequireAuthorization(manage);
        return g;
    }
}

public sealed record IdDto(Guid Id);
