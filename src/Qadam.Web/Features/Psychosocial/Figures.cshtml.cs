using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Qadam.Web.Features.Scheme;

namespace Qadam.Web.Features.Psychosocial;

[Authorize(Policy = "perm:PsychosocialFigures")]
public sealed class FiguresModel(PsychosocialFigures figures, IStringLocalizer<SharedResource> l) : SchemePage
{
    public PsychosocialFiguresDto? Figures { get; private set; }
    public string? From { get; private set; }
    public string? To { get; private set; }

    public async Task OnGetAsync(string? from, string? to, CancellationToken ct)
    {
        (From, To) = (from, to);
        var (result, errors) = await figures.ComputeAsync(Me, from, to, ct);
        Figures = result;
        errors.CopyTo(ModelState, l);
    }
}
