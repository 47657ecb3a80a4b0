using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.AuditTrail;

public sealed class IndexModel(QueryAudit.Handler query, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Person { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }
    public QueryAudit.Result Result { get; private set; } = new([], 0, false, null, 50, new Dictionary<Guid, string>(), new Dictionary<Guid, string>(), new Dictionary<Guid, string>());
    public IStringLocalizer L => l;

    public async Task OnGetAsync(CancellationToken ct)
    {
        DateTimeOffset? from = From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        DateTimeOffset? to = To is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        Result = await query.HandleAsync(new QueryAudit.Query(Person, EntityId, Action, null, from, to, Before, 50), CurrentUser.Require(HttpContext), "web", ct);
    }

    /// <summary>The same filters from an older page (events before <paramref name="before"/>), or from the newest.</summary>
    public string PageLink(long? before) =>
        Url.Page("Index", new { person = Person, entityId = EntityId, action = Action, from = From?.ToString("yyyy-MM-dd"), to = To?.ToString("yyyy-MM-dd"), before })!;
}
