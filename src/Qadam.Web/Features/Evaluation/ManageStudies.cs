using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Evaluation;

public sealed record StudyInput(string? Title, string? Question, string? OutcomeSource, string? Treatment, string? Outcome, string? Covariates,
    string? Method, string? Estimand, string? Baseline, double? Caliper, int? Ratio, int? Bootstrap, int? Seed, string? Cluster);

public sealed record StudyDto(Guid Id, string Title, string Status, int Progress, StudyPlan Plan, DateTimeOffset? LockedAt, string? LockedPlanHash,
    IReadOnlyList<PlanDeviation> Deviations, JsonElement? Result, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, int Version)
{
    public static StudyDto From(EvaluationStudy s) => new(s.Id, s.Title, s.Status.ToString().ToLowerInvariant(), s.Progress, s.Plan, s.LockedAt, s.LockedPlanHash,
        s.Deviations, s.ResultJson is null ? null : JsonDocument.Parse(s.ResultJson).RootElement, s.Error, s.CreatedAt, s.CompletedAt, s.Version);
}

/// <summary>
/// Evaluation studies of the M&amp;E officer's organisation: define (with an uploaded data set or another outcome
/// source), pre-register (lock), amend with recorded deviations, run in the background.
/// </summary>
public sealed class ManageStudies(QadamDbContext db, AuditLog audit, TimeProvider clock, StudyQueue queue, Access access)
{
    /// <summary>The randomised design of a lottery cohort: difference in means (ITT), randomisation p-value, complier effect.</summary>
    public const string Lottery = "lottery";

    public static readonly string[] Methods = ["nn", "nn-replace", "nn-classic", "nn-classic-replace", "ipw", "did", Lottery];

    public IQueryable<EvaluationStudy> Visible(CurrentUser user) => db.EvaluationStudies.Where(s => s.OrganisationId == user.OrganisationId);

    public async Task<(EvaluationStudy? Study, FieldErrors Errors)> CreateAsync(StudyInput input, string? csv, string? fileName, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.EvaluationManage);
        var (plan, errors) = Validate(input);
        CsvDataset? data = null;
        if (plan?.OutcomeSource == UploadedDatasetSource.SourceKey)
        {
            if (string.IsNullOrWhiteSpace(csv)) errors.Add("dataset", "Validation.Required");
            else
            {
                try
                {
                    data = CsvDataset.Read(new StringReader(csv));
                    foreach (var (field, column) in Columns(plan))
                        if (!data.ColumnNames.Contains(column)) errors.Add(field, "Validation.NoSuchColumn");
                }
                catch (DatasetException) { errors.Add("dataset", "Validation.BadCsv"); }
            }
        }
        if (errors.Any || plan is null) return (null, errors);
        var now = clock.GetUtcNow();
        var study = new EvaluationStudy { Title = input.Title!.Trim(), OrganisationId = user.OrganisationId, CreatedByUserId = user.Id, CreatedAt = now, UpdatedAt = now, Version = 1 };
        study.SetPlan(plan);
        db.EvaluationStudies.Add(study);
        if (data is not null)
            db.EvaluationDatasets.Add(new EvaluationDataset
            {
                StudyId = study.Id, FileName = Path.GetFileName(fileName ?? "data.csv"), Csv = data.ToCsv(Columns(plan).Select(c => c.Column)), Rows = data.Rows, UploadedAt = now,
            });
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Study_Created, "Study", study.Id.ToString(), new { plan.Method, plan.OutcomeSource })], ct);
        return (study, errors);
    }

    public async Task<EvaluationStudy?> LockAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.EvaluationManage);
        var study = await Visible(user).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (study is null) return null;
        study.Lock(clock.GetUtcNow());
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Study_Locked, "Study", id.ToString(), new { hash = study.LockedPlanHash })], ct);
        return study;
    }

    public async Task<(EvaluationStudy? Study, FieldErrors Errors)> AmendAsync(Guid id, StudyInput input, string? reason, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.EvaluationManage);
        var study = await Visible(user).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (study is null) return (null, new FieldErrors());
        var (plan, errors) = Validate(input with { OutcomeSource = study.Plan.OutcomeSource });
        if (study.IsLocked && string.IsNullOrWhiteSpace(reason)) errors.Add("reason", "Validation.DeviationReason");
        if (errors.Any) return (study, errors);
        if (!string.IsNullOrWhiteSpace(input.Title)) study.Title = input.Title.Trim();
        var changes = study.Amend(plan!, reason ?? "", user.Id, clock.GetUtcNow());
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Study_Amended, "Study", id.ToString(), new { deviations = changes.Select(c => c.Field) })], ct);
        return (study, errors);
    }

    public async Task<EvaluationStudy?> RunAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.EvaluationManage);
        var study = await Visible(user).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (study is null) return null;
        study.Queue();
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.Study_Run, "Study", id.ToString(), null)], ct);
        queue.Signal();
        return study;
    }

    /// <summary>The result as CSV, audited as an export; null when the study is not visible, empty when it has no result yet.</summary>
    public async Task<byte[]?> ExportCsvAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.EvaluationManage);
        var study = await Visible(user).AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (study is null) return null;
        if (study.ResultJson is null) return [];
        var result = JsonSerializer.Deserialize<StudyResult>(study.ResultJson, EvaluationReport.Options)!;
        await audit.RecordAsync(user.Actor, AuditAction.Study_Exported, "Study", id.ToString(), new { format = "csv" }, ct);
        return System.Text.Encoding.UTF8.GetBytes(StudyExport.Csv(study, result));
    }

    /// <summary>The result as a PDF (audited as an export); null when not visible or no result yet; throws when no report font is installed.</summary>
    public async Task<byte[]?> ExportPdfAsync(Guid id, CurrentUser user, Platform.Pdf.ReportFont font, Microsoft.Extensions.Localization.IStringLocalizer l, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.EvaluationManage);
        var study = await Visible(user).AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (study?.ResultJson is null) return null;
        var typeface = font.Font ?? throw new Platform.Pdf.ReportFontMissingException($"PDF export needs a Unicode TrueType font at {font.Path} (Debian: fonts-dejavu-core; or set Reports:FontPath).");
        var result = JsonSerializer.Deserialize<StudyResult>(study.ResultJson, EvaluationReport.Options)!;
        var pdf = StudyPdf.Render(study, result, typeface, l, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        await audit.RecordAsync(user.Actor, AuditAction.Study_Exported, "Study", id.ToString(), new { format = "pdf" }, ct);
        return pdf;
    }

    private static IEnumerable<(string Field, string Column)> Columns(StudyPlan plan) =>
        new[] { ("treatment", plan.Treatment), ("outcome", plan.Outcome) }
            .Concat(plan.Covariates.Select(c => ("covariates", c)))
            .Concat(plan.Baseline is null ? [] : [("baseline", plan.Baseline)])
            .Concat(plan.Cluster is null ? [] : [("cluster", plan.Cluster)]);

    private static (StudyPlan? Plan, FieldErrors Errors) Validate(StudyInput input)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Title)) errors.Add("title", "Validation.Required");
        else if (input.Title.Length > 300) errors.Add("title", "Validation.TooLong");
        if (string.IsNullOrWhiteSpace(input.Question)) errors.Add("question", "Validation.Required");
        else if (input.Question.Length > 2000) errors.Add("question", "Validation.TooLong");
        var source = string.IsNullOrWhiteSpace(input.OutcomeSource) ? UploadedDatasetSource.SourceKey : input.OutcomeSource.Trim();
        if (source is not (UploadedDatasetSource.SourceKey or ApprenticeshipOutcomeSource.SourceKey or Psychosocial.InstrumentOutcomeSource.SourceKey)) errors.Add("outcomeSource", "Validation.UnknownSource");
        if (source == Psychosocial.InstrumentOutcomeSource.SourceKey)
        {
            // Instrument scores: participants (or a dose of sessions) against the comparison group, an instrument outcome.
            if (string.IsNullOrWhiteSpace(input.Treatment)) input = input with { Treatment = "participant" };
            else if (Psychosocial.InstrumentOutcomeSource.ParseTreatment(input.Treatment) is null) errors.Add("treatment", "Validation.InstrumentTreatment");
            if (input.Outcome is not null && Psychosocial.InstrumentOutcomeSource.ParseOutcome(input.Outcome) is null) errors.Add("outcome", "Validation.InstrumentOutcome");
            if ((input.Covariates ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(c => !Psychosocial.InstrumentOutcomeSource.CovariateNames.Contains(c)))
                errors.Add("covariates", "Validation.InstrumentCovariates");
            if (!string.IsNullOrWhiteSpace(input.Baseline) && input.Outcome is not null && !Psychosocial.InstrumentOutcomeSource.IsBaseline(input.Baseline, input.Outcome))
                errors.Add("baseline", "Validation.SourceBaseline");
        }
        if (source == ApprenticeshipOutcomeSource.SourceKey)
        {
            // Qadam's own records: fixed treatment, a follow-up milestone as outcome, covariates from the registry.
            // The lottery design compares drawn with not drawn; the others compare placed with never placed.
            var lotteryDesign = input.Method?.Trim().ToLowerInvariant() == Lottery;
            var treatment = lotteryDesign ? ApprenticeshipOutcomeSource.Drawn : ApprenticeshipOutcomeSource.Treatment;
            if (input.Treatment?.Trim() is { Length: > 0 } t && t != treatment) errors.Add("treatment", lotteryDesign ? "Validation.LotteryTreatment" : "Validation.SourceTreatment");
            input = input with { Treatment = treatment };
            if (input.Outcome is not null && !ApprenticeshipOutcomeSource.Outcomes.ContainsKey(input.Outcome.Trim())) errors.Add("outcome", "Validation.SourceOutcome");
            if ((input.Covariates ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(c => !ApprenticeshipOutcomeSource.CovariateNames.Contains(c)))
                errors.Add("covariates", "Validation.SourceCovariates");
            if (input.Method?.Trim().ToLowerInvariant() == "did") errors.Add("method", "Validation.SourceMethod");
        }
        if (string.IsNullOrWhiteSpace(input.Treatment)) errors.Add("treatment", "Validation.Required");
        if (string.IsNullOrWhiteSpace(input.Outcome)) errors.Add("outcome", "Validation.Required");
        var method = string.IsNullOrWhiteSpace(input.Method) ? "nn" : input.Method.Trim().ToLowerInvariant();
        if (method != Lottery && Qadam.Statistics.Evaluation.ParseMethod(method) is null) errors.Add("method", "Validation.UnknownMethod");
        if (method == Lottery && source == Psychosocial.InstrumentOutcomeSource.SourceKey) errors.Add("method", "Validation.LotterySource");
        var estimand = string.IsNullOrWhiteSpace(input.Estimand) ? "att" : input.Estimand.Trim().ToLowerInvariant();
        if (estimand is not ("att" or "ate") || (estimand == "ate" && method != "ipw")) errors.Add("estimand", "Validation.Estimand");
        var baseline = string.IsNullOrWhiteSpace(input.Baseline) ? null : input.Baseline.Trim();
        if (method == "did" && baseline is null) errors.Add("baseline", "Validation.Required");
        if (input.Caliper is <= 0 or > 5) errors.Add("caliper", "Validation.Caliper");
        // MatchIt 4.5.1's default routine, which nn reproduces, ignores a caliper (MatchIt issue #163): refused, not ignored.
        else if (input.Caliper is not null && method is "nn" or "nn-replace") errors.Add("caliper", "Validation.CaliperNeedsClassic");
        if (input.Ratio is < 1 or > 10) errors.Add("ratio", "Validation.Ratio");
        if (input.Bootstrap is < 0 or > 10_000) errors.Add("bootstrap", "Validation.Bootstrap");
        var covariates = (input.Covariates ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (covariates.Count == 0 && method is not ("did" or Lottery)) errors.Add("covariates", "Validation.Required");
        if (errors.Any) return (null, errors);
        return (new StudyPlan(input.Question!.Trim(), source, input.Treatment!.Trim(), input.Outcome!.Trim(), covariates, method, estimand, baseline,
            input.Caliper, input.Ratio ?? 1, input.Bootstrap ?? 0, input.Seed ?? 1, string.IsNullOrWhiteSpace(input.Cluster) ? null : input.Cluster.Trim()), errors);
    }
}
