using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Qadam.Domain;

public enum StudyStatus { Draft = 1, Locked = 2, Queued = 3, Running = 4, Completed = 5, Failed = 6 }

/// <summary>The analysis plan: what is estimated, how, on which data. Frozen (hashed, time-stamped) when the study is pre-registered.</summary>
public sealed record StudyPlan(
    string Question, string OutcomeSource, string Treatment, string Outcome, IReadOnlyList<string> Covariates,
    string Method, string Estimand, string? Baseline, double? Caliper, int Ratio, int Bootstrap, int Seed, string? Cluster)
{
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this))));
}

/// <summary>A change to the plan after it was locked: allowed, but always shown with the results.</summary>
public sealed record PlanDeviation(DateTimeOffset At, Guid UserId, string Field, string? From, string? To, string Reason);

public sealed class EvaluationStudy : IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public Guid CreatedByUserId { get; init; }
    public required string Title { get; set; }
    public string PlanJson { get; private set; } = "";
    public string? LockedPlanHash { get; private set; }
    public DateTimeOffset? LockedAt { get; private set; }
    public string DeviationsJson { get; private set; } = "[]";
    public StudyStatus Status { get; private set; } = StudyStatus.Draft;
    public int Progress { get; private set; }
    public string? ResultJson { get; private set; }
    public string? Error { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public int Version { get; set; }

    public StudyPlan Plan => JsonSerializer.Deserialize<StudyPlan>(PlanJson)!;
    public IReadOnlyList<PlanDeviation> Deviations => JsonSerializer.Deserialize<List<PlanDeviation>>(DeviationsJson)!;
    public bool IsLocked => LockedAt is not null;

    public void SetPlan(StudyPlan plan) => PlanJson = JsonSerializer.Serialize(plan);

    /// <summary>Pre-registration: the plan is frozen before any outcome is looked at.</summary>
    public void Lock(DateTimeOffset at)
    {
        if (IsLocked) throw new DomainException("study.already_locked", "The analysis plan is already locked.");
        LockedAt = at;
        LockedPlanHash = Plan.Hash();
        Status = StudyStatus.Locked;
    }

    /// <summary>Changes a locked plan, recording every changed field as a deviation with its reason.</summary>
    public IReadOnlyList<PlanDeviation> Amend(StudyPlan plan, string reason, Guid userId, DateTimeOffset at)
    {
        if (!IsLocked) { SetPlan(plan); return []; }
        if (Status is StudyStatus.Queued or StudyStatus.Running) throw new DomainException("study.running", "The study is running; wait for it to finish.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("study.deviation_reason", "A change to a locked plan needs a reason.");
        var before = JsonSerializer.SerializeToElement(Plan);
        var after = JsonSerializer.SerializeToElement(plan);
        var changes = new List<PlanDeviation>();
        foreach (var property in after.EnumerateObject())
        {
            var old = before.GetProperty(property.Name).ToString();
            var now = property.Value.ToString();
            if (old != now) changes.Add(new PlanDeviation(at, userId, property.Name, old, now, reason.Trim()));
        }
        if (changes.Count == 0) return [];
        DeviationsJson = JsonSerializer.Serialize(Deviations.Concat(changes).ToList());
        SetPlan(plan);
        Status = StudyStatus.Locked;
        return changes;
    }

    public void Queue()
    {
        if (!IsLocked) throw new DomainException("study.not_locked", "Lock (pre-register) the analysis plan before running it.");
        if (Status is StudyStatus.Queued or StudyStatus.Running) throw new DomainException("study.running", "The study is already queued or running.");
        Status = StudyStatus.Queued;
        Progress = 0;
        Error = null;
    }

    public void Start() { Status = StudyStatus.Running; Progress = 1; }

    public void Report(int progress) => Progress = Math.Clamp(progress, Progress, 99);

    public void Complete(string resultJson, DateTimeOffset at) { ResultJson = resultJson; Status = StudyStatus.Completed; Progress = 100; CompletedAt = at; Error = null; }

    public void Fail(string error, DateTimeOffset at) { Error = error; Status = StudyStatus.Failed; Progress = 100; CompletedAt = at; }
}

/// <summary>An uploaded comparison data set: only the columns the plan uses are kept (no identifiers).</summary>
public sealed class EvaluationDataset
{
    public Guid StudyId { get; init; }
    public required string FileName { get; init; }
    public required string Csv { get; init; }
    public int Rows { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
}
