using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Web.Platform;

namespace Qadam.Web.Features.Scheme;

[Authorize(Policy = "perm:SchemeManage")]
public sealed class RunsModel(MatchRuns runs, SchemeRegistry registry, QadamDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : SchemePage
{
    [BindProperty] public MatchRunInput Input { get; set; } = new(null, null, null, null, "optimal", null, null, null, null, null, null, false);
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    public Page<MatchRunDto> List { get; private set; } = new([], null);
    public List<string> Cohorts { get; private set; } = [];

    /// <summary>Opened from a drawn lottery: the form comes filled in for its winners (region, cohort, start date).</summary>
    public async Task OnGetAsync(string? region, string? cohort, string? startsOn, CancellationToken ct)
    {
        Input = Input with
        {
            StartsOn = startsOn ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(14).ToString("yyyy-MM-dd"), RegionCode = region, Cohort = cohort,
            Title = cohort is null ? null : string.Format(l["Lottery.RunTitle"].Value, cohort),
        };
        await LoadAsync(ct);
    }

    /// <summary>The women's share as people write it: a percentage (40, not 0.4); the use case takes the fraction.</summary>
    [BindProperty] public double? WomenPercent { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        // Out of 0–100 it is passed on as is, so the use case refuses it by name (womenShare).
        var (run, errors) = await runs.CreateAsync(Input with { WomenShare = WomenPercent is { } pct and >= 0 and <= 100 ? pct / 100 : WomenPercent }, Me, ct);
        if (run is not null) return Redirect($"/Scheme/Run/{run.Id}");
        errors.CopyTo(ModelState, l, "Input.");
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The list from the page after <paramref name="after"/>, or from the first page.</summary>
    public string PageLink(string? after) => Url.Page("Runs", new { after })!;

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadRegionsAsync(db, ct);
        List = await runs.ListAsync(Me, After, null, ct);
        Cohorts = await registry.CohortsAsync(Me, ct);
    }
}
