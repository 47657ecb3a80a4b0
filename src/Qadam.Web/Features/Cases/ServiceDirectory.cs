using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Features.Hotline;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Cases;

public sealed record ServiceOfferingInput(string? Type, string? RegionCode, string? Description);

public sealed record ServiceOfferingDto(Guid Id, Guid OrganisationId, string Organisation, string Type, string RegionCode, string? Description);

/// <summary>The service directory: which organisation offers what, in which region (reference data, no case content).</summary>
public sealed class ServiceDirectory(QadamDbContext db, AuditLog audit, Access access)
{
    public async Task<List<ServiceOfferingDto>> ListAsync(CurrentUser user, string? regionCode, string? type, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ReferenceRead);
        var q = db.ServiceOfferings.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(regionCode)) q = q.Where(o => o.RegionCode == regionCode);
        if (ContactNames.Parse<CaseServiceType>(type) is { } t) q = q.Where(o => o.Type == t);
        return await (from o in q
                      join org in db.Organisations on o.OrganisationId equals org.Id
                      orderby o.RegionCode, org.Name, o.Type
                      select new { o, org.Name }).Take(500)
            .Select(x => new ServiceOfferingDto(x.o.Id, x.o.OrganisationId, x.Name, ContactNames.Of(x.o.Type), x.o.RegionCode, x.o.Description))
            .ToListAsync(ct);
    }

    /// <summary>Adds what the caller's own organisation offers.</summary>
    public async Task<(ServiceOffering? Created, FieldErrors Errors)> AddAsync(ServiceOfferingInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.DirectoryManage);
        var errors = new FieldErrors();
        var type = Choice<CaseServiceType>(input.Type, "type", true, errors, "Validation.ServiceType");
        var region = Text(input.RegionCode, "regionCode", 8, true, errors);
        if (region is not null && !await db.Regions.AnyAsync(r => r.Code == region, ct)) errors.Add("regionCode", "Validation.Region");
        var description = Text(input.Description, "description", 500, false, errors);
        if (errors.Any) return (null, errors);
        var offering = new ServiceOffering { OrganisationId = user.OrganisationId, Type = type!.Value, RegionCode = region!, Description = description };
        db.ServiceOfferings.Add(offering);
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.ServiceOffering_Added, nameof(ServiceOffering), offering.Id.ToString(), new { type = ContactNames.Of(offering.Type), region })], ct);
        return (offering, errors);
    }
}
