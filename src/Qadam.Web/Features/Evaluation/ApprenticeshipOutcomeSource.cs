using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Statistics;

namespace Qadam.Web.Features.Evaluation;

/// <summary>
/// Qadam's own apprenticeship records: treated = applicants who were placed, comparison = applicants never placed
/// (waiting list / eligible non-participants), outcome = full-time employment at a follow-up milestone. Only people
/// with an active evaluation consent are used, and only derived, non-identifying values leave the database
/// (age, sex, region, education, number of skills) — never names, IIN or contacts.
/// </summary>
public sealed class ApprenticeshipOutcomeSource : IOutcomeSource
{
    public const string SourceKey = "apprenticeship";
    public const string Treatment = "placed";

    public static readonly IReadOnlyDictionary<string, FollowUpMilestone> Outcomes = new Dictionary<string, FollowUpMilestone>
    {
        ["fullTimeAtCompletion"] = FollowUpMilestone.Completion,
        ["fullTimeAt3Months"] = FollowUpMilestone.Month3,
        ["fullTimeAt6Months"] = FollowUpMilestone.Month6,
        ["fullTimeAt12Months"] = FollowUpMilestone.Month12,
    };

    public static readonly IReadOnlyList<string> CovariateNames = ["age", "female", "region", "education", "skills"];

    public string Key => SourceKey;

    public async Task<StudyData> LoadAsync(EvaluationStudy study, StudyPlan plan, QadamDbContext db, CancellationToken ct)
    {
        var milestone = Outcomes[plan.Outcome];
        var applicants = await db.SchemeApplicants.AsNoTracking()
            .Where(a => a.OrganisationId == study.OrganisationId && a.Status != ApplicantStatus.Withdrawn)
            .Select(a => new { a.Id, a.PersonId, a.AppliedOn, a.Education, a.Skills }).ToListAsync(ct);
        var personIds = applicants.Select(a => a.PersonId).Distinct().ToList();
        var consented = (await db.Consents.AsNoTracking()
            .Where(c => c.Purpose == ConsentPurpose.Evaluation && c.WithdrawnAt == null && personIds.Contains(c.PersonId))
            .Select(c => c.PersonId).ToListAsync(ct)).ToHashSet();
        // Only unencrypted, non-identifying columns are read.
        var people = (await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Sex, p.DateOfBirth, p.RegionCode }).ToListAsync(ct)).ToDictionary(p => p.Id);
        var applicantIds = applicants.Select(a => a.Id).ToList();
        var placed = (await db.Placements.AsNoTracking().Where(p => applicantIds.Contains(p.ApplicantId)).Select(p => p.ApplicantId).ToListAsync(ct)).ToHashSet();
        var outcomes = (await db.FollowUps.AsNoTracking()
            .Where(f => applicantIds.Contains(f.ApplicantId) && f.Milestone == milestone && f.Employment != null)
            .Select(f => new { f.ApplicantId, f.Employment }).ToListAsync(ct)).ToDictionary(f => f.ApplicantId, f => f.Employment!.Value);

        var dropped = new Dictionary<string, int>();
        void Drop(string reason) => dropped[reason] = dropped.GetValueOrDefault(reason) + 1;
        var rows = new List<(bool Treated, double Outcome, double Age, double Female, string Region, string Education, double Skills)>();
        foreach (var a in applicants)
        {
            if (!consented.Contains(a.PersonId)) { Drop("no evaluation consent"); continue; }
            if (!outcomes.TryGetValue(a.Id, out var employment)) { Drop($"lost to follow-up ({plan.Outcome})"); continue; }
            var person = people.GetValueOrDefault(a.PersonId);
            if (plan.Covariates.Contains("age") && person?.DateOfBirth is null) { Drop("no date of birth"); continue; }
            if (plan.Covariates.Contains("region") && person?.RegionCode is null) { Drop("no region"); continue; }
            var age = person?.DateOfBirth is { } dob ? a.AppliedOn.Year - dob.Year - (a.AppliedOn < dob.AddYears(a.AppliedOn.Year - dob.Year) ? 1 : 0) : 0;
            rows.Add((placed.Contains(a.Id), employment == EmploymentStatus.FullTime ? 1 : 0, age, person?.Sex == Sex.Female ? 1 : 0,
                person?.RegionCode ?? "", a.Education.ToString(), string.IsNullOrWhiteSpace(a.Skills) ? 0 : a.Skills.Split(',', StringSplitOptions.RemoveEmptyEntries).Length));
        }
        var covariates = new List<CovariateColumn>();
        foreach (var name in plan.Covariates)
            covariates.Add(name switch
            {
                "age" => new CovariateColumn("age", rows.Select(r => r.Age).ToArray()),
                "female" => new CovariateColumn("female", rows.Select(r => r.Female).ToArray()),
                "region" => new CovariateColumn("region", Text: rows.Select(r => r.Region).ToArray()),
                "education" => new CovariateColumn("education", Text: rows.Select(r => r.Education).ToArray()),
                _ => new CovariateColumn("skills", rows.Select(r => r.Skills).ToArray()),
            });
        var method = Qadam.Statistics.Evaluation.ParseMethod(plan.Method)!.Value; // validated when the plan was saved
        var request = new EvaluationRequest(covariates, rows.Select(r => r.Treated).ToArray(), rows.Select(r => r.Outcome).ToArray(), method,
            plan.Estimand == "ate" ? Estimand.Ate : Estimand.Att, null, plan.Ratio, plan.Caliper, null, plan.Bootstrap, plan.Seed);
        return new StudyData(request, applicants.Count, dropped);
    }
}
