using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Psychosocial;

/// <summary>Consultations, clinical notes, measurements, safety alerts, caseload, figures, surveys and instrument texts (issue #10).</summary>
public static class PsychosocialApi
{
    public static RouteGroupBuilder MapPsychosocialApi(this RouteGroupBuilder api)
    {
        static string P(Permission p) => Permissions.Policy(p);

        var c = api.MapGroup("/consultations").WithTags("Psychosocial");
        c.MapPost("/", async Task<Results<Created<ConsultationDto>, ValidationProblem>> (ConsultationInput input, Consultations m, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var r = await m.RecordAsync(input, u, ct);
            if (r.Consultation is null) return TypedResults.ValidationProblem(r.Errors.Localise(l));
            return TypedResults.Created($"/api/v1/consultations/{r.Consultation.Id}", (await m.GetAsync(r.Consultation.Id, u, ct))!);
        }).RequireAuthorization(P(Permission.ConsultationsRecord));
        c.MapGet("/", async Task<Results<Ok<List<ConsultationDto>>, NotFound>> ([FromQuery] Guid personId, Consultations m, CurrentUser u, CancellationToken ct) =>
            await m.ForClientAsync(personId, u, ct) is { } found ? TypedResults.Ok(found.Consultations) : TypedResults.NotFound()).RequireAuthorization(P(Permission.ConsultationsRead));
        c.MapGet("/{id:guid}", async Task<Results<Ok<ConsultationDto>, NotFound>> (Guid id, Consultations m, CurrentUser u, CancellationToken ct) =>
            await m.GetAsync(id, u, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound()).RequireAuthorization(P(Permission.ConsultationsRead));
        c.MapGet("/{id:guid}/note", async Task<Results<Ok<NoteDto>, NotFound>> (Guid id, Consultations m, CurrentUser u, CancellationToken ct) =>
            await m.ReadNoteAsync(id, u, ct) is { } note ? TypedResults.Ok(note) : TypedResults.NotFound()).RequireAuthorization(P(Permission.ClinicalNotesRead));

        var ms = api.MapGroup("/measurements").WithTags("Psychosocial");
        ms.MapPost("/", async Task<Results<Created<MeasurementDto>, ValidationProblem>> (MeasurementInput input, Consultations m, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var r = await m.AdministerAsync(input, u, ct);
            return r.Measurement is null ? TypedResults.ValidationProblem(r.Errors.Localise(l)) : TypedResults.Created($"/api/v1/measurements/{r.Measurement.Id}", Consultations.ToDto(r.Measurement));
        }).RequireAuthorization(P(Permission.MeasurementsRecord));
        ms.MapGet("/", async Task<Results<Ok<List<MeasurementDto>>, NotFound>> ([FromQuery] Guid personId, Consultations m, CurrentUser u, CancellationToken ct) =>
            await m.ForClientAsync(personId, u, ct) is { } found ? TypedResults.Ok(found.Measurements) : TypedResults.NotFound()).RequireAuthorization(P(Permission.ConsultationsRead));

        var a = api.MapGroup("/safety-alerts").WithTags("Psychosocial");
        a.MapGet("/", async ([FromQuery] bool? open, [FromQuery] Guid? personId, SafetyAlerts m, CurrentUser u, CancellationToken ct) =>
            TypedResults.Ok(await m.ListAsync(u, open ?? true, personId, ct))).RequireAuthorization(P(Permission.SafetyAlerts));
        a.MapPost("/{id:guid}/acknowledge", async Task<Results<NoContent, NotFound, ValidationProblem>> (Guid id, AcknowledgeInput input, SafetyAlerts m, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (found, errors) = await m.AcknowledgeAsync(id, input, u, ct);
            if (!found) return TypedResults.NotFound();
            return errors.Any ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.NoContent();
        }).RequireAuthorization(P(Permission.SafetyAlerts));

        var p = api.MapGroup("/psychosocial").WithTags("Psychosocial");
        p.MapGet("/caseload", async ([FromQuery] Guid? psychologistId, Caseload m, CurrentUser u, CancellationToken ct) => TypedResults.Ok(await m.ForAsync(u, psychologistId, ct)))
            .RequireAuthorization(P(Permission.ConsultationsRead));
        p.MapGet("/figures", async Task<Results<Ok<PsychosocialFiguresDto>, ValidationProblem>> ([FromQuery] string? from, [FromQuery] string? to, PsychosocialFigures m, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (figures, errors) = await m.ComputeAsync(u, from, to, ct);
            return figures is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Ok(figures);
        }).RequireAuthorization(P(Permission.PsychosocialFigures));

        var s = api.MapGroup("/surveys").WithTags("Psychosocial");
        s.MapGet("/", async (Surveys m, CurrentUser u, CancellationToken ct) => TypedResults.Ok(await m.ListAsync(u, ct))).RequireAuthorization(P(Permission.SurveysRead));
        s.MapPost("/import", async Task<Results<Created<SurveyDto>, ValidationProblem>> (IFormFile? file, Surveys m, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var content = Array.Empty<byte>();
            if (file is not null)
            {
                using var ms = new MemoryStream();
                await file.CopyToAsync(ms, ct);
                content = ms.ToArray();
            }
            var (survey, errors) = await m.ImportAsync(file?.FileName ?? "", content, u, ct);
            return survey is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Created($"/api/v1/surveys/{survey.Id}", survey);
        }).RequireAuthorization(P(Permission.SurveysManage)).DisableAntiforgery();
        s.MapGet("/{id:guid}", async Task<Results<Ok<SurveyForm>, NotFound>> (Guid id, [FromQuery] int? version, Surveys m, CurrentUser u, CancellationToken ct) =>
            await m.GetAsync(id, version, u, ct) is { } found ? TypedResults.Ok(found.Form with { Version = found.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }) : TypedResults.NotFound())
            .RequireAuthorization(P(Permission.SurveysRead));
        s.MapGet("/{id:guid}/export.xlsx", async Task<Results<FileContentHttpResult, NotFound>> (Guid id, [FromQuery] int? version, Surveys m, CurrentUser u, CancellationToken ct) =>
            await m.ExportAsync(id, version, u, ct) is { } file
                ? TypedResults.File(file.Content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.FileName)
                : TypedResults.NotFound()).RequireAuthorization(P(Permission.SurveysRead));
        s.MapPost("/{id:guid}/responses", async Task<Results<Created<ResponseCreated>, NotFound, ValidationProblem>> (Guid id, SurveyResponseInput input, Surveys m, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (found, responseId, errors) = await m.RespondAsync(id, input, u, ct);
            if (!found) return TypedResults.NotFound();
            return responseId is { } rid ? TypedResults.Created($"/api/v1/surveys/{id}/responses/{rid}", new ResponseCreated(rid)) : TypedResults.ValidationProblem(errors.Localise(l));
        }).RequireAuthorization(P(Permission.SurveyResponsesRecord));

        var i = api.MapGroup("/instruments").WithTags("Psychosocial");
        i.MapGet("/{code}/items", async Task<Results<Ok<InstrumentText>, NotFound>> (string code, [FromQuery] string? language, InstrumentTexts m, CurrentUser u, CancellationToken ct) =>
            await m.GetAsync(code, language, u, ct) is { } text ? TypedResults.Ok(text) : TypedResults.NotFound()).RequireAuthorization(P(Permission.ReferenceRead));
        i.MapPut("/{code}/translations/{language}", async Task<Results<NoContent, NotFound, ValidationProblem>> (string code, string language, TranslationInput input, InstrumentTexts m, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (found, errors) = await m.LoadAsync(code, language, input, u, ct);
            if (!found) return TypedResults.NotFound();
            return errors.Any ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.NoContent();
        }).RequireAuthorization(P(Permission.TranslationsManage));
        return api;
    }
}

public sealed record ResponseCreated(Guid Id);
