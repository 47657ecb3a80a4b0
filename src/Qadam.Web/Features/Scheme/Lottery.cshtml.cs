using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Domain;

namespace Qadam.Web.Features.Scheme;

[Authorize(Policy = "perm:SchemeManage")]
public sealed class LotteryModel(Lotteries lotteries, QadamDbContext db, IStringLocalizer<SharedResource> l) : SchemePage
{
    public LotteryDto Lottery { get; private set; } = null!;
    [BindProperty] public string? Cohort { get; set; }
    public int? Moved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDrawAsync(Guid id, CancellationToken ct)
    {
        try
        {
            return await lotteries.DrawAsync(id, Me, ct) is null ? NotFound() : Redirect($"/Scheme/Lottery/{id}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("lottery", l["Scheme.Error." + e.Code].ResourceNotFound ? e.Message : l["Scheme.Error." + e.Code]);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
    }

    public async Task<IActionResult> OnPostCarryOverAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var (found, moved, errors) = await lotteries.CarryOverAsync(id, Cohort, Me, ct);
        if (!found) return NotFound();
        errors.CopyTo(ModelState, l);
        if (!errors.Any) Moved = moved;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        await LoadRegionsAsync(db, ct);
        if (await lotteries.GetAsync(id, Me, ct) is not { } lottery) return false;
        Lottery = lottery;
        return true;
    }
}
