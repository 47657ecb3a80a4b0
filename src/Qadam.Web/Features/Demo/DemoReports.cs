using Microsoft.EntityFrameworkCore;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Features.Reports;

namespace Qadam.Web.Features.Demo;

/// <summary>
/// Two demo projects, one per demo organisation and donor, with their logframes, targets, computed and hand-entered
/// indicators and closed (frozen) periods: the Almaty centre's apprenticeship and support project funded by the
/// Government of Japan, and the Kyzylorda NGO's hotline and peer-outreach project funded by the European Union
/// (STRIVE Asia). Peer-outreach events and a volunteer seminar of the Kyzylorda NGO over the past months give its
/// closed quarter real figures.
/// </summary>
public static class DemoReports
{
    public static async Task SeedAsync(QadamDbContext db, TimeProvider clock, Organisation almaty, Organisation kyzylorda, Random r, DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        Today = today;
        var manager1 = await UserAsync(db, DemoSeeder.Login(Roles.Manager, 1), ct);
        var manager2 = await UserAsync(db, DemoSeeder.Login(Roles.Manager, 2), ct);
        var me1 = await UserAsync(db, DemoSeeder.Login(Roles.MeOfficer, 1), ct);
        var me2 = await UserAsync(db, DemoSeeder.Login(Roles.MeOfficer, 2), ct);
        var cw2 = await UserAsync(db, DemoSeeder.Login(Roles.CaseWorker, 2), ct);
        await KyzylordaOutreachAsync(db, kyzylorda, cw2, r, today, now, ct);

        var japan = new Donor { Name = "Government of Japan", IatiRef = "XM-DAC-701", Type = "10" };
        var eu = new Donor { Name = "European Union (STRIVE Asia)", IatiRef = "XI-IATI-EC_INTPA", Type = "15" };
        db.Donors.AddRange(japan, eu);

        // ——— Almaty: the apprenticeship scheme and psychosocial support, 2026–2027, by quarter ———
        var p1 = new Project
        {
            OrganisationId = almaty.Id, Title = "Молодёжь Алматы: занятость и психологическая поддержка для профилактики экстремизма",
            Description = "Субсидируемые трёхмесячные стажировки у работодателей с наставниками, консультации психологов и группы поддержки для уязвимой молодёжи Алматы и Алматинской области.",
            IatiIdentifier = "KZ-BIN-140440012345-PVE-ALM-2026", ReportingOrgRef = "KZ-BIN-140440012345", StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2027, 12, 31),
            Budget = 850_000m, Currency = "USD", Regions = "KZ-75,KZ-19", SharedWithGovernment = true, CreatedByUserId = manager1, CreatedAt = now, UpdatedAt = now,
        };
        p1.Donors.Add(new ProjectDonor { ProjectId = p1.Id, DonorId = japan.Id, Amount = 850_000m });
        foreach (var period in ProjectReports.Periods(p1.Id, p1.StartsOn, p1.EndsOn, PeriodKind.Quarter)) p1.Periods.Add(period);
        var q1 = p1.Periods.OrderBy(p => p.StartsOn).ToList();
        var goal1 = Result(p1, ResultLevel.Goal, "1", "Уязвимая молодёжь устойчива к вовлечению в насильственный экстремизм");
        Manual(goal1, p1, "1.a", "Доля молодёжи, доверяющей местным молодёжным службам (опрос)", IndicatorMeasure.Percentage,
            "Ежегодный опрос молодёжи акимата, выборка 400", baseline: 38, year: 2025, me1, total: 55, q1, [(2, 44m, "Опрос акимата, сентябрь 2026 (n = 412)")], targets: [(2, 45m), (6, 55m)]);
        var outcome1 = Result(p1, ResultLevel.Outcome, "1.1", "Выпускники стажировок работают");
        Computed(outcome1, p1, "1.1.a", "Доля завершивших стажировку, работающих полный день при завершении", "scheme.employed", "completion", me1, total: 45,
            q1, [(1, 40m), (2, 40m), (3, 42m), (4, 45m)]);
        Computed(outcome1, p1, "1.1.b", "Доля работающих полный день через 3 месяца после завершения", "scheme.employed", "month3", me1, total: 45, q1, [(2, 40m), (3, 40m), (4, 45m)]);
        var output1 = Result(p1, ResultLevel.Output, "1.2", "Молодёжь из отдалённых населённых пунктов проходит стажировки");
        Computed(output1, p1, "1.2.a", "Молодёжь, направленная на стажировку", "scheme.placed", null, me1, total: 300, q1, [(0, 40m), (1, 20m), (2, 40m), (3, 40m)]);
        Computed(output1, p1, "1.2.b", "Работодатели, принявшие стажёров", "scheme.employers", null, me1, total: 150, q1, [(0, 10m), (1, 5m), (2, 15m), (3, 15m)]);
        Computed(output1, p1, "1.2.c", "Завершённые стажировки", "scheme.completed", null, me1, total: 250, q1, [(1, 30m), (2, 10m), (3, 30m)]);
        var output2 = Result(p1, ResultLevel.Output, "1.3", "Молодёжь получает психологическую поддержку");
        Computed(output2, p1, "1.3.a", "Молодые люди, получившие психологическую консультацию", "people.service", "psychologicalConsultation", me1, total: 160, q1, [(2, 10m), (3, 30m)]);
        Computed(output2, p1, "1.3.b", "Доля с надёжным улучшением по PHQ-9", "instrument.improvement", "phq9", me1, total: 50, q1, [(3, 40m)]);
        Computed(output2, p1, "1.3.c", "Проведённые занятия групп и тренингов", "activities.sessions", null, me1, total: 120, q1, [(3, 15m)]);
        Computed(output2, p1, "1.3.d", "Участники групп и тренингов", "activities.attendees", null, me1, total: 400, q1, [(3, 80m)]);
        if (await db.EvaluationStudies.Where(s => s.OrganisationId == almaty.Id).OrderBy(s => s.CreatedAt).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct) is { } study)
            Computed(output2, p1, "1.3.e", "Эффект программы на PHQ-9 (оценочное исследование)", "study.estimate", study.ToString(), me1, total: null, q1, []);
        db.Projects.Add(p1);

        // ——— Kyzylorda: the hotline, referrals and volunteers, from April 2026, by quarter ———
        var p2 = new Project
        {
            OrganisationId = kyzylorda.Id, Title = "STRIVE Asia: Kyzylorda youth hotline and peer volunteers",
            Description = "A youth hotline that informs, counsels and refers, with referrals to support centres, and volunteers trained to talk with their peers about online recruitment.",
            IatiIdentifier = "KZ-BIN-150540067890-STRIVE-KZO", ReportingOrgRef = "KZ-BIN-150540067890", StartsOn = new DateOnly(2026, 4, 1), EndsOn = new DateOnly(2028, 3, 31),
            Budget = 1_200_000m, Currency = "EUR", Regions = "KZ-43", SharedWithGovernment = true, CreatedByUserId = manager2, CreatedAt = now, UpdatedAt = now,
        };
        p2.Donors.Add(new ProjectDonor { ProjectId = p2.Id, DonorId = eu.Id, Amount = 1_200_000m });
        foreach (var period in ProjectReports.Periods(p2.Id, p2.StartsOn, p2.EndsOn, PeriodKind.Quarter)) p2.Periods.Add(period);
        var q2 = p2.Periods.OrderBy(p => p.StartsOn).ToList();
        var goal2 = Result(p2, ResultLevel.Goal, "1", "Young people in Kyzylorda Region turn to help rather than to recruiters");
        Manual(goal2, p2, "1.a", "Teachers and local officials trained to recognise and respond to recruitment", IndicatorMeasure.Unit,
            "Attendance sheets of the Akimat's Youth Policy Department trainings", baseline: 0, year: 2025, me2, total: 200, q2, [(0, 24m, "Attendance sheets, May–June 2026"), (1, 31m, "Attendance sheets, July–September 2026")],
            targets: [(0, 25m), (1, 25m), (2, 25m)]);
        var outcome2 = Result(p2, ResultLevel.Outcome, "1.1", "Callers at risk are referred to and taken up by support services");
        Computed(outcome2, p2, "1.1.a", "People referred to a support service", "referrals.people", null, me2, total: 120, q2, [(0, 10m), (1, 10m), (2, 15m)]);
        Computed(outcome2, p2, "1.1.b", "Referrals accepted by the receiving service", "referrals.accepted", null, me2, total: 100, q2, [(0, 8m), (1, 8m), (2, 12m)]);
        var output2a = Result(p2, ResultLevel.Output, "1.2", "The hotline answers young people and their families");
        Computed(output2a, p2, "1.2.a", "Hotline contacts answered (all categories)", "contacts.category", null, me2, total: 1500, q2, [(0, 100m), (1, 150m), (2, 200m)]);
        var output2b = Result(p2, ResultLevel.Output, "1.3", "Trained volunteers reach their peers");
        Computed(output2b, p2, "1.3.a", "Volunteers trained", "volunteers.trained", null, me2, total: 60, q2, [(0, 8m), (1, 8m), (2, 8m)]);
        Computed(output2b, p2, "1.3.b", "Peers reached by volunteers", "volunteers.peers", null, me2, total: 2000, q2, [(0, 100m), (1, 150m), (2, 150m)]);
        db.Projects.Add(p2);
        await db.SaveChangesAsync(ct);

        // Closed periods: every quarter of the Almaty project that ended before the last one (its last ended quarter waits for
        // the manager), and the Kyzylorda project's first quarter. Each is frozen with its hash.
        var builder = new ReportBuilder(db, clock);
        foreach (var (project, by, count) in new[] { (p1, manager1, Math.Max(0, p1.Periods.Count(p => p.EndsOn < today) - 1)), (p2, manager2, Math.Min(1, p2.Periods.Count(p => p.EndsOn < today))) })
            foreach (var period in project.Periods.OrderBy(p => p.StartsOn).Take(count))
            {
                var loaded = (await builder.LoadAsync(project.Id, ct))!;
                var snapshot = await builder.FreezeAsync(loaded, loaded.Periods.First(p => p.Id == period.Id), by, null, ct);
                db.PeriodSnapshots.Add(snapshot);
                (await db.ReportPeriods.FirstAsync(p => p.Id == period.Id, ct)).Close(by, now);
                await db.SaveChangesAsync(ct);
            }
    }

    [ThreadStatic] private static DateOnly Today;

    private static async Task<Guid> UserAsync(QadamDbContext db, string email, CancellationToken ct) =>
        await db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync(ct);

    private static LogframeResult Result(Project p, ResultLevel level, string code, string title)
    {
        var result = new LogframeResult { ProjectId = p.Id, Level = level, Code = code, Title = title };
        p.Results.Add(result);
        return result;
    }

    private static void Computed(LogframeResult result, Project p, string code, string title, string definition, string? parameter, Guid owner, decimal? total,
        List<ReportPeriod> periods, (int Period, decimal Value)[] targets)
    {
        var d = IndicatorLibrary.Find(definition)!;
        var i = new Indicator
        {
            ResultId = result.Id, ProjectId = p.Id, Code = code, Title = title, Source = IndicatorSource.Computed, Definition = definition, Parameter = parameter,
            Measure = d.Measure, Baseline = 0, BaselineYear = p.StartsOn.Year - 1, TargetTotal = total, OwnerUserId = owner,
        };
        foreach (var (k, v) in targets.Where(t => t.Period < periods.Count)) i.Targets.Add(new IndicatorTarget { IndicatorId = i.Id, PeriodId = periods[k].Id, Value = v });
        result.Indicators.Add(i);
    }

    private static void Manual(LogframeResult result, Project p, string code, string title, IndicatorMeasure measure, string source, decimal baseline, int year, Guid owner,
        decimal total, List<ReportPeriod> periods, (int Period, decimal Value, string Source)[] values, (int Period, decimal Value)[] targets)
    {
        var i = new Indicator
        {
            ResultId = result.Id, ProjectId = p.Id, Code = code, Title = title, Source = IndicatorSource.Manual, Measure = measure, ManualSource = source,
            Baseline = baseline, BaselineYear = year, TargetTotal = total, OwnerUserId = owner,
        };
        foreach (var (k, v) in targets.Where(t => t.Period < periods.Count)) i.Targets.Add(new IndicatorTarget { IndicatorId = i.Id, PeriodId = periods[k].Id, Value = v });
        foreach (var (k, v, s) in values.Where(t => t.Period < periods.Count && periods[t.Period].EndsOn < Today))
            i.ManualValues.Add(new ManualValue { IndicatorId = i.Id, PeriodId = periods[k].Id, Value = v, Source = s, EnteredByUserId = owner, EnteredAt = new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) });
        result.Indicators.Add(i);
    }

    /// <summary>The Kyzylorda NGO's volunteer seminar (May) and monthly peer-outreach events since April, counted by sex and age band.</summary>
    private static async Task KyzylordaOutreachAsync(QadamDbContext db, Organisation org, Guid by, Random r, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        // People of the project's region (its indicators count only them).
        var people = await db.People.IgnoreQueryFilters().Where(p => p.OrganisationId == org.Id && p.MergedIntoId == null && (p.RegionCode == "KZ-43" || p.RegionCode == null))
            .OrderBy(p => p.CreatedAt).Select(p => p.Id).Take(40).ToListAsync(ct);
        if (people.Count < 12) return;
        var seminarOn = new DateOnly(2026, 5, 14);
        if (seminarOn >= today) return;
        var seminar = new GroupActivity
        {
            OrganisationId = org.Id, Kind = ActivityKind.VolunteerTraining, Title = "Семинар волонтёров: как говорить со сверстниками о вербовке", RegionCode = "KZ-43",
            Locality = "Кызылорда", Venue = "Молодёжный центр", StartsOn = seminarOn, EndsOn = seminarOn.AddDays(1), CreatedByUserId = by, CreatedAt = now,
        };
        foreach (var d in new[] { 0, 1 })
        {
            var s = seminar.AddSession(seminarOn.AddDays(d), d == 0 ? "Роль волонтёра и конфиденциальность" : "Разговор о рисках в интернете");
            foreach (var p in people.Take(11)) s.Attendees.Add(new SessionAttendance { SessionId = s.Id, PersonId = p });
        }
        db.GroupActivities.Add(seminar);
        var second = new DateOnly(2026, 9, 10);
        if (second < today)
        {
            var autumn = new GroupActivity
            {
                OrganisationId = org.Id, Kind = ActivityKind.VolunteerTraining, Title = "Семинар волонтёров, второй набор", RegionCode = "KZ-43", Locality = "Кызылорда",
                Venue = "Молодёжный центр", StartsOn = second, EndsOn = second, CreatedByUserId = by, CreatedAt = now,
            };
            var s = autumn.AddSession(second, "Роль волонтёра и конфиденциальность");
            foreach (var p in people.Skip(11).Take(7)) s.Attendees.Add(new SessionAttendance { SessionId = s.Id, PersonId = p });
            db.GroupActivities.Add(autumn);
        }
        for (var on = new DateOnly(2026, 4, 20); on < today; on = on.AddDays(24))
        {
            var outreach = new GroupActivity
            {
                OrganisationId = org.Id, Kind = ActivityKind.PeerOutreach, Title = "Встреча волонтёров со сверстниками", RegionCode = "KZ-43", Locality = "Кызылорда",
                Venue = new[] { "Колледж", "Школа № 12", "Дворовый клуб", "Университет" }[r.Next(4)], StartsOn = on, EndsOn = on, VolunteerPersonId = people[r.Next(11)],
                CreatedByUserId = by, CreatedAt = now,
            };
            var s = outreach.AddSession(on, "Равный — равному: риски вербовки в интернете");
            s.Headcounts.Add(new SessionHeadcount { SessionId = s.Id, Sex = Sex.Female, AgeBand = AgeBand.From15To17, Count = 8 + r.Next(10) });
            s.Headcounts.Add(new SessionHeadcount { SessionId = s.Id, Sex = Sex.Male, AgeBand = AgeBand.From15To17, Count = 6 + r.Next(10) });
            s.Headcounts.Add(new SessionHeadcount { SessionId = s.Id, Sex = Sex.Female, AgeBand = AgeBand.From18To24, Count = 2 + r.Next(6) });
            s.Headcounts.Add(new SessionHeadcount { SessionId = s.Id, Sex = Sex.Male, AgeBand = AgeBand.From18To24, Count = r.Next(5) });
            db.GroupActivities.Add(outreach);
        }
        await db.SaveChangesAsync(ct);
    }
}
