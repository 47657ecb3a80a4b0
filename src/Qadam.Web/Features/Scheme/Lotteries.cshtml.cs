using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Data;

namespace Qadam.Web.Features.Scheme;

/// <summary>Lotteries of oversubscribed cohorts: the list, then a new one in two steps (check eligibility, lock the plan).</summary>
[Authorize(Policy = "perm:SchemeManage")]
public sealed class LotteriesModel(Lotteries lotteries, SchemeRegistry registry, QadamDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : SchemePage
{
    [BindProperty] public LotteryInput Input { get; set; } = new(null, null, null);
    public List<LotteryDto> List { get; private set; } = [];
    public List<string> Cohorts { get; private set; } = [];
    public LotteryPreview? Preview { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = Input with { StartsOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(14).ToString("yyyy-MM-dd") };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var (preview, errors) = await lotteries.PreviewAsync(Input, Me, ct);
        Preview = preview;
        errors.CopyTo(ModelState, l, "Input.");
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLockAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var (lottery, errors) = await lotteries.LockAsync(Input, Me, ct);
        if (lottery is not null) return Redirect($"/Scheme/Lottery/{lottery.Id}");
        errors.CopyTo(ModelState, l, "Input.");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadRegionsAsync(db, ct);
        List = await lotteries.ListAsync(Me, ct);
        Cohorts = await registry.CohortsAsync(Me, ct);
    }
}
