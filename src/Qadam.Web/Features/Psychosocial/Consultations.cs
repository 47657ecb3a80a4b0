using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Statistics;
using Qadam.Web.Features.Cases;
using Qadam.Web.Features.People;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Psychosocial;

public sealed record InstrumentAnswers(string? Instrument, IReadOnlyList<int?>? Answers);

public sealed record ConsultationInput(Guid? PersonId, Guid? CaseId, string? Date, int? DurationMinutes, string? Modality, IReadOnlyList<string>? Issues,
    IReadOnlyList<string>? Interventions, string? NextAppointmentOn, bool? RiskOfHarm, string? Note, IReadOnlyList<InstrumentAnswers>? Measurements);

public sealed record MeasurementInput(Guid? PersonId, Guid? ConsultationId, string? Instrument, string? TakenOn, IReadOnlyList<int?>? Answers, bool? SelfReported);

public sealed record MeasurementDto(Guid Id, string Instrument, string TakenOn, double? Total, bool Complete, string? Band, bool? Caseness, bool Alert, bool SelfReported, Guid? ConsultationId);

public sealed record ConsultationDto(Guid Id, Guid PersonId, Guid? CaseId, Guid PsychologistId, string Psychologist, string Date, int DurationMinutes, string Modality,
    IReadOnlyList<string> Issues, IReadOnlyList<string> Interventions, string? NextAppointmentOn, bool RiskOfHarm, bool HasNote, IReadOnlyList<MeasurementDto> Measurements);

public sealed record NoteDto(Guid ConsultationId, string Author, DateTimeOffset WrittenAt, string Text, bool UnderBreakGlass);

/// <summary>
/// The consultations a user may see: a psychologist their own (their clients), a supervisor — the clinical supervisor —
/// their organisation's; always only of people the user sees (the one person scope).
/// </summary>
public static class ConsultationScope
{
    public static IQueryable<Consultation> Visible(QadamDbContext db, CurrentUser user)
    {
        var me = user.Id;
        var org = user.OrganisationId;
        var supervisor = user.IsIn(Roles.Supervisor);
        var psychologist = user.IsIn(Roles.Psychologist);
        return db.Consultations.Where(c => c.OrganisationId == org && ((supervisor) || (psychologist && c.PsychologistUserId == me))
            && PersonScope.Visible(db).Any(p => p.Id == c.PersonId));
    }

    /// <summary>The safety alerts a user must see: a psychologist their clients', a supervisor the organisation's.</summary>
    public static IQueryable<SafetyAlert> Alerts(QadamDbContext db, CurrentUser user)
    {
        var me = user.Id;
        var org = user.OrganisationId;
        var supervisor = user.IsIn(Roles.Supervisor);
        var psychologist = user.IsIn(Roles.Psychologist);
        return db.SafetyAlerts.Where(a => a.OrganisationId == org && (supervisor || (psychologist && a.PsychologistUserId == me)));
    }

    public static IQueryable<Measurement> Measurements(QadamDbContext db, CurrentUser user)
    {
        var me = user.Id;
        var org = user.OrganisationId;
        var supervisor = user.IsIn(Roles.Supervisor);
        return db.Measurements.Where(m => m.OrganisationId == org && PersonScope.Visible(db).Any(p => p.Id == m.PersonId)
            && (supervisor || m.RecordedByUserId == me || db.Consultations.Any(c => c.PersonId == m.PersonId && c.PsychologistUserId == me)));
    }
}

/// <summary>
/// A psychologist's work with a client: consultations (with the sealed clinical note), instrument administrations with
/// their scores, and the safety alerts a sign of danger raises. Pages and the API call these same use cases.
/// </summary>
public sealed class Consultations(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access)
{
    public const int MaxNoteLength = 20_000;

    public sealed record Recorded(Consultation? Consultation, FieldErrors Errors, IReadOnlyList<SafetyAlert> Alerts);

    public async Task<Recorded> RecordAsync(ConsultationInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ConsultationsRecord);
        var errors = new FieldErrors();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var person = await ClientAsync(input.PersonId, user, Permission.ConsultationsRecord, errors, ct);
        if (input.CaseId is { } caseId && person is not null
            && !await CaseScope.Visible(db, user).AnyAsync(c => c.Id == caseId && c.PersonId == person.Id, ct))
            errors.Add("caseId", "Validation.CaseNotFound");
        var date = Date(input.Date, "date", required: true, errors);
        if (date > today) errors.Add("date", "Validation.FutureDate");
        var duration = Range(input.DurationMinutes, "durationMinutes", 5, 480, required: true, errors);
        var modality = Choice<ConsultationModality>(input.Modality, "modality", required: true, errors, "Validation.Modality");
        var issues = Codes(input.Issues, PsychosocialCodes.PresentingIssues, "issues", errors);
        if (issues.Count == 0 && !errors.Has("issues")) errors.Add("issues", "Validation.Required");
        var interventions = Codes(input.Interventions, PsychosocialCodes.Interventions, "interventions", errors);
        var next = Date(input.NextAppointmentOn, "nextAppointmentOn", required: false, errors);
        if (next is not null && date is not null && next < date) errors.Add("nextAppointmentOn", "Validation.EndBeforeStart");
        var note = Text(input.Note, "note", MaxNoteLength, required: false, errors, multiline: true);
        var scores = new List<(Instrument Instrument, int?[] Answers, InstrumentScore Score)>();
        var measurements = input.Measurements ?? [];
        for (var i = 0; i < measurements.Count; i++)
            if (Score(measurements[i].Instrument, measurements[i].Answers, $"measurements[{i}]", errors, skipEmpty: true) is { } s) scores.Add(s);
        if (errors.Any) return new(null, errors, []);

        var consultation = new Consultation
        {
            OrganisationId = user.OrganisationId, PersonId = person!.Id, CaseId = input.CaseId, PsychologistUserId = user.Id, Date = date!.Value,
            DurationMinutes = duration!.Value, Modality = modality!.Value, Issues = string.Join(',', issues), Interventions = string.Join(',', interventions),
            NextAppointmentOn = next, RiskOfHarm = input.RiskOfHarm == true, CreatedAt = now,
        };
        db.Consultations.Add(consultation);
        if (note is not null)
            db.ClinicalNotes.Add(new ClinicalNote { ConsultationId = consultation.Id, OrganisationId = user.OrganisationId, PersonId = person.Id, AuthorUserId = user.Id, Text = note, WrittenAt = now });
        var alerts = new List<SafetyAlert>();
        if (consultation.RiskOfHarm)
            alerts.Add(new SafetyAlert { OrganisationId = user.OrganisationId, PersonId = person.Id, PsychologistUserId = user.Id, Source = SafetyAlertSource.RiskOfHarm, ConsultationId = consultation.Id, RaisedAt = now });
        foreach (var (instrument, answers, score) in scores)
        {
            var m = NewMeasurement(instrument, answers, score, person.Id, consultation.Id, consultation.Date, selfReported: false, user, now);
            db.Measurements.Add(m);
            if (m.Alert) alerts.Add(new SafetyAlert { OrganisationId = user.OrganisationId, PersonId = person.Id, PsychologistUserId = user.Id, Source = SafetyAlertSource.Phq9Item9, MeasurementId = m.Id, ConsultationId = consultation.Id, RaisedAt = now });
        }
        db.SafetyAlerts.AddRange(alerts);
        var entries = new List<AuditEntry> { AuditEntry.About(person, user.Actor, AuditAction.Consultation_Recorded, new { consultation = consultation.Id, note = note is not null, measurements = scores.Count }) };
        entries.AddRange(alerts.Select(a => AuditEntry.About(person, user.Actor, AuditAction.SafetyAlert_Raised, new { alert = a.Id, source = a.Source.ToString() })));
        await audit.SaveWithAuditAsync(entries, ct);
        return new(consultation, errors, alerts);
    }

    public sealed record Administered(Measurement? Measurement, FieldErrors Errors, SafetyAlert? Alert);

    /// <summary>Administers one instrument (by the psychologist, or filled in by the client on a tablet): stores answers and scores.</summary>
    public async Task<Administered> AdministerAsync(MeasurementInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.MeasurementsRecord);
        var errors = new FieldErrors();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var person = await ClientAsync(input.PersonId, user, Permission.MeasurementsRecord, errors, ct);
        Consultation? consultation = null;
        if (input.ConsultationId is { } cid && person is not null)
        {
            consultation = await ConsultationScope.Visible(db, user).AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid && c.PersonId == person.Id, ct);
            if (consultation is null) errors.Add("consultationId", "Validation.ConsultationNotFound");
        }
        var takenOn = Date(input.TakenOn, "takenOn", required: false, errors) ?? consultation?.Date ?? today;
        if (takenOn > today) errors.Add("takenOn", "Validation.FutureDate");
        var scored = Score(input.Instrument, input.Answers, "", errors, skipEmpty: false);
        if (errors.Any) return new(null, errors, null);
        var (instrument, answers, score) = scored!.Value;
        var m = NewMeasurement(instrument, answers, score, person!.Id, consultation?.Id, takenOn, input.SelfReported == true, user, now);
        db.Measurements.Add(m);
        SafetyAlert? alert = null;
        if (m.Alert)
        {
            // The client's psychologist: the one who held the consultation, else whoever administered it.
            alert = new SafetyAlert
            {
                OrganisationId = user.OrganisationId, PersonId = person.Id, PsychologistUserId = consultation?.PsychologistUserId ?? user.Id,
                Source = SafetyAlertSource.Phq9Item9, MeasurementId = m.Id, ConsultationId = consultation?.Id, RaisedAt = now,
            };
            db.SafetyAlerts.Add(alert);
        }
        List<AuditEntry> entries = [AuditEntry.About(person, user.Actor, AuditAction.Measurement_Recorded, new { measurement = m.Id, instrument = m.Instrument, selfReported = m.SelfReported })];
        if (alert is not null) entries.Add(AuditEntry.About(person, user.Actor, AuditAction.SafetyAlert_Raised, new { alert = alert.Id, source = alert.Source.ToString() }));
        await audit.SaveWithAuditAsync(entries, ct);
        return new(m, errors, alert);
    }

    /// <summary>A client's consultations and scores visible to the user (an audited read of the person's record); null when the person is not visible.</summary>
    public async Task<(List<ConsultationDto> Consultations, List<MeasurementDto> Measurements, string Name)?> ForClientAsync(Guid personId, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ConsultationsRead);
        var person = await PersonScope.Visible(db).AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null) return null;
        var consultations = await ConsultationScope.Visible(db, user).AsNoTracking().Where(c => c.PersonId == personId).OrderByDescending(c => c.Date).ThenByDescending(c => c.CreatedAt).Take(200).ToListAsync(ct);
        var measurements = await ConsultationScope.Measurements(db, user).AsNoTracking().Where(m => m.PersonId == personId).OrderByDescending(m => m.TakenOn).ThenByDescending(m => m.CreatedAt).Take(500).ToListAsync(ct);
        var dtos = await ToDtosAsync(consultations, measurements, ct);
        await audit.SaveWithAuditAsync([AuditEntry.About(person, user.Actor, AuditAction.Consultation_Viewed, new { consultations = consultations.Count, measurements = measurements.Count })], ct);
        return (dtos, measurements.Select(ToDto).ToList(), $"{person.GivenName} {person.FamilyName}");
    }

    public async Task<ConsultationDto?> GetAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ConsultationsRead);
        var c = await ConsultationScope.Visible(db, user).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var measurements = await db.Measurements.AsNoTracking().Where(m => m.ConsultationId == id).ToListAsync(ct);
        var person = await PersonScope.Visible(db).AsNoTracking().FirstAsync(p => p.Id == c.PersonId, ct);
        await audit.SaveWithAuditAsync([AuditEntry.About(person, user.Actor, AuditAction.Consultation_Viewed, new { consultation = id })], ct);
        return (await ToDtosAsync([c], measurements, ct))[0];
    }

    /// <summary>
    /// The sealed clinical note of a consultation: to its author, to a supervisor of the author's organisation, or under
    /// the reader's own break-glass grant on the person; to anyone else it does not exist (null → 404). Every read is audited.
    /// </summary>
    public async Task<NoteDto?> ReadNoteAsync(Guid consultationId, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.ClinicalNotesRead);
        var note = await db.ClinicalNotes.AsNoTracking().FirstOrDefaultAsync(n => n.ConsultationId == consultationId, ct);
        if (note is null) return null;
        var now = clock.GetUtcNow();
        var sealedTo = note.AuthorUserId == user.Id || (user.IsIn(Roles.Supervisor) && note.OrganisationId == user.OrganisationId);
        var underGrant = !sealedTo && user.Can(Permission.BreakGlass)
            && await db.BreakGlassGrants.AnyAsync(g => g.PersonId == note.PersonId && g.UserId == user.Id && g.ExpiresAt > now, ct);
        if (!sealedTo && !underGrant) return null;
        var owner = await db.People.IgnoreQueryFilters().Where(p => p.Id == note.PersonId).Select(p => p.OrganisationId).FirstAsync(ct);
        var author = await db.Users.Where(u => u.Id == note.AuthorUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        List<AuditEntry> entries = [new(user.Actor, AuditAction.ClinicalNote_Read, nameof(Person), note.PersonId.ToString(), new { consultation = consultationId, underBreakGlass = underGrant }, owner)];
        if (underGrant) entries.Add(new(user.Actor, AuditAction.BreakGlass_Used, nameof(Person), note.PersonId.ToString(), new { clinicalNote = note.Id }, owner));
        await audit.SaveWithAuditAsync(entries, ct);
        return new NoteDto(consultationId, author, note.WrittenAt, note.Text, underGrant);
    }

    private async Task<Person?> ClientAsync(Guid? personId, CurrentUser user, Permission operation, FieldErrors errors, CancellationToken ct)
    {
        if (personId is not { } pid) { errors.Add("personId", "Validation.Required"); return null; }
        var opened = await access.OpenAsync(db, user, pid, operation, ct);
        if (opened is null) { errors.Add("personId", "Validation.PersonNotFound"); return null; }
        if (!await db.Consents.AnyAsync(c => c.PersonId == pid && c.Purpose == ConsentPurpose.Services && c.WithdrawnAt == null, ct))
        {
            errors.Add("personId", "Validation.ServicesConsentMissing");
            return null;
        }
        return opened.Value.Person;
    }

    private static List<string> Codes(IReadOnlyList<string>? given, IReadOnlyList<string> allowed, string field, FieldErrors errors)
    {
        var list = (given ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToList();
        for (var i = 0; i < list.Count; i++)
            if (!allowed.Contains(list[i])) errors.Add($"{field}[{i}]", "Validation.Code");
        return list;
    }

    /// <summary>Validates and scores answers; each item outside the instrument's range is named. Null when refused (or, with <paramref name="skipEmpty"/>, when nothing was answered).</summary>
    public static (Instrument Instrument, int?[] Answers, InstrumentScore Score)? Score(string? code, IReadOnlyList<int?>? given, string prefix, FieldErrors errors, bool skipEmpty)
    {
        string F(string f) => prefix.Length == 0 ? f : $"{prefix}.{f}";
        if (Instrument.Find(code) is not { } instrument) { errors.Add(F("instrument"), string.IsNullOrWhiteSpace(code) ? "Validation.Required" : "Validation.Instrument"); return null; }
        var answers = (given ?? []).ToArray();
        if (skipEmpty && answers.All(a => a is null)) return null;
        if (answers.Length != instrument.Items) { errors.Add(F("answers"), "Validation.InstrumentItems"); return null; }
        var ok = true;
        for (var k = 0; k < answers.Length; k++)
            if (answers[k] is { } v && (v < instrument.MinAnswer || v > instrument.MaxAnswer)) { errors.Add(F($"answers[{k}]"), "Validation.AnswerRange"); ok = false; }
        if (!ok) return null;
        if (answers.All(a => a is null)) { errors.Add(F("answers"), "Validation.NothingAnswered"); return null; }
        return (instrument, answers, instrument.Score(answers));
    }

    private static Measurement NewMeasurement(Instrument instrument, int?[] answers, InstrumentScore score, Guid personId, Guid? consultationId, DateOnly takenOn,
        bool selfReported, CurrentUser user, DateTimeOffset now) => new()
    {
        OrganisationId = user.OrganisationId, PersonId = personId, ConsultationId = consultationId, Instrument = instrument.Code, TakenOn = takenOn,
        Answers = string.Join(',', answers.Select(a => a?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")),
        Total = score.Total, Complete = score.Complete, Band = score.Band, Caseness = score.Caseness, Alert = score.Alert == true,
        SelfReported = selfReported, RecordedByUserId = user.Id, CreatedAt = now,
    };

    public static MeasurementDto ToDto(Measurement m) => new(m.Id, m.Instrument, Iso(m.TakenOn), m.Total, m.Complete, m.Band, m.Caseness, m.Alert, m.SelfReported, m.ConsultationId);

    private async Task<List<ConsultationDto>> ToDtosAsync(List<Consultation> consultations, List<Measurement> measurements, CancellationToken ct)
    {
        var ids = consultations.Select(c => c.Id).ToList();
        var withNote = (await db.ClinicalNotes.Where(n => ids.Contains(n.ConsultationId)).Select(n => n.ConsultationId).ToListAsync(ct)).ToHashSet();
        var userIds = consultations.Select(c => c.PsychologistUserId).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return consultations.Select(c => new ConsultationDto(c.Id, c.PersonId, c.CaseId, c.PsychologistUserId, names.GetValueOrDefault(c.PsychologistUserId, ""), Iso(c.Date),
            c.DurationMinutes, c.Modality.ToString(), Split(c.Issues), Split(c.Interventions), c.NextAppointmentOn is { } n ? Iso(n) : null, c.RiskOfHarm,
            withNote.Contains(c.Id), measurements.Where(m => m.ConsultationId == c.Id).Select(ToDto).ToList())).ToList();
    }

    public static IReadOnlyList<string> Split(string codes) => codes.Length == 0 ? [] : codes.Split(',');
}
