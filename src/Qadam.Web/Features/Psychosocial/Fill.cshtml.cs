using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qadam.Statistics;
using Qadam.Web.Features.Scheme;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Psychosocial;

/// <summary>
/// The page a psychologist hands to a client on a tablet: one instrument, its items in the client's language, nothing
/// else — no navigation, no name, no other client's data, and no scores shown back. The answers are stored as self-reported
/// under the psychologist's session; afterwards the page only says to hand the tablet back.
/// </summary>
[Authorize(Policy = "perm:MeasurementsRecord")]
public sealed class FillModel(Consultations consultations, InstrumentTexts texts, Qadam.Data.QadamDbContext db, IStringLocalizer<SharedResource> l) : SchemePage
{
    public Instrument Instrument { get; private set; } = Instrument.Phq9;
    public InstrumentText Text { get; private set; } = null!;
    public string Language { get; private set; } = "ru";
    public bool Done { get; private set; }
    public IReadOnlyList<int?>? Answers { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? instrument, string? language, bool done, CancellationToken ct)
    {
        // Only for a client the psychologist works with (the page shows nothing of them, but is not offered for anyone else).
        if (!await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(PersonScope.Ordinary(db), p => p.Id == id, ct)) return NotFound();
        await LoadAsync(instrument, language, ct);
        Done = done;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? instrument, string? language, CancellationToken ct)
    {
        ModelState.Clear();
        var chosen = Instrument.Find(instrument) ?? Instrument.Phq9;
        var answers = ClientModel.ItemAnswers(Request.Form, chosen);
        var result = await consultations.AdministerAsync(new MeasurementInput(id, null, chosen.Code, null, answers, SelfReported: true), Me, ct);
        if (result.Measurement is not null) return Redirect($"/Psychosocial/Fill/{id}?instrument={chosen.Code}&language={language}&done=true");
        // The person not found (or without consent) is the psychologist's matter, not the client's: the page says only that it could not be saved.
        if (result.Errors.Has("personId")) return NotFound();
        result.Errors.CopyTo(ModelState, l);
        Answers = answers;
        await LoadAsync(instrument, language, ct);
        return Page();
    }

    private async Task LoadAsync(string? instrument, string? language, CancellationToken ct)
    {
        Instrument = Instrument.Find(instrument) ?? Instrument.Phq9;
        Language = InstrumentTexts.Languages.Contains(language ?? "") ? language! : Culture;
        Text = (await texts.GetAsync(Instrument.Code, Language, Me, ct))!;
    }
}
