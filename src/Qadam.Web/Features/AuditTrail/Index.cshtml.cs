using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.AuditTrail;

[Authorize(Policy = "perm:AuditRead")]
public sealed class IndexModel(QadamDbContext db, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public QueryAudit.Result Result { get; private set; } = new([], 0, 1, 50);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = CurrentUser.Require(HttpContext);
        DateTimeOffset? from = From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        DateTimeOffset? to = To is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        Result = await QueryAudit.HandleAsync(new QueryAudit.Query(EntityId, Action, null, from, to, PageNumber, 50), db, user, ct);
        await audit.RecordAsync(user.Actor, AuditAction.Audit_Viewed, null, null, new { channel = "web" }, ct);
    }
}
