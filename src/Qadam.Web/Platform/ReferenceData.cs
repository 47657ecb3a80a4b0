using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;

namespace Qadam.Web.Platform;

/// <summary>Reference data every installation has (regions, localities, roles): inserted when missing.</summary>
public static class ReferenceData
{
    public static async Task EnsureAsync(QadamDbContext db, CancellationToken ct)
    {
        var haveRegions = await db.Regions.Select(r => r.Code).ToListAsync(ct);
        var haveLocalities = (await db.Localities.Select(l => l.Id).ToListAsync(ct)).ToHashSet();
        foreach (var region in RegionSeed.Regions())
        {
            if (!haveRegions.Contains(region.Code))
                db.Regions.Add(new Region { Code = region.Code, Kind = region.Kind, NameKk = region.NameKk, NameRu = region.NameRu, NameEn = region.NameEn });
            db.Localities.AddRange(region.Localities.Where(l => !haveLocalities.Contains(l.Id)));
        }
        // Localities stored before coordinates were added get them (distances for matching).
        foreach (var l in RegionSeed.Regions().SelectMany(r => r.Localities).Where(l => haveLocalities.Contains(l.Id)))
            await db.Localities.Where(x => x.Id == l.Id && x.Latitude == 0 && x.Longitude == 0)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Latitude, l.Latitude).SetProperty(x => x.Longitude, l.Longitude), ct);
        var haveRoles = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in Roles.All.Where(r => !haveRoles.Contains(r)))
            db.Roles.Add(new AppRole(role) { NormalizedName = role.ToUpperInvariant() });
        await db.SaveChangesAsync(ct);
    }
}
