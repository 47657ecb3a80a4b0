using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Activities;

public static class ActivitiesApi
{
    public static RouteGroupBuilder MapActivitiesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/activities").WithTags("Activities");
        var read = Permissions.Policy(Permission.ActivitiesRead);
        var manage = Permissions.Policy(Permission.ActivitiesManage);
        g.MapGet("/", async (ManageActivities m, CurrentUser u, CancellationToken ct) => TypedResults.Ok(await m.ListAsync(u, ct))).RequireAuthorization(read);
        g.MapGet("/{id:guid}", async Task<Results<Ok<ActivityDto>, NotFound>> (Guid id, ManageActivities m, CurrentUser u, CancellationToken ct) =>
            await m.GetAsync(id, u, ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound()).RequireAuthorization(read);
        g.MapPost("/", async Task<Results<Created<ActivityDto>, ValidationProblem>> (ActivityInput input, ManageActivities m, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (activity, errors) = await m.CreateAsync(input, u, ct);
            return activity is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Created($"/api/v1/activities/{activity.Id}", activity);
        }).RequireAuthorization(manage);
        g.MapPost("/{id:guid}/sessions", async Task<Results<Created<SessionDto>, NotFound, ValidationProblem>> (Guid id, SessionInput input, ManageActivities m, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (found, session, errors) = await m.AddSessionAsync(id, input, u, ct);
            if (!found) return TypedResults.NotFound();
            return session is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Created($"/api/v1/activities/{id}/sessions/{session.Id}", session);
        }).RequireAuthorization(manage);
        g.MapPut("/{id:guid}/sessions/{sessionId:guid}/attendance", async Task<Results<NoContent, NotFound, ValidationProblem>> (Guid id, Guid sessionId, AttendanceInput input, ManageActivities m, CurrentUser u, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var (found, errors) = await m.RecordAttendanceAsync(id, sessionId, input, u, ct);
            if (!found) return TypedResults.NotFound();
            return errors.Any ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.NoContent();
        }).RequireAuthorization(manage);
        g.MapGet("/{id:guid}/sessions/{sessionId:guid}/attendance", async Task<Results<Ok<AttendanceDto>, NotFound>> (Guid id, Guid sessionId, ManageActivities m, CurrentUser u, CancellationToken ct) =>
            await m.AttendanceAsync(id, sessionId, u, ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound()).RequireAuthorization(read);
        api.MapGroup("/volunteers").WithTags("Activities").MapGet("/", async (Volunteers v, CurrentUser u, CancellationToken ct) => TypedResults.Ok(await v.ListAsync(u, ct))).RequireAuthorization(read);
        return api;
    }
}
