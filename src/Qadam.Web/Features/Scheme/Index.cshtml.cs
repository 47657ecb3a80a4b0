using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Scheme;

[Authorize(Policy = "perm:SchemeFigures")]
public sealed class IndexModel(SchemeFigures figures, PlacementService placements, QadamDbContext db, IStringLocalizer<SharedResource> l) : SchemePage
{
    public SchemeFiguresDto Figures { get; private set; } = null!;
    public List<DueFollowUp>? Due { get; private set; }
    public Ledger? Ledger { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = Me;
        Figures = await figures.ComputeAsync(me, ct);
        if (me.Can(Permission.SchemeManage)) Due = await placements.DueFollowUpsAsync(me, ct);
        if (me.Can(Permission.SchemeRead)) Ledger = await placements.LedgerAsync(me, ct);
        await LoadRegionsAsync(db, ct);
    }

    public string N(int? n) => n is null ? "<" + SchemeFigures.Threshold : n.Value.ToString("N0", CultureInfo.CurrentCulture);

    public string Share(MilestoneFigure m) => m.Due is 0 ? "—"
        : m.ShareOfReached is { } s ? $"{s.ToString("P1", CultureInfo.CurrentCulture)} ({N(m.FullTime)}/{N(m.Reached)}; {l["Scheme.LowerBound"]} {m.ShareOfDue?.ToString("P1", CultureInfo.CurrentCulture) ?? "—"})"
        : l["Scheme.Suppressed"];

    public string Rate(MilestoneFigure m) => m.ResponseRate is { } r ? $"{r.ToString("P0", CultureInfo.CurrentCulture)} ({N(m.Reached)}/{N(m.Due)})" : "—";

    public string GroupName(string g) => g switch
    {
        "all" => l["Scheme.All"], "female" => l["Sex.female"], "male" => l["Sex.male"], "unknown" => l["Scheme.Unknown"],
        _ when Regions.Any(r => r.Code == g) => RegionName(g),
        _ when g.StartsWith("From", StringComparison.Ordinal) || g == "Under15" => l["AgeBand." + g],
        _ => g,
    };
}
