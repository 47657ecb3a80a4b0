# The studies form explains programme-data studies in words (#11): key -> (en, ru, kk). Run: cd tools/strings && python3 study_words.py
import resx

S = {
"Study.SourcesExplained": ("What a study on Qadam's own records compares", "Что сравнивает исследование по данным Qadam", "Qadam деректері бойынша зерттеу нені салыстырады"),
"Study.ApprenticeshipCompares": ("Applicants who were placed in an apprenticeship (treated) against eligible applicants of the same matching runs who were not placed and were followed up all the same (comparison group). Only people who consented to evaluation are used; those not reached at the milestone are counted as lost to follow-up, never as not employed.",
  "Заявители, получившие стажировку (участники), против подходивших заявителей тех же распределений, которые места не получили, но опрашивались так же (группа сравнения). Учитываются только давшие согласие на оценку; не опрошенные в срок считаются выбывшими, а не безработными.",
  "Тағылымдамаға орналасқан өтініш берушілер (қатысушылар) сол бөлулерде сай келіп, бірақ орын алмаған және солай сұралған өтініш берушілермен (салыстыру тобы) салыстырылады. Тек бағалауға келісім бергендер ескеріледі; мерзімінде сұралмағандар жұмыссыз емес, бақылаудан шыққан деп есептеледі."),
"Study.Outcome.fullTimeAtCompletion": ("employed full-time at the completion follow-up", "полная занятость на контроле по окончании", "аяқталған кездегі бақылауда толық жұмыспен қамтылған"),
"Study.Outcome.fullTimeAt3Months": ("employed full-time three months after completion", "полная занятость через три месяца после окончания", "аяқталғаннан кейін үш айдан соң толық жұмыспен қамтылған"),
"Study.Outcome.fullTimeAt6Months": ("employed full-time six months after completion", "полная занятость через шесть месяцев после окончания", "аяқталғаннан кейін алты айдан соң толық жұмыспен қамтылған"),
"Study.Outcome.fullTimeAt12Months": ("employed full-time a year after completion", "полная занятость через год после окончания", "аяқталғаннан кейін бір жылдан соң толық жұмыспен қамтылған"),
"Study.InstrumentsCompares": ("People who received psychosocial support between their first and last score (treated) against people measured twice without it, e.g. on the waiting list (comparison group). Replace phq9 by gad7, who5, brs or k10 for another instrument.",
  "Получившие психосоциальную поддержку между первым и последним измерением (участники) против измеренных дважды без неё, например в листе ожидания (группа сравнения). Вместо phq9 можно указать gad7, who5, brs или k10.",
  "Бірінші және соңғы өлшем аралығында психоәлеуметтік қолдау алғандар (қатысушылар) оны алмай екі рет өлшенгендермен, мысалы күту тізіміндегілермен (салыстыру тобы) салыстырылады. phq9 орнына gad7, who5, brs немесе k10 көрсетуге болады."),
"Study.Treatment.participant": ("treated = at least one consultation or group session attended by name", "участник — хотя бы одна консультация или посещение группы поимённо", "қатысушы — кемінде бір кеңес немесе топқа аты-жөнімен қатысу"),
"Study.Treatment.sessions": ("treated = at least 4 consultations or sessions (any number), against fewer: how change relates to the sessions attended", "участник — не меньше 4 консультаций или занятий (любое число), против меньшего: как изменение связано с числом занятий", "қатысушы — кемінде 4 кеңес не сабақ (кез келген сан), азымен салыстырғанда: өзгеріс сабақ санына қалай байланысты"),
"Study.Outcome.last": ("the last score", "последний балл", "соңғы балл"),
"Study.Outcome.change": ("the last score minus the first", "последний балл минус первый", "соңғы балл минус бірінші"),
"Study.Outcome.week": ("the score nearest 12 weeks after the first (within two weeks; also 4, 8 or 26)", "балл, ближайший к 12 неделям после первого (в пределах двух недель; также 4, 8 или 26)", "біріншіден кейін 12 аптаға ең жақын балл (екі апта ішінде; сондай-ақ 4, 8 немесе 26)"),
"Study.Outcome.first": ("as the baseline: the first score (for difference-in-differences)", "как исходное значение: первый балл (для разности разностей)", "бастапқы мән ретінде: бірінші балл (айырмалар айырмасы үшін)"),
}

resx.write(S)
