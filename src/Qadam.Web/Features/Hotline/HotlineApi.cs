using Microsoft.AspNetCore.Http.HttpResults;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Hotline;

public static class HotlineApi
{
    public sealed record ContactCategoryDto(string Code, string? Parent, string NameKk, string NameRu, string NameEn);

    public static RouteGroupBuilder MapHotlineApi(this RouteGroupBuilder api)
    {
        api.MapGet("/contact-categories", Categories).WithTags("Hotline").RequireAuthorization(Permissions.Policy(Permission.ReferenceRead));
        return api;
    }

    /// <summary>The contact taxonomy (reference data, no case content): top categories and their subcategories, kk/ru/en.</summary>
    private static Ok<List<ContactCategoryDto>> Categories() =>
        TypedResults.Ok(ContactCategories.All.Select(c => new ContactCategoryDto(c.Code, c.Parent, c.Kk, c.Ru, c.En)).ToList());
}
