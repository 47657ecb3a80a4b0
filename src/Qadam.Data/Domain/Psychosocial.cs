namespace Qadam.Domain;

public enum ConsultationModality { InPerson = 1, Phone = 2, Online = 3 }

/// <summary>The shipped taxonomies of psychosocial work (codes are stable; labels are in the resources, kk/ru/en).</summary>
public static class PsychosocialCodes
{
    public static readonly IReadOnlyList<string> PresentingIssues =
    [
        "family-conflict", "negative-emotions", "worry-about-future", "search-for-identity", "apathy", "depression",
        "stress-work-life", "destructive-group", "other",
    ];

    public static readonly IReadOnlyList<string> Interventions =
    [
        "psychoeducation", "supportive-counselling", "cbt-techniques", "relaxation", "problem-solving", "family-work",
        "safety-planning", "crisis-intervention", "referral-psychiatry", "other",
    ];
}

/// <summary>
/// An individual consultation of a psychologist with a client (a registered person who consented to services). The
/// clinical note is a separate, sealed record (<see cref="ClinicalNote"/>), so listing consultations never loads it.
/// </summary>
public sealed class Consultation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public Guid PersonId { get; init; }
    public Guid? CaseId { get; init; }
    public Guid PsychologistUserId { get; init; }
    public DateOnly Date { get; init; }
    public int DurationMinutes { get; init; }
    public ConsultationModality Modality { get; init; }
    /// <summary>Codes of <see cref="PsychosocialCodes.PresentingIssues"/>, comma-separated.</summary>
    public string Issues { get; init; } = "";
    /// <summary>Codes of <see cref="PsychosocialCodes.Interventions"/>, comma-separated.</summary>
    public string Interventions { get; init; } = "";
    public DateOnly? NextAppointmentOn { get; init; }
    /// <summary>The psychologist's judgement that the client is at risk of harm (raises a safety alert).</summary>
    public bool RiskOfHarm { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// A clinical note, encrypted at rest and readable only by its author and the supervisors of the author's organisation
/// (anyone else only under a break-glass grant); every read is audited on the person's record.
/// </summary>
public sealed class ClinicalNote
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ConsultationId { get; init; }
    public Guid OrganisationId { get; init; }
    public Guid PersonId { get; init; }
    public Guid AuthorUserId { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset WrittenAt { get; init; }
}

/// <summary>One administration of a standard instrument: the answers (sealed) and the scores computed from them.</summary>
public sealed class Measurement
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public Guid PersonId { get; init; }
    public Guid? ConsultationId { get; init; }
    /// <summary>phq9, gad7, who5, brs, k10.</summary>
    public required string Instrument { get; init; }
    public DateOnly TakenOn { get; init; }
    /// <summary>The item answers as "0,1,,3" (empty = not answered).</summary>
    public required string Answers { get; init; }
    public double? Total { get; init; }
    public bool Complete { get; init; }
    public string? Band { get; init; }
    public bool? Caseness { get; init; }
    /// <summary>PHQ-9 item 9 above 0.</summary>
    public bool Alert { get; init; }
    /// <summary>Filled in by the client on a tablet handed over by the psychologist.</summary>
    public bool SelfReported { get; init; }
    public Guid RecordedByUserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public enum SafetyAlertSource { Phq9Item9 = 1, RiskOfHarm = 2 }

/// <summary>
/// A sign of danger: the client's psychologist and the organisation's supervisors see it at once and must acknowledge
/// it with the action taken; unacknowledged past the configured time it escalates (a scheduled job).
/// </summary>
public sealed class SafetyAlert
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public Guid PersonId { get; init; }
    public Guid PsychologistUserId { get; init; }
    public SafetyAlertSource Source { get; init; }
    public Guid? MeasurementId { get; init; }
    public Guid? ConsultationId { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public Guid? AcknowledgedByUserId { get; private set; }
    public string? ActionTaken { get; private set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public int Version { get; set; }

    public void Acknowledge(Guid userId, string action, DateTimeOffset now)
    {
        if (AcknowledgedAt is not null) throw new DomainException("alert.already_acknowledged", "The alert has already been acknowledged.");
        AcknowledgedAt = now;
        AcknowledgedByUserId = userId;
        ActionTaken = action;
        Version++;
    }
}

/// <summary>A programme's own questionnaire; each change is a new version, so old answers keep their meaning.</summary>
public sealed class Survey
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public required string Code { get; init; }
    public required string Title { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<SurveyVersion> Versions { get; init; } = [];
}

public sealed class SurveyVersion
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SurveyId { get; init; }
    public int Number { get; init; }
    /// <summary>The form (questions and choices) as JSON; never changed once saved.</summary>
    public required string Definition { get; init; }
    public Guid CreatedByUserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed class SurveyResponse
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SurveyVersionId { get; init; }
    public Guid OrganisationId { get; init; }
    public Guid PersonId { get; init; }
    public DateOnly AnsweredOn { get; init; }
    /// <summary>Answers by question name, as JSON (sealed).</summary>
    public required string Answers { get; init; }
    public Guid RecordedByUserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>An organisation's validated translation of an instrument's items (replaces the shipped working translation).</summary>
public sealed class InstrumentTranslation
{
    public Guid OrganisationId { get; init; }
    public required string Instrument { get; init; }
    public required string Language { get; init; }
    /// <summary>The instruction, then one line per item, then the answer options, as JSON.</summary>
    public required string Content { get; set; }
    public string? Source { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
}

/// <summary>A staff member who runs a group activity.</summary>
public sealed class ActivityFacilitator
{
    public Guid ActivityId { get; init; }
    public Guid UserId { get; init; }
}
