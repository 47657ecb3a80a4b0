# Comparison group (#11) strings: key -> (en, ru, kk). Run: cd tools/strings && python3 scheme_comparison.py
import resx

S = {
"Scheme.ComparisonGroup": ("comparison group", "группа сравнения", "салыстыру тобы"),
"Scheme.ComparisonGroupHint": ("comparison group: eligible, not placed; followed up like the completers", "группа сравнения: подходили, но не получили места; наблюдаются так же, как завершившие", "салыстыру тобы: сай келді, бірақ орын алмады; аяқтағандар сияқты бақыланады"),
"Scheme.RecordedAs": ("Recorded", "Записано", "Жазылған"),
"Scheme.Correction": ("This corrects the recorded outcome", "Это исправление записанного результата", "Бұл жазылған нәтижені түзету"),
"Scheme.CorrectionReason": ("Why it is corrected", "Причина исправления", "Түзету себебі"),
"Scheme.AgainstComparison": ("Full-time employment: participants and the comparison group", "Полная занятость: участники и группа сравнения", "Толық жұмыспен қамту: қатысушылар және салыстыру тобы"),
"Scheme.Participants": ("participants (completers)", "участники (завершившие)", "қатысушылар (аяқтағандар)"),
"Scheme.ResponseRate": ("reached", "охват", "қамтылды"),
"Scheme.ComparisonHint": ("The comparison group are applicants who were eligible in a matching run but not placed, followed up at the same milestones from their cohort's planned end (with their consent to follow-up contact). A difference between the two shares is not yet an impact estimate: an evaluation study adjusts for how the groups differ.",
  "Группа сравнения — заявители, которые подходили в расчёте распределения, но не получили места; с их согласия на контакт они опрашиваются в те же сроки от планового окончания своей когорты. Разница долей — ещё не оценка воздействия: исследование учитывает, чем группы различаются.",
  "Салыстыру тобы — бөлу есебінде сай келген, бірақ орын алмаған өтініш берушілер; байланысқа келісімімен олар өз когортасының жоспарлы аяқталуынан бастап сол мерзімдерде сұралады. Үлестер айырмасы әлі әсер бағасы емес: зерттеу топтардың айырмашылығын ескереді."),
}

resx.write(S)
