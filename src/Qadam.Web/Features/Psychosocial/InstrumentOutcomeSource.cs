using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Statistics;
using Qadam.Web.Features.Evaluation;

namespace Qadam.Web.Features.Psychosocial;

/// <summary>
/// Instrument scores as the outcome of an evaluation study. Units are the people of the study's organisation with an
/// active evaluation consent and two or more complete scores on the instrument. Treatment <c>participant</c> = at least one
/// consultation or named attendance at a psychosocial group session between the first and the last score (the comparison
/// group: people measured while on the waiting list or otherwise not served); <c>sessionsN</c> (e.g. <c>sessions4</c>) = at
/// least N such contacts, against fewer — to relate the sessions attended to change. Outcomes: <c>{code}Last</c> (the last
/// score), <c>{code}Change</c> (last − first), or <c>{code}Week{W}</c> (the score nearest W weeks after the first, within two
/// weeks; people without one are counted as lost to follow-up). Baseline <c>{code}First</c> allows difference-in-differences.
/// Covariates: age, female, region, baseline (the first score). Only derived, non-identifying values leave the database.
/// </summary>
public sealed partial class InstrumentOutcomeSource : IOutcomeSource
{
    public const string SourceKey = "instruments";
    public static readonly IReadOnlyList<string> CovariateNames = ["age", "female", "region", "baseline"];
    public static readonly IReadOnlyList<int> Weeks = [4, 8, 12, 26];

    public string Key => SourceKey;

    [GeneratedRegex("^(phq9|gad7|who5|brs|k10)(Last|Change|First|Week(4|8|12|26))$")]
    private static partial Regex OutcomePattern();

    [GeneratedRegex("^(participant|sessions([1-9][0-9]?))$")]
    private static partial Regex TreatmentPattern();

    /// <summary>The instrument and the kind of outcome; null when the name is not one this source offers.</summary>
    public static (string Instrument, string Kind, int? Week)? ParseOutcome(string? name) =>
        name is not null && OutcomePattern().Match(name.Trim()) is { Success: true } m && m.Groups[2].Value != "First"
            ? (m.Groups[1].Value, m.Groups[2].Value.StartsWith("Week", StringComparison.Ordinal) ? "Week" : m.Groups[2].Value, m.Groups[3].Success ? int.Parse(m.Groups[3].Value) : null)
            : null;

    public static int? ParseTreatment(string? name) =>
        name is not null && TreatmentPattern().Match(name.Trim()) is { Success: true } m ? (m.Groups[2].Success ? int.Parse(m.Groups[2].Value) : 1) : null;

    public static bool IsBaseline(string? baseline, string outcome) =>
        ParseOutcome(outcome) is { } o && baseline?.Trim() == o.Instrument + "First";

    public async Task<StudyData> LoadAsync(EvaluationStudy study, StudyPlan plan, QadamDbContext db, CancellationToken ct)
    {
        var (code, kind, week) = ParseOutcome(plan.Outcome)!.Value; // validated when the plan was saved
        var minimum = ParseTreatment(plan.Treatment)!.Value;
        var scores = await db.Measurements.AsNoTracking()
            .Where(m => m.OrganisationId == study.OrganisationId && m.Instrument == code && m.Complete && m.Total != null)
            .Select(m => new { m.PersonId, m.TakenOn, m.CreatedAt, Total = m.Total!.Value }).ToListAsync(ct);
        var byPerson = scores.GroupBy(s => s.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.TakenOn).ThenBy(s => s.CreatedAt).ToList());
        var personIds = byPerson.Keys.ToList();
        var consented = (await db.Consents.AsNoTracking()
            .Where(c => c.Purpose == ConsentPurpose.Evaluation && c.WithdrawnAt == null && personIds.Contains(c.PersonId))
            .Select(c => c.PersonId).ToListAsync(ct)).ToHashSet();
        var people = (await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Sex, p.DateOfBirth, p.RegionCode }).ToListAsync(ct)).ToDictionary(p => p.Id);
        var consultations = await db.Consultations.AsNoTracking().Where(c => c.OrganisationId == study.OrganisationId && personIds.Contains(c.PersonId))
            .Select(c => new { c.PersonId, c.Date }).ToListAsync(ct);
        var attended = await (from a in db.SessionAttendances
                              join s in db.ActivitySessions on a.SessionId equals s.Id
                              join g in db.GroupActivities on s.ActivityId equals g.Id
                              where g.OrganisationId == study.OrganisationId && g.Kind != ActivityKind.Training && personIds.Contains(a.PersonId)
                              select new { a.PersonId, s.Date }).ToListAsync(ct);
        var contacts = consultations.Select(c => (c.PersonId, c.Date)).Concat(attended.Select(a => (a.PersonId, a.Date))).ToLookup(x => x.PersonId, x => x.Date);

        var dropped = new Dictionary<string, int>();
        void Drop(string reason) => dropped[reason] = dropped.GetValueOrDefault(reason) + 1;
        var rows = new List<(bool Treated, double Outcome, double First, double Age, double Female, string Region)>();
        foreach (var (personId, list) in byPerson)
        {
            if (!consented.Contains(personId)) { Drop("no evaluation consent"); continue; }
            if (list.Count < 2) { Drop($"only one {code} score"); continue; }
            var first = list[0];
            double? outcome = kind switch
            {
                "Last" => list[^1].Total,
                "Change" => list[^1].Total - first.Total,
                _ => list.Skip(1).Select(s => (s, Gap: Math.Abs(s.TakenOn.DayNumber - first.TakenOn.DayNumber - week!.Value * 7)))
                    .Where(x => x.Gap <= 14).OrderBy(x => x.Gap).Select(x => (double?)x.s.Total).FirstOrDefault(),
            };
            if (outcome is null) { Drop($"no {code} score near week {week}"); continue; }
            var person = people.GetValueOrDefault(personId);
            if (plan.Covariates.Contains("age") && person?.DateOfBirth is null) { Drop("no date of birth"); continue; }
            if (plan.Covariates.Contains("region") && person?.RegionCode is null) { Drop("no region"); continue; }
            var end = kind == "Last" || kind == "Change" ? list[^1].TakenOn : first.TakenOn.AddDays(week!.Value * 7 + 14);
            var served = contacts[personId].Count(d => d >= first.TakenOn && d <= end);
            var at = first.TakenOn;
            var age = person?.DateOfBirth is { } dob ? at.Year - dob.Year - (at < dob.AddYears(at.Year - dob.Year) ? 1 : 0) : 0;
            rows.Add((served >= minimum, outcome.Value, first.Total, age, person?.Sex == Sex.Female ? 1 : 0, person?.RegionCode ?? ""));
        }
        var covariates = plan.Covariates.Select(name => name switch
        {
            "age" => new CovariateColumn("age", rows.Select(r => r.Age).ToArray()),
            "female" => new CovariateColumn("female", rows.Select(r => r.Female).ToArray()),
            "region" => new CovariateColumn("region", Text: rows.Select(r => r.Region).ToArray()),
            _ => new CovariateColumn("baseline", rows.Select(r => r.First).ToArray()),
        }).ToList();
        var method = Qadam.Statistics.Evaluation.ParseMethod(plan.Method)!.Value;
        var request = new EvaluationRequest(covariates, rows.Select(r => r.Treated).ToArray(), rows.Select(r => r.Outcome).ToArray(), method,
            plan.Estimand == "ate" ? Estimand.Ate : Estimand.Att, plan.Baseline is null ? null : rows.Select(r => r.First).ToArray(), plan.Ratio, plan.Caliper,
            null, plan.Bootstrap, plan.Seed);
        return new StudyData(request, byPerson.Count, dropped);
    }
}
