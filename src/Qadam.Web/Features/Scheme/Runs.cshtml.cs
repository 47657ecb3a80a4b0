using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Data;

namespace Qadam.Web.Features.Scheme;

[Authorize(Policy = "perm:SchemeManage")]
public sealed class RunsModel(MatchRuns runs, SchemeRegistry registry, QadamDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : SchemePage
{
    [BindProperty] public MatchRunInput Input { get; set; } = new(null, null, null, null, "optimal", null, null, null, null, null, null, false);
    public List<MatchRunDto> List { get; private set; } = [];
    public List<string> Cohorts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = Input with { StartsOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(14).ToString("yyyy-MM-dd") };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var (run, errors) = await runs.CreateAsync(Input, Me, ct);
        if (run is not null) return Redirect($"/Scheme/Run/{run.Id}");
        errors.CopyTo(ModelState, l, "Input.");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadRegionsAsync(db, ct);
        List = await runs.ListAsync(Me, ct);
        Cohorts = await registry.CohortsAsync(Me, ct);
    }
}
