using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Hotline;

public static class HotlineApi
{
    public sealed record ContactCategoryDto(string Code, string? Parent, string NameKk, string NameRu, string NameEn);

    public static RouteGroupBuilder MapHotlineApi(this RouteGroupBuilder api)
    {
        api.MapGet("/contact-categories", Categories).WithTags("Hotline").RequireAuthorization(Permissions.Policy(Permission.ReferenceRead));
        var contacts = api.MapGroup("/contacts").WithTags("Hotline");
        contacts.MapPost("/", RecordAsync).RequireAuthorization(Permissions.Policy(Permission.ContactSkeletons));
        contacts.MapGet("/", ListAsync).RequireAuthorization(Permissions.Policy(Permission.ContactsRead));
        contacts.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Permissions.Policy(Permission.ContactsRead));
        contacts.MapPut("/{id:guid}", CompleteAsync).RequireAuthorization(Permissions.Policy(Permission.ContactsRecord));
        contacts.MapPost("/{id:guid}/caller-flag", FlagAsync).RequireAuthorization(Permissions.Policy(Permission.CallersFlag));
        contacts.MapPost("/{id:guid}/parties/{party}/link", async Task<IResult> (Guid id, string party, LinkPartyInput input, LinkParty.Handler handler, CurrentUser user,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            await handler.HandleAsync(id, party, input, user, ct) is var r && !r.Found ? TypedResults.NotFound()
                : r.Errors.Any ? TypedResults.ValidationProblem(r.Errors.Localise(l)) : TypedResults.NoContent())
            .RequireAuthorization(Permissions.Policy(Permission.ContactsRecord));
        contacts.MapPost("/{id:guid}/copy-parties", async Task<IResult> (Guid id, CopyParties.Handler handler, CurrentUser user, CancellationToken ct) =>
            await handler.HandleAsync(id, user, ct) switch
            {
                null => TypedResults.NotFound(),
                false => TypedResults.Problem(statusCode: 409, title: "There is no earlier contact from this caller to copy from.", extensions: new Dictionary<string, object?> { ["code"] = "no_earlier_contact" }),
                true => TypedResults.NoContent(),
            }).RequireAuthorization(Permissions.Policy(Permission.ContactsRecord));
        api.MapGet("/hotline/figures", async (string? from, string? to, HotlineFigures figures, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            await figures.ComputeAsync(user, from, to, ct) is var (result, errors) && result is not null ? Results.Ok(result) : TypedResults.ValidationProblem(errors.Localise(l)))
            .WithTags("Hotline").RequireAuthorization(Permissions.Policy(Permission.HotlineFigures));
        return api;
    }

    /// <summary>201 with the new contact; 200 with the existing one when the call id is already known (telephony retries).</summary>
    /// <remarks>The telephony account gets back only the contact's id, status and call id (a retry never reveals what the operator wrote).</remarks>
    private static async Task<IResult> RecordAsync(ContactInput input, RecordContact.Handler handler,
        CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var result = await handler.HandleAsync(input, user, ct);
        if (result.Contact is not { } contact) return TypedResults.ValidationProblem(result.Errors.Localise(l));
        object dto = user.Can(Permission.ContactsRecord) ? ContactDto.From(contact, null) : new SkeletonDto(contact.Id, ContactNames.Of(contact.Status), contact.CallId);
        return result.Existing ? TypedResults.Ok(dto) : TypedResults.Created($"/api/v1/contacts/{contact.Id}", dto);
    }

    public sealed record SkeletonDto(Guid Id, string Status, string? CallId);

    /// <summary>Completes an open contact (e.g. a telephony skeleton); 409 for one already completed.</summary>
    private static async Task<Results<Ok<ContactDto>, NotFound, ValidationProblem>> CompleteAsync(Guid id, ContactInput input, CompleteContact.Handler handler,
        CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, input, user, ct);
        if (!result.Found) return TypedResults.NotFound();
        return result.Contact is { } c ? TypedResults.Ok(ContactDto.From(c, null)) : TypedResults.ValidationProblem(result.Errors.Localise(l));
    }

    private static async Task<Results<Created<CallerFlagDto>, NotFound, ValidationProblem>> FlagAsync(Guid id, CallerFlagInput input, FlagCaller.Handler handler,
        CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, input, user, ct);
        if (!result.Found) return TypedResults.NotFound();
        return result.Flag is { } f
            ? TypedResults.Created($"/api/v1/contacts/{id}", new CallerFlagDto(f.Reason, FieldRules.Iso(f.ExpiresOn)))
            : TypedResults.ValidationProblem(result.Errors.Localise(l));
    }

    private static async Task<Ok<List<ListContacts.Row>>> ListAsync(ListContacts.Handler handler, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(user, ct));

    private static async Task<Results<Ok<ContactDto>, NotFound>> GetAsync(Guid id, GetContact.Handler handler, CurrentUser user, CancellationToken ct) =>
        await handler.HandleAsync(id, user, ct) is { } contact ? TypedResults.Ok(contact) : TypedResults.NotFound();

    /// <summary>The contact taxonomy (reference data, no case content): top categories and their subcategories, kk/ru/en.</summary>
    private static Ok<List<ContactCategoryDto>> Categories() =>
        TypedResults.Ok(ContactCategories.All.Select(c => new ContactCategoryDto(c.Code, c.Parent, c.Kk, c.Ru, c.En)).ToList());
}
