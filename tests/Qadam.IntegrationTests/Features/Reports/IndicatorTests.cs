using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.IntegrationTests.Infrastructure;
using Qadam.Web.Features.Evaluation;
using Qadam.Web.Features.Reports;

namespace Qadam.IntegrationTests.Features.Reports;

/// <summary>
/// Every definition of the indicator library against records built here (issue #12), on both providers. The records
/// belong to an organisation of their own, so nothing else is counted; the project runs over 2026 by quarters.
/// </summary>
public abstract class IndicatorTests(AppFixture app)
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static DateTimeOffset At(DateOnly d) => new(d.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    private sealed record Built(Guid Project, Dictionary<string, Guid> Indicators);

    private static async Task<Built> BuildAsync(QadamDbContext db)
    {
        var user = await db.Users.Where(u => u.Email == "manager1@demo.qadam.kz").Select(u => u.Id).SingleAsync();
        var org = new Organisation { Name = "Indicator test NGO " + Guid.NewGuid().ToString("N")[..6], Kind = OrganisationKind.Ngo, RegionCode = "KZ-61", CreatedAt = Noon };
        var other = new Organisation { Name = "Receiving centre " + Guid.NewGuid().ToString("N")[..6], Kind = OrganisationKind.SupportCentre, RegionCode = "KZ-61", CreatedAt = Noon };
        db.Organisations.AddRange(org, other);
        Person P(Sex sex, DateOnly? dob, string region = "KZ-61") =>
            db.People.Add(new Person { OrganisationId = org.Id, GivenName = "Тест", FamilyName = "Индикатор", Sex = sex, DateOfBirth = dob, RegionCode = region, CreatedAt = Noon, UpdatedAt = Noon }).Entity;
        var ayana = P(Sex.Female, new DateOnly(2004, 3, 1));   // 21–22 in 2026: 18–24
        ayana.Disability = "yes";
        var timur = P(Sex.Male, new DateOnly(1990, 1, 1));     // 36: 30 and over
        var dana = P(Sex.Female, null);                         // age not recorded
        var outside = P(Sex.Male, new DateOnly(2000, 1, 1), region: "KZ-75"); // outside the project's region

        // Services: Ayana counselling in Q1 and again in Q2 (counted once, in Q1); Timur in Q2; Dana legal aid (another type);
        // the person outside the region in Q1 (not counted).
        Case C(Person p) => db.Cases.Add(new Case { OrganisationId = org.Id, PersonId = p.Id, OpenedByUserId = user, CreatedAt = Noon, UpdatedAt = Noon }).Entity;
        void S(Case c, CaseServiceType t, DateOnly on) => db.CaseServices.Add(new CaseService { CaseId = c.Id, Type = t, DeliveredOn = on, ProviderOrganisationId = org.Id, RecordedByUserId = user, CreatedAt = Noon });
        var caseA = C(ayana); var caseT = C(timur); var caseD = C(dana); var caseO = C(outside);
        S(caseA, CaseServiceType.Counselling, new(2026, 2, 10)); S(caseA, CaseServiceType.Counselling, new(2026, 5, 1));
        S(caseT, CaseServiceType.Counselling, new(2026, 4, 15)); S(caseD, CaseServiceType.LegalAid, new(2026, 2, 1)); S(caseO, CaseServiceType.Counselling, new(2026, 2, 1));
        // A consultation counts as psychological consultation (Dana, Q3).
        db.Consultations.Add(new Consultation { OrganisationId = org.Id, PersonId = dana.Id, PsychologistUserId = user, Date = new(2026, 8, 1), DurationMinutes = 50, CreatedAt = Noon });

        // Contacts: two about radicalisation (a sub-category, Q1 and Q3), one about violence (Q1).
        void Contact(string categories, DateOnly on, Sex? sex, AgeBand? band)
        {
            var c = new Contact
            {
                OrganisationId = org.Id, HandledByUserId = user, Channel = ContactChannel.Phone, StartedAt = At(on), CallerRelation = CallerRelation.Parent,
                Categories = categories, Urgency = ContactUrgency.Medium, Outcome = ContactOutcome.Counselling, CreatedAt = Noon, UpdatedAt = Noon,
                PersonAtRisk = new ContactParty { Sex = sex, AgeBand = band, RegionCode = "KZ-61" },
            };
            c.Complete(At(on).AddMinutes(20));
            db.Contacts.Add(c);
        }
        Contact("radicalisation-concern", new(2026, 1, 20), Sex.Female, AgeBand.From18To24);
        Contact("radicalisation-concern,family-relationships", new(2026, 7, 5), null, null);
        Contact("violence", new(2026, 2, 2), Sex.Male, AgeBand.From15To17);

        // Referrals: Ayana referred twice (Q1, Q2: one person, in Q1), Timur once (Q2); Ayana's first accepted in Q2.
        Referral R(Case c, Person p, DateOnly sent)
        {
            var r = new Referral { Kind = ReferralKind.Referral, CaseId = c.Id, PersonId = p.Id, FromOrganisationId = org.Id, ToOrganisationId = other.Id, SentByUserId = user, Reason = "Test", SentAt = At(sent), DueAt = At(sent).AddDays(3) };
            db.Referrals.Add(r);
            return r;
        }
        R(caseA, ayana, new(2026, 3, 30)).Accept(user, At(new(2026, 4, 2)));
        R(caseA, ayana, new(2026, 5, 5));
        R(caseT, timur, new(2026, 6, 1));

        // The scheme: two employers; Ayana and Timur placed in Q1 (Timur's second placement in Q3 is not a new person), Ayana
        // completes in Q2 and works full-time at completion; Timur completes in Q2, part-time; Dana placed in Q3 with the first employer.
        var e1 = db.Employers.Add(new Employer { OrganisationId = org.Id, Name = "Bakery", RegionCode = "KZ-61" }).Entity;
        var e2 = db.Employers.Add(new Employer { OrganisationId = org.Id, Name = "Garage", RegionCode = "KZ-61" }).Entity;
        var pos1 = db.Positions.Add(new Position { EmployerId = e1.Id, Title = "Baker" }).Entity;
        var pos2 = db.Positions.Add(new Position { EmployerId = e2.Id, Title = "Mechanic" }).Entity;
        SchemeApplicant A(Person p) => db.SchemeApplicants.Add(new SchemeApplicant { OrganisationId = org.Id, PersonId = p.Id, AppliedOn = new(2026, 1, 5), RegionCode = "KZ-61" }).Entity;
        var aA = A(ayana); var aT = A(timur); var aD = A(dana);
        var plA = Placement.Start(aA.Id, pos1.Id, new(2026, 2, 1), employerId: e1.Id); plA.Complete(new(2026, 5, 1));
        var plT = Placement.Start(aT.Id, pos2.Id, new(2026, 3, 1), employerId: e2.Id); plT.Complete(new(2026, 6, 1));
        var plT2 = Placement.Start(aT.Id, pos2.Id, new(2026, 8, 1), employerId: e2.Id);
        var plD = Placement.Start(aD.Id, pos1.Id, new(2026, 9, 1), employerId: e1.Id);
        db.Placements.AddRange(plA, plT, plT2, plD);
        db.FollowUps.Add(new FollowUp { ApplicantId = aA.Id, Milestone = FollowUpMilestone.Completion, DueOn = new(2026, 5, 1), RecordedOn = new(2026, 5, 3), Employment = EmploymentStatus.FullTime });
        db.FollowUps.Add(new FollowUp { ApplicantId = aT.Id, Milestone = FollowUpMilestone.Completion, DueOn = new(2026, 6, 1), RecordedOn = new(2026, 6, 2), Employment = EmploymentStatus.PartTime });

        // Group work: a support group with two sessions (Q2), Ayana at both, Timur at the second, 3 anonymous women 18–24 at the
        // first; a volunteer seminar (Q3) with Dana; a peer-outreach event (Q4) with 7 girls 15–17 and Ayana.
        GroupActivity G(ActivityKind kind, DateOnly on) => db.GroupActivities.Add(new GroupActivity { OrganisationId = org.Id, Kind = kind, Title = kind.ToString(), RegionCode = "KZ-61", StartsOn = on, CreatedByUserId = user, CreatedAt = Noon }).Entity;
        var group = G(ActivityKind.SupportGroup, new(2026, 4, 7));
        var s1 = group.AddSession(new(2026, 4, 7), "One"); s1.Attendees.Add(new SessionAttendance { SessionId = s1.Id, PersonId = ayana.Id });
        s1.Headcounts.Add(new SessionHeadcount { SessionId = s1.Id, Sex = Sex.Female, AgeBand = AgeBand.From18To24, Count = 3 });
        var s2 = group.AddSession(new(2026, 4, 14), "Two"); s2.Attendees.Add(new SessionAttendance { SessionId = s2.Id, PersonId = ayana.Id }); s2.Attendees.Add(new SessionAttendance { SessionId = s2.Id, PersonId = timur.Id });
        var seminar = G(ActivityKind.VolunteerTraining, new(2026, 8, 20));
        var s3 = seminar.AddSession(new(2026, 8, 20), "Volunteers"); s3.Attendees.Add(new SessionAttendance { SessionId = s3.Id, PersonId = dana.Id });
        var outreach = G(ActivityKind.PeerOutreach, new(2026, 10, 10));
        var s4 = outreach.AddSession(new(2026, 10, 10), "Peers"); s4.Attendees.Add(new SessionAttendance { SessionId = s4.Id, PersonId = ayana.Id });
        s4.Headcounts.Add(new SessionHeadcount { SessionId = s4.Id, Sex = Sex.Female, AgeBand = AgeBand.From15To17, Count = 7 });

        // PHQ-9: Ayana 18 → 8 (improved by 10: reliable), Timur 12 → 11 (no reliable change), Dana once (not counted).
        void M(Person p, DateOnly on, double total) => db.Measurements.Add(new Measurement
        {
            OrganisationId = org.Id, PersonId = p.Id, Instrument = "phq9", TakenOn = on, Answers = "", Total = total, Complete = true, RecordedByUserId = user, CreatedAt = At(on),
        });
        M(ayana, new(2026, 3, 1), 18); M(ayana, new(2026, 6, 1), 8); M(timur, new(2026, 3, 1), 12); M(timur, new(2026, 7, 1), 11); M(dana, new(2026, 7, 1), 15);

        // A completed study with an estimate of −3.2, completed in Q3.
        var study = new EvaluationStudy { Title = "Test study", OrganisationId = org.Id, CreatedByUserId = user, CreatedAt = Noon, UpdatedAt = Noon };
        var report = new EvaluationReport.Json("nn", "ATT", -3.2, -3.2, null, 1.1, -5.4, -1.0, "normal", "robust", 40, 60, 45, 70, 5, 0, 40, [], [], null, 1.5, 1.1, "", 0, 0);
        study.Complete(JsonSerializer.Serialize(new StudyResult(report, 115, new Dictionary<string, int>(), [], [], "hash"), EvaluationReport.Options), At(new(2026, 8, 15)));
        db.EvaluationStudies.Add(study);

        var project = new Project
        {
            OrganisationId = org.Id, Title = "Indicator test", IatiIdentifier = "KZ-TEST-" + Guid.NewGuid().ToString("N")[..8], StartsOn = new(2026, 1, 1), EndsOn = new(2026, 12, 31),
            Regions = "KZ-61", CreatedByUserId = user, CreatedAt = Noon, UpdatedAt = Noon,
        };
        foreach (var period in ProjectReports.Periods(project.Id, project.StartsOn, project.EndsOn, PeriodKind.Quarter)) project.Periods.Add(period);
        var result = new LogframeResult { ProjectId = project.Id, Level = ResultLevel.Output, Code = "1", Title = "Everything" };
        project.Results.Add(result);
        var ids = new Dictionary<string, Guid>();
        void I(string code, string definition, string? parameter)
        {
            var d = IndicatorLibrary.Find(definition)!;
            var i = new Indicator { ResultId = result.Id, ProjectId = project.Id, Code = code, Title = code, Source = IndicatorSource.Computed, Definition = definition, Parameter = parameter, Measure = d.Measure };
            result.Indicators.Add(i);
            ids[code] = i.Id;
        }
        I("served", "people.service", "counselling");
        I("consulted", "people.service", "psychologicalConsultation");
        I("contacts", "contacts.category", "violent-extremism");
        I("allContacts", "contacts.category", null);
        I("referred", "referrals.people", null);
        I("accepted", "referrals.accepted", null);
        I("placed", "scheme.placed", null);
        I("completed", "scheme.completed", null);
        I("employed", "scheme.employed", "completion");
        I("employers", "scheme.employers", null);
        I("sessions", "activities.sessions", null);
        I("attendees", "activities.attendees", null);
        I("volunteers", "volunteers.trained", null);
        I("peers", "volunteers.peers", null);
        I("improved", "instrument.improvement", "phq9");
        I("study", "study.estimate", study.Id.ToString());
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return new Built(project.Id, ids);
    }

    [Fact]
    public async Task EveryDefinition_CountsTheRecordsBuiltHere_ByPeriodAndDisaggregation()
    {
        var report = await app.WithDbAsync(async db =>
        {
            var built = await BuildAsync(db);
            var builder = new ReportBuilder(db, TimeProvider.System);
            var project = (await builder.LoadAsync(built.Project, CancellationToken.None))!;
            return await builder.BuildAsync(project, null, suppressed: false, editable: false, CancellationToken.None);
        });
        Assert.Equal(IndicatorLibrary.All.Select(d => d.Key).Order(), report.Indicators.Select(i => i.Definition!).Distinct().Order());
        double?[] Q(string code) => report.Indicators.Single(i => i.Code == code).Periods.Select(p => p.Actual).ToArray();
        IndicatorReportDto Of(string code) => report.Indicators.Single(i => i.Code == code);
        long? Cat(string code, string dimension, string category) =>
            Of(code).Disaggregations.Single(d => d.Dimension == dimension).Categories.SingleOrDefault(c => c.Category == category)?.Cumulative.Count;

        Assert.Equal([1d, 1, 0, 0], Q("served"));                 // Ayana once (Q1), Timur (Q2); not legal aid, not outside the region
        Assert.Equal(2d, Of("served").ToDate);
        Assert.Equal(1, Cat("served", "sex", "female"));
        Assert.Equal(1, Cat("served", "ageBand", "from30"));
        Assert.Equal((1L, 0L, 1L), (Cat("served", "disability", "yes")!.Value, Cat("served", "disability", "no") ?? 0, Cat("served", "disability", "unknown")!.Value));
        Assert.Equal([0d, 0, 1, 0], Q("consulted"));              // Dana's consultation
        Assert.Equal(1, Cat("consulted", "ageBand", "unknown"));
        Assert.Equal([1d, 0, 1, 0], Q("contacts"));               // the sub-category counts under its parent
        Assert.Equal([2d, 0, 1, 0], Q("allContacts"));
        Assert.Equal(1, Cat("allContacts", "sex", "unknown"));
        Assert.Equal([1d, 1, 0, 0], Q("referred"));               // Ayana in Q1 (not again in Q2), Timur in Q2
        Assert.Equal([0d, 1, 0, 0], Q("accepted"));
        Assert.Equal([2d, 0, 1, 0], Q("placed"));                 // Ayana, Timur (Q1); Dana (Q3); Timur's second placement is not a new person
        Assert.Equal([0d, 2, 0, 0], Q("completed"));
        Assert.Equal(50d, Q("employed")[1]);                      // 1 full-time of 2 reached at completion, in Q2
        Assert.Equal((1L, 2L), (Of("employed").Periods[1].Numerator!.Value, Of("employed").Periods[1].Denominator!.Value));
        Assert.Equal(1, Cat("employed", "sex", "female"));        // the numerator by sex: Ayana
        Assert.Equal([2d, 0, 0, 0], Q("employers"));              // both employers first took an apprentice in Q1
        Assert.Equal([0d, 2, 1, 1], Q("sessions"));
        Assert.Equal([0d, 5, 1, 7], Q("attendees"));              // Q2: Ayana, Timur + 3 anonymous; Q3 Dana; Q4 7 anonymous (Ayana already counted)
        Assert.Equal([0d, 0, 1, 0], Q("volunteers"));
        Assert.Equal([0d, 0, 0, 8], Q("peers"));                  // 7 counted + Ayana
        Assert.Equal([0d, 100, 0, 0], Q("improved").Select(v => v ?? 0).ToArray()); // Ayana improved (Q2: 1 of 1)
        Assert.Equal(0d, Q("improved")[2] ?? 0);
        Assert.Equal((0L, 1L), (Of("improved").Periods[2].Numerator ?? 0, Of("improved").Periods[2].Denominator ?? 0)); // Timur: no reliable change, Q3
        Assert.Equal(50d, Of("improved").ToDate);
        Assert.Equal(-3.2, Q("study")[2]);
        Assert.Contains("95% CI -5.4 to -1", Of("study").Periods[2].Note);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class IndicatorTests_Sqlite(SqliteApp app) : IndicatorTests(app);

[Collection(PostgresCollection.Name)]
public sealed class IndicatorTests_Postgres(PostgresApp app) : IndicatorTests(app);
