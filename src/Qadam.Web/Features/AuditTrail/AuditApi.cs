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

    private static async Task<Ok<QueryAudit.Result>> ListAsync(string? person, string? entityId, string? action, Guid? userId,
        DateTimeOffset? from, DateTimeOffset? to, long? before, int? pageSize, QueryAudit.Handler handler, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(new QueryAudit.Query(person, entityId, action, userId, from, to, before, pageSize ?? 50), user, "api", ct));
}
