using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Organisations;

public static class ReferenceApi
{
    public sealed record LocalityDto(int Id, string NameKk, string NameRu, string NameEn);
    public sealed record RegionDto(string Code, string Kind, string NameKk, string NameRu, string NameEn, IReadOnlyList<LocalityDto> Localities);
    public sealed record OrganisationDto(Guid Id, string Name, string Kind, string? RegionCode);

    public static RouteGroupBuilder MapReferenceApi(this RouteGroupBuilder api)
    {
        api.MapGet("/regions", RegionsAsync).WithTags("Reference").RequireAuthorization(Permissions.Policy(Permission.ReferenceRead));
        api.MapGet("/organisations", OrganisationsAsync).WithTags("Reference").RequireAuthorization(Permissions.Policy(Permission.ReferenceRead));
        return api;
    }

    private static async Task<Ok<List<RegionDto>>> RegionsAsync(QadamDbContext db, CancellationToken ct)
    {
        var regions = await db.Regions.AsNoTracking().Include(r => r.Localities).OrderBy(r => r.Code).ToListAsync(ct);
        return TypedResults.Ok(regions.Select(r => new RegionDto(r.Code, r.Kind == Domain.RegionKind.Oblast ? "oblast" : "city", r.NameKk, r.NameRu, r.NameEn,
            r.Localities.OrderBy(l => l.Id).Select(l => new LocalityDto(l.Id, l.NameKk, l.NameRu, l.NameEn)).ToList())).ToList());
    }

    /// <summary>Names of organisations (needed to choose whom to share with). No case content.</summary>
    private static async Task<Ok<List<OrganisationDto>>> OrganisationsAsync(QadamDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new OrganisationDto(o.Id, o.Name, o.Kind.ToString(), o.RegionCode)).ToListAsync(ct));
}
