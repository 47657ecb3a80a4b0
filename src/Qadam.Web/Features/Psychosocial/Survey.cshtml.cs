using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Web.Features.Scheme;

namespace Qadam.Web.Features.Psychosocial;

/// <summary>A client answers a programme survey (its latest version), with the psychologist or case worker.</summary>
[Authorize(Policy = "perm:SurveyResponsesRecord")]
public sealed class SurveyModel(Surveys surveys, IStringLocalizer<SharedResource> l) : SchemePage
{
    public SurveyForm Form { get; private set; } = null!;
    public int Version { get; private set; }
    public Guid PersonId { get; private set; }
    public bool Saved { get; private set; }
    public IFormCollection? Posted { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid personId, bool saved, CancellationToken ct)
    {
        if (await surveys.GetAsync(id, null, Me, ct) is not { } found) return NotFound();
        (Form, Version, PersonId, Saved) = (found.Form, found.Version, personId, saved);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid personId, CancellationToken ct)
    {
        ModelState.Clear();
        var answers = Request.Form.Keys.Where(k => k.StartsWith("q.", StringComparison.Ordinal))
            .ToDictionary(k => k[2..], k => (string?)string.Join(' ', Request.Form[k].OfType<string>()));
        var (found, responseId, errors) = await surveys.RespondAsync(id, new SurveyResponseInput(personId, Request.Form["answeredOn"], answers), Me, ct);
        if (!found) return NotFound();
        if (responseId is not null) return Redirect($"/Psychosocial/Survey/{id}?personId={personId}&saved=true");
        errors.CopyTo(ModelState, l);
        Posted = Request.Form;
        var form = await surveys.GetAsync(id, null, Me, ct);
        (Form, Version, PersonId) = (form!.Value.Form, form.Value.Version, personId);
        return Page();
    }
}
