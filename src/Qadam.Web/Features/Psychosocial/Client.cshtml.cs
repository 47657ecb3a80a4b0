using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Statistics;
using Qadam.Web.Features.Cases;
using Qadam.Web.Features.Scheme;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Psychosocial;

/// <summary>One client of psychosocial support: alerts, scores, consultations (the note to those it is sealed to), and the forms of the day.</summary>
[Authorize(Policy = "perm:ConsultationsRead")]
public sealed class ClientModel(Consultations consultations, SafetyAlerts alerts, InstrumentTexts texts, Surveys surveys, QadamDbContext db, IStringLocalizer<SharedResource> l) : SchemePage
{
    public Guid PersonId { get; private set; }
    public string Name { get; private set; } = "";
    public List<ConsultationDto> Consultations { get; private set; } = [];
    public List<MeasurementDto> Measurements { get; private set; } = [];
    public List<SafetyAlertDto> Alerts { get; private set; } = [];
    public List<(Guid Id, string Label)> OpenCases { get; private set; } = [];
    public NoteDto? Note { get; private set; }
    public Instrument Chosen { get; private set; } = Instrument.Phq9;
    public Dictionary<string, InstrumentText> Texts { get; private set; } = [];
    public IFormCollection? Posted { get; private set; }
    public List<SurveyDto> SurveyList { get; private set; } = [];
    [BindProperty] public AcknowledgeInput? Ack { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? note, string? instrument, CancellationToken ct)
    {
        if (!await LoadAsync(id, instrument, ct)) return NotFound();
        if (note is { } consultationId)
        {
            if (Consultations.All(c => c.Id != consultationId)) return NotFound();
            Note = await consultations.ReadNoteAsync(consultationId, Me, ct);
            if (Note is null) return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostConsultationAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var f = Request.Form;
        var input = new ConsultationInput(id, Guid.TryParse(f["caseId"], out var caseId) ? caseId : null, f["date"], int.TryParse(f["durationMinutes"], out var d) ? d : null,
            f["modality"], f["issues"].OfType<string>().ToList(), f["interventions"].OfType<string>().ToList(), f["nextAppointmentOn"], f["riskOfHarm"] == "true", f["note"],
            [Answers(Instrument.Phq9), Answers(Instrument.Gad7)]);
        var result = await consultations.RecordAsync(input, Me, ct);
        if (result.Consultation is not null) return Redirect($"/Psychosocial/Client/{id}#consultations");
        Posted = f;
        result.Errors.CopyTo(ModelState, l, "Consultation.");
        return await LoadAsync(id, null, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostMeasurementAsync(Guid id, string? instrument, CancellationToken ct)
    {
        ModelState.Clear();
        var chosen = Instrument.Find(instrument) ?? Instrument.Phq9;
        var result = await consultations.AdministerAsync(new MeasurementInput(id, null, chosen.Code, Request.Form["takenOn"], Answers(chosen).Answers, false), Me, ct);
        if (result.Measurement is not null) return Redirect($"/Psychosocial/Client/{id}#scores");
        Posted = Request.Form;
        result.Errors.CopyTo(ModelState, l, "Measurement.");
        return await LoadAsync(id, chosen.Code, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, Guid alertId, CancellationToken ct)
    {
        ModelState.Clear();
        var (found, errors) = await alerts.AcknowledgeAsync(alertId, Ack ?? new(null), Me, ct);
        if (!found) return NotFound();
        if (!errors.Any) return Redirect($"/Psychosocial/Client/{id}");
        errors.CopyTo(ModelState, l, $"Ack-{alertId}.");
        return await LoadAsync(id, null, ct) ? Page() : NotFound();
    }

    private InstrumentAnswers Answers(Instrument instrument) => new(instrument.Code, ItemAnswers(Request.Form, instrument));

    public IReadOnlyList<int?>? PostedAnswers(Instrument instrument) => Posted is null ? null : ItemAnswers(Posted, instrument);

    /// <summary>The answers posted for an instrument's items (<c>phq9_1</c> … ), null where an item was not answered.</summary>
    public static List<int?> ItemAnswers(IFormCollection form, Instrument instrument) =>
        Enumerable.Range(1, instrument.Items).Select(k => int.TryParse(form[$"{instrument.Code}_{k}"], out var v) ? v : (int?)null).ToList();

    private async Task<bool> LoadAsync(Guid id, string? instrument, CancellationToken ct)
    {
        var found = await consultations.ForClientAsync(id, Me, ct);
        if (found is null) return false;
        PersonId = id;
        (Consultations, Measurements, Name) = found.Value; // one read of the person, audited by the use case
        Alerts = await alerts.ListAsync(Me, openOnly: false, id, ct);
        OpenCases = (await CaseScope.Visible(db, Me).AsNoTracking().Where(c => c.PersonId == id && c.Status != CaseStatus.Closed)
            .OrderByDescending(c => c.CreatedAt).Select(c => new { c.Id, c.CreatedAt }).ToListAsync(ct))
            .Select(c => (c.Id, c.CreatedAt.LocalDateTime.ToString("d", System.Globalization.CultureInfo.CurrentCulture))).ToList();
        if (Me.Can(Permission.SurveyResponsesRecord) && Me.Can(Permission.SurveysRead)) SurveyList = await surveys.ListAsync(Me, ct);
        Chosen = Instrument.Find(instrument) ?? Instrument.Phq9;
        foreach (var i in new[] { Instrument.Phq9, Instrument.Gad7, Chosen }.Distinct())
            Texts[i.Code] = (await texts.GetAsync(i.Code, Culture, Me, ct))!;
        return true;
    }
}
