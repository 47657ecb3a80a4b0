using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Privacy;
using Qadam.Statistics;
using Qadam.Web.Features.Psychosocial;

namespace Qadam.Web.Features.Demo;

/// <summary>
/// Demo psychosocial support (issue #10): Almaty's psychologist with a caseload of young people (consultations over twelve
/// weeks, sealed notes, PHQ-9/GAD-7/WHO-5 at the start and later, most improving), a waiting list measured twice without
/// services (the comparison group of the draft evaluation study), one open safety alert and one acknowledged; a weekly
/// support group for victims of destructive groups with named members and head-counts; a five-day training in Aktobe;
/// a volunteer seminar whose volunteers later ran peer outreach; the programme survey "since the programme"; smaller
/// caseloads in Kyzylorda and Kostanai.
/// </summary>
internal static class DemoPsychosocial
{
    private static readonly (string Given, string Family, Sex Sex, int Age)[] Clients =
    [
        ("Айгерим", "Нурланова", Sex.Female, 19), ("Дана", "Ержанова", Sex.Female, 22), ("Мадина", "Касымова", Sex.Female, 24), ("Жансая", "Бекова", Sex.Female, 18),
        ("Аружан", "Сапарова", Sex.Female, 21), ("Камила", "Ахметова", Sex.Female, 26), ("Томирис", "Исаева", Sex.Female, 20), ("Алия", "Муратова", Sex.Female, 23),
        ("Ерлан", "Жумабаев", Sex.Male, 22), ("Нурсултан", "Омаров", Sex.Male, 19), ("Диас", "Серикбаев", Sex.Male, 25), ("Асель", "Кенжебаева", Sex.Female, 27),
        ("Самал", "Абдрахманова", Sex.Female, 17), ("Айдана", "Толегенова", Sex.Female, 24),
    ];

    private static readonly (string Given, string Family, Sex Sex, int Age)[] WaitingList =
    [
        ("Гаухар", "Есенова", Sex.Female, 21), ("Меруерт", "Байжанова", Sex.Female, 23), ("Индира", "Шарипова", Sex.Female, 19), ("Арман", "Калиев", Sex.Male, 24),
        ("Сабина", "Юсупова", Sex.Female, 20), ("Ботагоз", "Мукашева", Sex.Female, 26), ("Руслан", "Ибраев", Sex.Male, 22), ("Лаура", "Жаксылыкова", Sex.Female, 18),
        ("Айжан", "Тулеуова", Sex.Female, 25), ("Динара", "Асанова", Sex.Female, 22),
    ];

    private static readonly string[] Notes =
    [
        "Клиентка описывает частые ссоры с отцом из-за учёбы; тревога о будущем. Обсудили техники дыхания, договорились вести дневник.",
        "Апатия, мало выходит из дома. Поставили маленькие цели на неделю; сон улучшился.",
        "Поиск себя, интерес к закрытой онлайн-группе. Обсудили критическое мышление и доверенных взрослых; согласилась прийти в группу поддержки.",
        "Отбасындағы қақтығыс азайған. Жұмыс іздеу жоспарын құрдық.",
        "Подавленное настроение, плачет. Проработали план безопасности, номер линии 114 записан.",
    ];

    public static async Task SeedAsync(QadamDbContext db, UserManager<AppUser> users, BlindIndex index, Organisation almaty, Organisation kyzylorda, Organisation kostanai,
        Random r, DateTimeOffset now, CancellationToken ct)
    {
        async Task<Guid> U(string role, int n) => (await users.FindByEmailAsync(DemoSeeder.Login(role, n)))!.Id;
        var psy1 = await U(Roles.Psychologist, 1);
        var psy2 = await U(Roles.Psychologist, 2);
        var psy3 = await U(Roles.Psychologist, 3);
        var cw1 = await U(Roles.CaseWorker, 1);
        var sup1 = await U(Roles.Supervisor, 1);
        var me1 = await U(Roles.MeOfficer, 1);
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        Person NewPerson(Organisation org, (string Given, string Family, Sex Sex, int Age) p, Guid by, DateTimeOffset at, string region, string locality)
        {
            var person = new Person
            {
                OrganisationId = org.Id, GivenName = p.Given, FamilyName = p.Family, Sex = p.Sex, DateOfBirth = today.AddYears(-p.Age).AddDays(-r.Next(0, 300)),
                RegionCode = region, Locality = locality, CreatedAt = at, CreatedByUserId = by, UpdatedAt = at,
            };
            person.NameDobHash = index.NameAndBirthDate(person.GivenName, person.FamilyName, person.DateOfBirth);
            person.NameTokens.AddRange(PersonNameToken.Of(person.Id, index, person.GivenName, person.FamilyName));
            db.People.Add(person);
            foreach (var purpose in new[] { ConsentPurpose.Services, ConsentPurpose.Evaluation, ConsentPurpose.AnonymousStatistics })
                db.Consents.Add(new Consent { PersonId = person.Id, Purpose = purpose, GivenBy = p.Age < 18 ? ConsentGiver.Guardian : ConsentGiver.Person, GivenAt = at, RecordedByUserId = by });
            return person;
        }

        Measurement Measure(Organisation org, Person p, Instrument instrument, int?[] answers, DateOnly on, Guid by, Guid? consultation, bool self = false)
        {
            var s = instrument.Score(answers);
            var m = new Measurement
            {
                OrganisationId = org.Id, PersonId = p.Id, ConsultationId = consultation, Instrument = instrument.Code, TakenOn = on,
                Answers = string.Join(',', answers.Select(a => a?.ToString() ?? "")), Total = s.Total, Complete = s.Complete, Band = s.Band, Caseness = s.Caseness,
                Alert = s.Alert == true, SelfReported = self, RecordedByUserId = by, CreatedAt = now,
            };
            db.Measurements.Add(m);
            return m;
        }

        // Answers that add up to about a target total (the last item of PHQ-9 is kept at 0 unless asked).
        int?[] Answers(Instrument i, int target, bool item9 = false)
        {
            var a = new int?[i.Items];
            var items = i.Code == "phq9" && !item9 ? i.Items - 1 : i.Items;
            for (var k = 0; k < i.Items; k++) a[k] = i.MinAnswer;
            var left = Math.Max(0, target - i.MinAnswer * i.Items);
            for (var guard = 0; left > 0 && guard < 500; guard++)
            {
                var k = r.Next(0, items);
                if (a[k] < i.MaxAnswer) { a[k]++; left--; }
            }
            if (item9) a[8] = Math.Max(1, a[8]!.Value);
            return a;
        }

        Consultation Consult(Organisation org, Person p, Guid psychologist, DateOnly on, string issues, string interventions, DateOnly? next, string? note, bool risk = false)
        {
            var c = new Consultation
            {
                OrganisationId = org.Id, PersonId = p.Id, PsychologistUserId = psychologist, Date = on, DurationMinutes = new[] { 45, 50, 60 }[r.Next(0, 3)],
                Modality = r.Next(0, 5) == 0 ? ConsultationModality.Online : ConsultationModality.InPerson, Issues = issues, Interventions = interventions,
                NextAppointmentOn = next, RiskOfHarm = risk, CreatedAt = now.AddDays(on.DayNumber - today.DayNumber),
            };
            db.Consultations.Add(c);
            if (note is not null)
                db.ClinicalNotes.Add(new ClinicalNote { ConsultationId = c.Id, OrganisationId = org.Id, PersonId = p.Id, AuthorUserId = psychologist, Text = note, WrittenAt = c.CreatedAt });
            return c;
        }

        // ——— Almaty: the psychologist's caseload ———
        var issueSets = new[]
        {
            "family-conflict,worry-about-future", "negative-emotions,apathy", "search-for-identity,destructive-group", "depression,negative-emotions",
            "stress-work-life,worry-about-future", "family-conflict,search-for-identity",
        };
        var clients = new List<Person>();
        for (var i = 0; i < Clients.Length; i++)
        {
            var start = today.AddDays(-84 + i * 2);
            var person = NewPerson(almaty, Clients[i], psy1, now.AddDays(start.DayNumber - today.DayNumber), "KZ-75", "Алматы");
            clients.Add(person);
            var sessions = 2 + i % 4;
            var baseline = 11 + r.Next(0, 9);
            for (var s = 0; s < sessions; s++)
            {
                var on = start.AddDays(s * 14);
                var last = s == sessions - 1;
                var next = last && i % 5 == 1 ? today.AddDays(-2) : last ? today.AddDays(3 + i % 7) : on.AddDays(14);
                var c = Consult(almaty, person, psy1, on, issueSets[i % issueSets.Length], s == 0 ? "psychoeducation,supportive-counselling" : "cbt-techniques,relaxation,problem-solving",
                    next, Notes[(i + s) % Notes.Length]);
                if (s == 0 || last)
                {
                    // Most improve; two do not (honest demo numbers).
                    var phq = s == 0 ? baseline : i % 6 == 5 ? baseline + 1 : Math.Max(2, baseline - 6 - r.Next(0, 5));
                    var phqAnswers = Answers(Instrument.Phq9, phq, item9: s == 0 && i == 4);
                    var m = Measure(almaty, person, Instrument.Phq9, phqAnswers, on, psy1, c.Id);
                    Measure(almaty, person, Instrument.Gad7, Answers(Instrument.Gad7, s == 0 ? 10 + r.Next(0, 6) : 4 + r.Next(0, 5)), on, psy1, c.Id);
                    if (i % 3 == 0) Measure(almaty, person, Instrument.Who5, Answers(Instrument.Who5, s == 0 ? 8 + r.Next(0, 4) : 14 + r.Next(0, 5)), on, psy1, c.Id);
                    if (m.Alert)
                    {
                        var alert = new SafetyAlert { OrganisationId = almaty.Id, PersonId = person.Id, PsychologistUserId = psy1, Source = SafetyAlertSource.Phq9Item9, MeasurementId = m.Id, ConsultationId = c.Id, RaisedAt = now.AddDays(on.DayNumber - today.DayNumber) };
                        alert.Acknowledge(psy1, "Обсудили план безопасности, связались с матерью с согласия клиентки; повторная встреча через 3 дня.", alert.RaisedAt.AddMinutes(20));
                        db.SafetyAlerts.Add(alert);
                    }
                }
            }
        }
        // Today's consultation with a sign of danger, not yet acknowledged: on the psychologist's and supervisor's home pages.
        {
            var p = clients[7];
            var c = Consult(almaty, p, psy1, today, "depression,negative-emotions", "safety-planning,supportive-counselling", today.AddDays(2),
                "Говорит о мыслях, что «лучше бы её не было». Плана нет. Составили план безопасности; завтра звонок.", risk: true);
            var m = Measure(almaty, p, Instrument.Phq9, Answers(Instrument.Phq9, 17, item9: true), today, psy1, c.Id);
            db.SafetyAlerts.Add(new SafetyAlert { OrganisationId = almaty.Id, PersonId = p.Id, PsychologistUserId = psy1, Source = SafetyAlertSource.Phq9Item9, MeasurementId = m.Id, ConsultationId = c.Id, RaisedAt = now.AddMinutes(-25) });
        }
        // A client's own answers on the tablet.
        Measure(almaty, clients[2], Instrument.Brs, [4, 2, 4, 2, 3, 3], today.AddDays(-10), psy1, null, self: true);

        // The waiting list: measured at intake and again about eight weeks later, no services yet.
        foreach (var (w, k) in WaitingList.Select((w, k) => (w, k)))
        {
            var intake = today.AddDays(-70 + k * 3);
            var p = NewPerson(almaty, w, psy1, now.AddDays(intake.DayNumber - today.DayNumber), "KZ-75", "Алматы");
            var first = 11 + r.Next(0, 8);
            Measure(almaty, p, Instrument.Phq9, Answers(Instrument.Phq9, first), intake, psy1, null);
            Measure(almaty, p, Instrument.Phq9, Answers(Instrument.Phq9, Math.Max(3, first - 2 + r.Next(0, 4))), intake.AddDays(56), psy1, null);
            Measure(almaty, p, Instrument.Gad7, Answers(Instrument.Gad7, 9 + r.Next(0, 6)), intake, psy1, null);
            Measure(almaty, p, Instrument.Gad7, Answers(Instrument.Gad7, 8 + r.Next(0, 6)), intake.AddDays(56), psy1, null);
        }

        // ——— Group work ———
        var group = new GroupActivity
        {
            OrganisationId = almaty.Id, Kind = ActivityKind.SupportGroup, Title = "Еженедельная группа поддержки пострадавших от деструктивных групп", RegionCode = "KZ-75",
            Locality = "Алматы", Venue = "Центр, зал 2", StartsOn = today.AddDays(-42), EndsOn = today.AddDays(60), CreatedByUserId = psy1, CreatedAt = now.AddDays(-43),
        };
        group.Facilitators.Add(new ActivityFacilitator { ActivityId = group.Id, UserId = psy1 });
        group.Facilitators.Add(new ActivityFacilitator { ActivityId = group.Id, UserId = cw1 });
        var topics = new[] { "Знакомство и правила группы", "Как работают манипуляции", "Доверие и границы", "Семья и близкие", "Стресс и восстановление", "Планы на будущее" };
        for (var w = 0; w < topics.Length; w++)
        {
            var s = group.AddSession(today.AddDays(-42 + w * 7), topics[w]);
            foreach (var p in clients.Where((_, k) => k % 3 != 1).Take(6).Where((_, k) => (k + w) % 5 != 0))
                s.Attendees.Add(new SessionAttendance { SessionId = s.Id, PersonId = p.Id });
            s.Headcounts.Add(new SessionHeadcount { SessionId = s.Id, Sex = Sex.Female, AgeBand = AgeBand.From18To24, Count = 1 + w % 3 });
        }
        db.GroupActivities.Add(group);

        var training = new GroupActivity
        {
            OrganisationId = almaty.Id, Kind = ActivityKind.MultiDayTraining, Title = "Пятидневный тренинг: стресс, общение, риски экстремизма", RegionCode = "KZ-15",
            Locality = "Актобе", Venue = "Молодёжный ресурсный центр", StartsOn = today.AddDays(-30), EndsOn = today.AddDays(-26), CreatedByUserId = psy1, CreatedAt = now.AddDays(-35),
        };
        training.Facilitators.Add(new ActivityFacilitator { ActivityId = training.Id, UserId = psy1 });
        var days = new[] { "Стресс и как с ним справляться", "Баланс работы и жизни", "Общение и конфликты", "Риски вовлечения в экстремизм", "Мой план и поддержка" };
        for (var d = 0; d < days.Length; d++)
        {
            var s = training.AddSession(training.StartsOn.AddDays(d), days[d]);
            foreach (var p in clients.Skip(8).Take(4)) s.Attendees.Add(new SessionAttendance { SessionId = s.Id, PersonId = p.Id });
            s.Headcounts.Add(new SessionHeadcount { SessionId = s.Id, Sex = Sex.Female, AgeBand = AgeBand.From18To24, Count = 14 - d % 2 });
            s.Headcounts.Add(new SessionHeadcount { SessionId = s.Id, Sex = Sex.Female, AgeBand = AgeBand.From25To29, Count = 5 });
            s.Headcounts.Add(new SessionHeadcount { SessionId = s.Id, Sex = Sex.Male, AgeBand = AgeBand.From18To24, Count = 4 });
        }
        db.GroupActivities.Add(training);

        var seminar = new GroupActivity
        {
            OrganisationId = almaty.Id, Kind = ActivityKind.VolunteerTraining, Title = "Семинар для волонтёров: равный — равному", RegionCode = "KZ-75", Locality = "Алматы",
            Venue = "Центр, зал 1", StartsOn = today.AddDays(-60), EndsOn = today.AddDays(-59), CreatedByUserId = cw1, CreatedAt = now.AddDays(-61),
        };
        seminar.Facilitators.Add(new ActivityFacilitator { ActivityId = seminar.Id, UserId = cw1 });
        var volunteers = new[] { clients[0], clients[3], clients[9], clients[11] };
        foreach (var (topic, d) in new[] { ("Роль волонтёра, этика и конфиденциальность", 0), ("Как говорить со сверстниками о рисках", 1) })
        {
            var s = seminar.AddSession(seminar.StartsOn.AddDays(d), topic);
            foreach (var v in volunteers) s.Attendees.Add(new SessionAttendance { SessionId = s.Id, PersonId = v.Id });
        }
        db.GroupActivities.Add(seminar);
        foreach (var (v, k) in volunteers.Take(2).Select((v, k) => (v, k)))
            for (var e = 0; e < 2; e++)
            {
                var on = today.AddDays(-40 + k * 5 + e * 14);
                var outreach = new GroupActivity
                {
                    OrganisationId = almaty.Id, Kind = ActivityKind.PeerOutreach, Title = e == 0 ? "Встреча в колледже" : "Беседа во дворе", RegionCode = "KZ-75", Locality = "Алматы",
                    Venue = e == 0 ? "Колледж связи" : "Дворовый клуб", StartsOn = on, EndsOn = on, VolunteerPersonId = v.Id, CreatedByUserId = cw1, CreatedAt = now.AddDays(on.DayNumber - today.DayNumber),
                };
                var s = outreach.AddSession(on, "Равный — равному: риски вербовки в интернете");
                s.Headcounts.Add(new SessionHeadcount { SessionId = s.Id, Sex = Sex.Female, AgeBand = AgeBand.From15To17, Count = 6 + k + e });
                s.Headcounts.Add(new SessionHeadcount { SessionId = s.Id, Sex = Sex.Male, AgeBand = AgeBand.From15To17, Count = 4 + e });
                s.Headcounts.Add(new SessionHeadcount { SessionId = s.Id, Sex = Sex.Female, AgeBand = AgeBand.From18To24, Count = 3 });
                db.GroupActivities.Add(outreach);
            }

        // ——— The programme survey, version 1, with answers from clients who finished ———
        var form = new SurveyForm("since_programme", "С начала программы / Бағдарлама басталғаннан бері / Since the programme", "",
        [
            new("select_one", "new_friends", L("Появились ли у вас новые друзья?", "Жаңа достарыңыз пайда болды ма?", "Have you made new friends?"), true, "yes_no"),
            new("select_one", "interest_group", L("Вступили ли вы в кружок или клуб по интересам?", "Қызығушылық үйірмесіне немесе клубқа қосылдыңыз ба?", "Have you joined an interest group or club?"), true, "yes_no"),
            new("select_one", "confidence", L("Насколько вы уверены в себе?", "Өзіңізге қаншалықты сенімдісіз?", "How confident do you feel?"), true, "likert5"),
            new("select_one", "quality_of_life", L("Как вы оцениваете качество своей жизни?", "Өмір сапаңызды қалай бағалайсыз?", "How would you rate your quality of life?"), true, "likert5"),
            new("text", "comment", L("Что изменилось для вас?", "Сіз үшін не өзгерді?", "What has changed for you?"), false, null),
        ],
        [
            new("yes_no", "yes", L("Да", "Иә", "Yes")), new("yes_no", "no", L("Нет", "Жоқ", "No")),
            new("likert5", "1", L("Очень плохо", "Өте нашар", "Very poor")), new("likert5", "2", L("Плохо", "Нашар", "Poor")),
            new("likert5", "3", L("Средне", "Орташа", "Fair")), new("likert5", "4", L("Хорошо", "Жақсы", "Good")), new("likert5", "5", L("Очень хорошо", "Өте жақсы", "Very good")),
        ]);
        var survey = new Survey { OrganisationId = almaty.Id, Code = form.Id, Title = form.Title, CreatedAt = now.AddDays(-50) };
        var version = new SurveyVersion { SurveyId = survey.Id, Number = 1, Definition = JsonSerializer.Serialize(form, JsonSerializerOptions.Web), CreatedByUserId = sup1, CreatedAt = now.AddDays(-50) };
        survey.Versions.Add(version);
        db.Surveys.Add(survey);
        foreach (var (p, k) in clients.Take(6).Select((p, k) => (p, k)))
            db.SurveyResponses.Add(new SurveyResponse
            {
                SurveyVersionId = version.Id, OrganisationId = almaty.Id, PersonId = p.Id, AnsweredOn = today.AddDays(-3 - k), RecordedByUserId = psy1, CreatedAt = now.AddDays(-3 - k),
                Answers = JsonSerializer.Serialize(new Dictionary<string, string> { ["new_friends"] = k % 3 == 0 ? "no" : "yes", ["interest_group"] = k % 2 == 0 ? "yes" : "no", ["confidence"] = (3 + k % 3).ToString(), ["quality_of_life"] = (3 + (k + 1) % 3).ToString() }),
            });

        // ——— The M&E officer's draft study on these scores ———
        var study = new EvaluationStudy { Title = "PHQ-9: участники и лист ожидания", OrganisationId = almaty.Id, CreatedByUserId = me1, CreatedAt = now.AddDays(-1), UpdatedAt = now.AddDays(-1), Version = 1 };
        study.SetPlan(new StudyPlan("Снижают ли консультации и группы симптомы депрессии (PHQ-9) по сравнению с листом ожидания?", InstrumentOutcomeSource.SourceKey,
            "participant", "phq9Last", ["baseline", "female", "age"], "ipw", "att", null, null, 1, 0, 1, null));
        db.EvaluationStudies.Add(study);

        // ——— Kyzylorda and Kostanai: smaller caseloads ———
        foreach (var (org, psy, region, locality, people) in new[]
        {
            (kyzylorda, psy2, "KZ-43", "Кызылорда", new[] { ("Назерке", "Абдуллаева", Sex.Female, 20), ("Жулдыз", "Смагулова", Sex.Female, 23), ("Бауыржан", "Ташенов", Sex.Male, 21) }),
            (kostanai, psy3, "KZ-39", "Костанай", new[] { ("Алина", "Сейтказиева", Sex.Female, 23), ("Мирас", "Утепов", Sex.Male, 19) }),
        })
            foreach (var (p, k) in people.Select((p, k) => (p, k)))
            {
                var start = today.AddDays(-35 + k * 4);
                var person = NewPerson(org, p, psy, now.AddDays(start.DayNumber - today.DayNumber), region, locality);
                for (var s = 0; s < 2; s++)
                {
                    var on = start.AddDays(s * 14);
                    var c = Consult(org, person, psy, on, k == 0 ? "destructive-group,family-conflict" : "worry-about-future,stress-work-life", "supportive-counselling,psychoeducation",
                        s == 1 ? today.AddDays(5) : on.AddDays(14), Notes[(k + s + 2) % Notes.Length]);
                    Measure(org, person, Instrument.Phq9, Answers(Instrument.Phq9, s == 0 ? 13 : 8), on, psy, c.Id);
                }
            }
    }

    private static Dictionary<string, string> L(string ru, string kk, string en) => new() { ["ru"] = ru, ["kk"] = kk, ["en"] = en };
}
