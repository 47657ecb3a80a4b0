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
    /// <summary>The lottery design: drawn (offered a place) against not drawn, among the entrants of the organisation's drawn lotteries.</summary>
    public const string Drawn = "drawn";

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
        var lottery = plan.Treatment == Drawn;
        // The randomised design: every entrant of a drawn lottery (not the priority places, given outside the draw), withdrawn or not.
        var entries = !lottery ? [] : await (from e in db.LotteryEntries
                                              join l in db.CohortLotteries on e.LotteryId equals l.Id
                                              where l.OrganisationId == study.OrganisationId && l.Status == LotteryStatus.Drawn && !e.Priority
                                              select new { e.ApplicantId, e.LotteryId, e.Stratum, Drawn = e.Drawn == true }).ToListAsync(ct);
        var entrantIds = entries.Select(e => e.ApplicantId).ToList();
        var applicants = await db.SchemeApplicants.AsNoTracking()
            .Where(a => a.OrganisationId == study.OrganisationId && (lottery ? entrantIds.Contains(a.Id) : a.Status != ApplicantStatus.Withdrawn))
            .Select(a => new { a.Id, a.PersonId, a.AppliedOn, a.Education, a.Skills }).ToListAsync(ct);
        var entry = entries.ToDictionary(e => e.ApplicantId);
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
        var rows = new List<(bool Treated, double Outcome, double Age, double Female, string Region, string Education, double Skills, bool Placed, string Stratum)>();
        foreach (var a in applicants)
        {
            if (!consented.Contains(a.PersonId)) { Drop("no evaluation consent"); continue; }
            // Lost to follow-up is counted per group: differential attrition is the first threat a reviewer checks.
            var group = lottery ? (entry[a.Id].Drawn ? "drawn" : "not drawn") : placed.Contains(a.Id) ? "placed" : "not placed";
            if (!outcomes.TryGetValue(a.Id, out var employment)) { Drop($"lost to follow-up ({plan.Outcome}): {group}"); continue; }
            var person = people.GetValueOrDefault(a.PersonId);
            if (plan.Covariates.Contains("age") && person?.DateOfBirth is null) { Drop("no date of birth"); continue; }
            if (plan.Covariates.Contains("region") && person?.RegionCode is null) { Drop("no region"); continue; }
            var age = person?.DateOfBirth is { } dob ? a.AppliedOn.Year - dob.Year - (a.AppliedOn < dob.AddYears(a.AppliedOn.Year - dob.Year) ? 1 : 0) : 0;
            rows.Add((lottery ? entry[a.Id].Drawn : placed.Contains(a.Id), employment == EmploymentStatus.FullTime ? 1 : 0, age, person?.Sex == Sex.Female ? 1 : 0,
                person?.RegionCode ?? "", a.Education.ToString(), string.IsNullOrWhiteSpace(a.Skills) ? 0 : a.Skills.Split(',', StringSplitOptions.RemoveEmptyEntries).Length,
                placed.Contains(a.Id), lottery ? $"{entry[a.Id].LotteryId}|{entry[a.Id].Stratum}" : ""));
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
        var method = Qadam.Statistics.Evaluation.ParseMethod(plan.Method) ?? Method.Ipw; // validated when the plan was saved ("lottery" is not the engine's)
        var request = new EvaluationRequest(covariates, rows.Select(r => r.Treated).ToArray(), rows.Select(r => r.Outcome).ToArray(), method,
            plan.Estimand == "ate" ? Estimand.Ate : Estimand.Att, null, plan.Ratio, plan.Caliper, null, plan.Bootstrap, plan.Seed);
        var strata = rows.Select(r => r.Stratum).Distinct().Order(StringComparer.Ordinal).Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        return new StudyData(request, applicants.Count, dropped)
        {
            Randomised = lottery ? new RandomisedData(rows.Select(r => r.Placed).ToArray(), rows.Select(r => strata[r.Stratum]).ToArray()) : null,
        };
    }
}
