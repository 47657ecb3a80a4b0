using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Features.Evaluation;

/// <summary>"Does the apprenticeship raise full-time employment at 6 months?" — from Qadam's own records.</summary>
public abstract class ApprenticeshipStudyTests(AppFixture app)
{
    [Fact]
    public async Task OwnRecordsStudy_UsesConsentedApplicantsOnly_CountsLostToFollowUp_AndCarriesNoIdentifiers()
    {
        // Scheme records for the M&E officer's organisation: 150 applicants, 60 placed; a known effect on employment.
        var (expectedNoConsent, expectedLost, names) = await app.WithDbAsync(async db =>
        {
            var org = await db.Users.Where(u => u.Email == "meofficer1@demo.qadam.kz").Select(u => u.OrganisationId).SingleAsync();
            // The demo scheme's applicants step aside (withdrawn applications are outside every study), so the counts are this test's own.
            await db.SchemeApplicants.Where(a => a.OrganisationId == org).ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ApplicantStatus.Withdrawn));
            var people = Enumerable.Range(0, 150).Select(k => new Person
            {
                OrganisationId = org, GivenName = k % 2 == 0 ? "Аружан" : "Санжар", FamilyName = TestData.Surname("Стажёр"), Sex = k % 3 == 0 ? Sex.Male : Sex.Female,
                DateOfBirth = new DateOnly(2000 + k % 8, 1 + k % 12, 1 + k % 27), RegionCode = "KZ-75", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, Version = 1,
            }).ToList();
            db.People.AddRange(people);
            var employer = new Employer { OrganisationId = org, Name = "Almaty Bakery LLP", Type = EmployerType.PrivateBusiness, RegionCode = "KZ-75" };
            var position = new Position { EmployerId = employer.Id, Title = "Baker's apprentice", Slots = 60, MonthlySubsidy = 85000 };
            db.Employers.Add(employer);
            db.Positions.Add(position);
            var rng = new Random(42);
            int noConsent = 0, lost = 0;
            for (var k = 0; k < people.Count; k++)
            {
                var person = people[k];
                var applicant = new SchemeApplicant { OrganisationId = org, PersonId = person.Id, AppliedOn = new DateOnly(2026, 2, 1), Education = (Education)(1 + k % 4), Skills = k % 4 == 0 ? "baking,sales" : k % 7 == 0 ? "baking,sales,driving" : "sales" };
                db.SchemeApplicants.Add(applicant);
                var hasConsent = await db.Consents.AnyAsync(c => c.PersonId == person.Id && c.Purpose == ConsentPurpose.Evaluation && c.WithdrawnAt == null);
                if (!hasConsent && k % 10 != 0)
                {
                    db.Consents.Add(new Consent { PersonId = person.Id, Purpose = ConsentPurpose.Evaluation, GivenBy = person.IsMinorOn(new DateOnly(2026, 2, 1)) ? ConsentGiver.Guardian : ConsentGiver.Person,
                        GuardianName = person.IsMinorOn(new DateOnly(2026, 2, 1)) ? "Guardian" : null, GivenAt = DateTimeOffset.UtcNow, RecordedByUserId = Guid.Empty });
                    hasConsent = true;
                }
                var treated = k % 5 < 2; // 40% placed
                if (treated)
                {
                    applicant.Status = ApplicantStatus.Placed;
                    var placement = Placement.Start(applicant.Id, position.Id, new DateOnly(2026, 3, 1));
                    placement.Complete(new DateOnly(2026, 6, 1));
                    db.Placements.Add(placement);
                }
                if (!hasConsent) { noConsent++; continue; }
                if (k % 13 == 0) { lost++; continue; } // not reached at +6 months
                var fullTime = rng.NextDouble() < (treated ? 0.6 : 0.3);
                db.FollowUps.Add(new FollowUp { ApplicantId = applicant.Id, Milestone = FollowUpMilestone.Month6, DueOn = new DateOnly(2026, 12, 1), RecordedOn = new DateOnly(2026, 12, 3),
                    Employment = fullTime ? EmploymentStatus.FullTime : EmploymentStatus.NotWorking });
            }
            await db.SaveChangesAsync();
            return (noConsent, lost, people.Select(p => p.FamilyName).ToList());
        });

        using var client = await app.ClientAsync(Roles.MeOfficer);
        var created = await client.PostAsJsonAsync("/api/v1/evaluation/studies", new
        {
            title = "Apprenticeship and employment", question = "Does the apprenticeship raise full-time employment at 6 months?",
            outcomeSource = "apprenticeship", outcome = "fullTimeAt6Months", covariates = "age,female,education,skills", method = "ipw",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).Id();
        var study = await Studies.LockRunAndWaitAsync(client, id);
        Assert.True(study.GetProperty("status").GetString() == "completed", study.GetProperty("error").ToString());
        var result = study.GetProperty("result");
        Assert.Equal(150, result.GetProperty("unitsFound").GetInt32());
        var dropped = result.GetProperty("dropped");
        Assert.Equal(expectedNoConsent, dropped.TryGetProperty("no evaluation consent", out var nc) ? nc.GetInt32() : 0);
        // Lost to follow-up counted per group (differential attrition shows).
        Assert.Equal(expectedLost, dropped.EnumerateObject().Where(d => d.Name.StartsWith("lost to follow-up (fullTimeAt6Months): ", StringComparison.Ordinal)).Sum(d => d.Value.GetInt32()));
        Assert.All(dropped.EnumerateObject().Where(d => d.Name.StartsWith("lost", StringComparison.Ordinal)), d => Assert.Matches(@": (placed|not placed)$", d.Name));
        var report = result.GetProperty("report");
        Assert.Equal(150 - expectedNoConsent - expectedLost, report.GetProperty("treatedInput").GetInt32() + report.GetProperty("controlsInput").GetInt32());
        Assert.InRange(report.GetProperty("att").GetDouble(), 0.05, 0.6); // true effect 0.3 on a 0/1 outcome
        Assert.StartsWith("risk ratio (binary", report.GetProperty("eValueBasis").GetString());

        var body = JsonSerializer.Serialize(study);
        Assert.DoesNotContain(names, n => body.Contains(n, StringComparison.Ordinal));
        var bad = await client.PostAsJsonAsync("/api/v1/evaluation/studies", new
        {
            title = "x", question = "y", outcomeSource = "apprenticeship", outcome = "salary", covariates = "age,iin", method = "did",
        });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "outcome", "covariates", "method" }) Assert.True(errors.TryGetProperty(field, out _), field);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ApprenticeshipStudyTests_Sqlite(SqliteApp app) : ApprenticeshipStudyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ApprenticeshipStudyTests_Postgres(PostgresApp app) : ApprenticeshipStudyTests(app);
