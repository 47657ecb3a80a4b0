using Microsoft.AspNetCore.Http.HttpResults;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.AuditTrail;

public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).WithTags("Audit").RequireAuthorization(Permissions.Policy(Permission.AuditRead));
        return api;
    }

    private static async Task<Ok<QueryAudit.Result>> ListAsync(string? entityId, string? action, Guid? userId,
        DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, QadamDbContext db, CurrentUser user, AuditLog audit, CancellationToken ct)
    {
        var result = await QueryAudit.HandleAsync(new QueryAudit.Query(entityId, action, userId, from, to, page ?? 1, pageSize ?? 50), db, user, ct);
        await audit.RecordAsync(user.Actor, AuditAction.Audit_Viewed, null, null, new { filtered = entityId is not null || action is not null || userId is not null }, ct);
        return TypedResults.Ok(result);
    }
}
