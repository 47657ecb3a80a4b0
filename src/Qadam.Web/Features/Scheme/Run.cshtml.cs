using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Domain;

namespace Qadam.Web.Features.Scheme;

[Authorize(Policy = "perm:SchemeManage")]
public sealed class RunModel(MatchRuns runs, QadamDbContext db, IStringLocalizer<SharedResource> l) : SchemePage
{
    public MatchRunDto? Run { get; private set; }
    public MatchRuns.ReviewPage? Review { get; private set; }
    private Dictionary<Guid, string> names = [];
    private Dictionary<Guid, string> positions = [];
    /// <summary>Applicants per page of the proposal's details (the summary and Approve are always on top).</summary>
    public const int PageSize = 25;
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAdjustAsync(Guid id, string? action, Guid? applicant, Guid? position, Guid? other, CancellationToken ct)
    {
        ModelState.Clear();
        var (found, errors) = await runs.AdjustAsync(id, action ?? "", applicant, position, other, Me, ct);
        if (!found) return NotFound();
        if (!errors.Any) return Redirect($"/Scheme/Run/{id}?p={Math.Max(1, PageNumber)}");
        errors.CopyTo(ModelState, l);
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var (found, _) = await runs.ApproveAsync(id, Me, ct);
            return found ? Redirect($"/Scheme/Run/{id}") : NotFound();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("run", l["Scheme.Error." + e.Code].ResourceNotFound ? e.Message : l["Scheme.Error." + e.Code]);
            await LoadAsync(id, ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDiscardAsync(Guid id, CancellationToken ct) =>
        await runs.DiscardAsync(id, Me, ct) ? Redirect("/Scheme/Runs") : NotFound();

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        await LoadRegionsAsync(db, ct);
        if (await runs.ReviewAsync(id, Me, Math.Max(1, PageNumber), PageSize, ct) is not { } review) return false;
        (Review, Run, names, positions) = (review, review.Run, review.Names, review.Positions);
        return true;
    }

    public string Name(Guid applicant) => names.GetValueOrDefault(applicant, "—");
    public string PositionName(Guid position) => positions.GetValueOrDefault(position, "—");

    /// <summary>The explanation sentence, from the same numbers the solver used (see <see cref="Qadam.Matching.Explanations"/>).</summary>
    public string Explain(RunRow r)
    {
        string Parts() => r.Km is null ? "" : l["Scheme.Why.Parts", r.Km, r.SkillsHeld ?? 0, r.SkillsRequired ?? 0,
            r.SectorRank switch { 1 => l["Scheme.Why.Sector1"], 2 => l["Scheme.Why.Sector2"], 0 or null => l["Scheme.Why.SectorNone"], var k => l["Scheme.Why.SectorN", k] }];
        return r.Kind switch
        {
            "pinned" => $"{Parts()}. {l["Scheme.Why.Pinned"]}",
            "placed" when r.Margin is { } m => $"{Parts()}. {l["Scheme.Why.Best", r.Alternatives, m]}",
            "placed" => $"{Parts()}. {l["Scheme.Why.Only"]}",
            "noneWithinReach" => l["Scheme.Why.NoneWithinReach"],
            "noMentor" => l["Scheme.Why.NoMentor", PositionName(r.ConsideredPositionId ?? Guid.Empty)],
            "notChosen" => l["Scheme.Why.NotChosen"],
            _ => l[r.Margin is 0 ? "Scheme.Why.PricedOutTie" : r.Alternatives == 1 ? "Scheme.Why.PricedOutOne" : "Scheme.Why.PricedOut",
                r.Alternatives, PositionName(r.ConsideredPositionId ?? Guid.Empty), Parts(), r.Margin ?? 0],
        };
    }
}
