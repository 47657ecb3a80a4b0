using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.People;

public static class PeopleApi
{
    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People");
        people.MapGet("/", SearchAsync).RequireAuthorization(Permissions.Policy(Permission.PeopleSearch));
        people.MapPost("/", CreateAsync).RequireAuthorization(Permissions.Policy(Permission.PeopleCreate));
        people.MapPost("/duplicate-check", DuplicateCheckAsync).RequireAuthorization(Permissions.Policy(Permission.PeopleCreate));
        people.MapGet("/follow-up", FollowUpAsync).RequireAuthorization(Permissions.Policy(Permission.PeopleRead));
        people.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Permissions.Policy(Permission.PeopleRead));
        people.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Permissions.Policy(Permission.PeopleUpdate));
        people.MapPost("/{id:guid}/merge", MergeAsync).RequireAuthorization(Permissions.Policy(Permission.PeopleMerge));
        people.MapGet("/{id:guid}/consents", ConsentsAsync).RequireAuthorization(Permissions.Policy(Permission.PeopleRead));
        people.MapPost("/{id:guid}/consents", GiveConsentAsync).RequireAuthorization(Permissions.Policy(Permission.ConsentManage));
        people.MapPost("/{id:guid}/consents/{consentId:guid}/withdraw", WithdrawConsentAsync).RequireAuthorization(Permissions.Policy(Permission.ConsentManage));
        api.MapPost("/break-glass", BreakGlassAsync).WithTags("People").RequireAuthorization(Permissions.Policy(Permission.BreakGlass));
        return api;
    }

    /// <param name="Total">Matches of a search up to 1,000 (<paramref name="TotalCapped"/> when more); null for the plain list.</param>
    /// <param name="Next">Pass as <c>after</c> for the next page; null on the last.</param>
    public sealed record SearchResponse(IReadOnlyList<PersonSummary> Items, int? Total, bool TotalCapped, int PageSize, string? Next);
    public sealed record MergeRequest(Guid? MergedId, string? Reason);
    public sealed record BreakGlassRequest(Guid? PersonId, string? Iin, string? Reason);
    public sealed record BreakGlassResponse(Guid PersonId, DateTimeOffset ExpiresAt);

    private static async Task<Ok<SearchResponse>> SearchAsync(string? query, string? after, int? pageSize,
        SearchPeople.Handler handler, CurrentUser user, CancellationToken ct)
    {
        var q = new SearchPeople.Query(query, after, pageSize ?? 25);
        var result = await handler.HandleAsync(q, user, ct);
        return TypedResults.Ok(new SearchResponse(result.Items, result.Total, result.TotalCapped, Math.Clamp(q.PageSize, 1, 100), result.Next));
    }

    private static async Task<Results<Created<PersonDto>, ValidationProblem, Conflict<ProblemDetails>>> CreateAsync(
        PersonInput input, bool? allowDuplicates, CreatePerson.Handler handler, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new CreatePerson.Command(input, allowDuplicates == true), user, ct);
        if (result.Errors.Any) return TypedResults.ValidationProblem(result.Errors.Localise(l));
        if (result.Duplicates.Count > 0)
            return TypedResults.Conflict(new ProblemDetails
            {
                Status = 409, Title = l["People.DuplicatesFound"],
                Detail = "Likely duplicates exist. Review them; repeat with ?allowDuplicates=true if this is a different person.",
                Extensions = { ["code"] = "people.likely_duplicates", ["duplicates"] = result.Duplicates },
            });
        var person = result.Created!;
        return TypedResults.Created($"/api/v1/people/{person.Id}", PersonDto.From(person));
    }

    private static async Task<Results<Ok<IReadOnlyList<DuplicateCandidate>>, ValidationProblem>> DuplicateCheckAsync(
        PersonInput input, FindDuplicates.Handler handler, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var (candidates, errors) = await handler.HandleAsync(input, user, ct);
        return candidates is null ? TypedResults.ValidationProblem(errors.Localise(l)) : TypedResults.Ok(candidates);
    }

    private static async Task<Results<Ok<PersonDto>, NotFound>> GetAsync(Guid id, GetPerson.Handler handler, CurrentUser user, CancellationToken ct) =>
        await handler.HandleAsync(id, user, "api", ct) is { } found ? TypedResults.Ok(PersonDto.From(found.Person)) : TypedResults.NotFound();

    private static async Task<Results<Ok<PersonDto>, NotFound, ValidationProblem>> UpdateAsync(
        Guid id, PersonInput input, UpdatePerson.Handler handler, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new UpdatePerson.Command(id, input), user, ct);
        if (!result.Found) return TypedResults.NotFound();
        if (result.Errors.Any) return TypedResults.ValidationProblem(result.Errors.Localise(l));
        return TypedResults.Ok(PersonDto.From(result.Updated!));
    }

    private static async Task<Results<Ok<PersonDto>, NotFound, ValidationProblem>> MergeAsync(
        Guid id, MergeRequest request, MergePeople.Handler handler, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new MergePeople.Command(id, request.MergedId, request.Reason), user, ct);
        if (!result.Found) return TypedResults.NotFound();
        if (result.Errors.Any) return TypedResults.ValidationProblem(result.Errors.Localise(l));
        return TypedResults.Ok(PersonDto.From(result.Survivor!));
    }

    private static async Task<Results<Ok<List<ConsentDto>>, NotFound>> ConsentsAsync(Guid id, ListConsents.Handler handler, CurrentUser user, CancellationToken ct) =>
        await handler.HandleAsync(id, user, ct) is { } consents ? TypedResults.Ok(consents.Select(ConsentDto.From).ToList()) : TypedResults.NotFound();

    private static async Task<Results<Created<ConsentDto>, NotFound, ValidationProblem>> GiveConsentAsync(
        Guid id, ConsentInput input, GiveConsent.Handler handler, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, input, user, ct);
        if (!result.Found) return TypedResults.NotFound();
        if (result.Errors.Any) return TypedResults.ValidationProblem(result.Errors.Localise(l));
        return TypedResults.Created($"/api/v1/people/{id}/consents/{result.Created!.Id}", ConsentDto.From(result.Created));
    }

    private static async Task<Results<Ok<ConsentDto>, NotFound>> WithdrawConsentAsync(
        Guid id, Guid consentId, WithdrawConsent.Handler handler, CurrentUser user, CancellationToken ct) =>
        await handler.HandleAsync(id, consentId, user, ct) is { } c ? TypedResults.Ok(ConsentDto.From(c)) : TypedResults.NotFound();

    private static async Task<Ok<List<PersonSummary>>> FollowUpAsync(FollowUpList.Handler handler, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok((await handler.HandleAsync(user, ct)).Select(PersonSummary.From).ToList());

    private static async Task<Results<Ok<BreakGlassResponse>, ValidationProblem>> BreakGlassAsync(
        BreakGlassRequest request, OpenBreakGlass.Handler handler, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new OpenBreakGlass.Command(request.PersonId, request.Iin, request.Reason), user, ct);
        if (result.Grant is null) return TypedResults.ValidationProblem(result.Errors.Localise(l));
        return TypedResults.Ok(new BreakGlassResponse(result.Grant.PersonId, result.Grant.ExpiresAt));
    }
}
