# The matching run's review page for a coordinator on a tablet (#11): summary first, costs and margins in words.
# Run: cd tools/strings && python3 run_page.py
import resx

resx.replace({
"Scheme.Why.Best": ("The best of {0} allowed positions for this applicant: any other would cost {1} points more, with the competition for places counted.",
  "Лучшая из допустимых вакансий ({0}) для этого заявителя: любая другая обошлась бы на {1} баллов дороже с учётом конкуренции за места.",
  "Бұл өтініш беруші үшін рұқсат етілген орындардың ({0}) ең үздігі: орындарға бәсекені ескергенде, кез келген басқасы {1} балға қымбатқа түсер еді."),
"Scheme.Why.PricedOut": ("Not placed: all {0} allowed positions went to applicants they suited better. The closest, {1} ({2}), would have cost {3} points more in total than the applicant placed there.",
  "Без места: все допустимые вакансии ({0}) достались заявителям, которым они подходят лучше. Ближайшая — {1} ({2}) — обошлась бы в сумме на {3} баллов дороже, чем заявитель, получивший её.",
  "Орынсыз: рұқсат етілген барлық орын ({0}) оларға көбірек сай келетіндерге берілді. Ең жақыны — {1} ({2}) — оны алған өтініш берушіге қарағанда жалпы {3} балға қымбатқа түсер еді."),
})
resx.write({
"Scheme.CostExplained": ("Costs are counted in points: 1 point per km of travel, 60 per required skill the applicant lacks, 20 when the position is in the applicant's second-choice sector and 40 for a later choice. The optimal mode places as many applicants as possible, then at the lowest total.",
  "Стоимость считается в баллах: 1 балл за км пути, 60 за каждый недостающий требуемый навык, 20 — если вакансия во второй по выбору отрасли заявителя, 40 — в более дальней. Оптимальный режим размещает как можно больше заявителей, затем с наименьшей суммой.",
  "Құны балмен есептеледі: жолдың әр км-іне 1 балл, жетпейтін әр талап етілген дағдыға 60, орын өтініш берушінің екінші таңдаған саласында болса 20, одан әрі болса 40. Оңтайлы режим мүмкіндігінше көп өтініш берушіні орналастырады, содан кейін ең аз жалпы құнмен."),
"Scheme.NotPlacedCount": ("Not placed: {0}", "Без места: {0}", "Орынсыз: {0}"),
"Scheme.Reason.noneWithinReach": ("no allowed position within reach", "нет допустимой вакансии в досягаемости", "жақын жерде рұқсат етілген орын жоқ"),
"Scheme.Reason.pricedOut": ("places went to applicants they suited better", "места достались более подходящим заявителям", "орындар көбірек сай келетіндерге берілді"),
"Scheme.Reason.noMentor": ("no mentor place left", "нет свободного наставника", "бос тәлімгер жоқ"),
"Scheme.Reason.notChosen": ("positions preferred other applicants", "вакансии предпочли других заявителей", "орындар басқа өтініш берушілерді қалады"),
"Scheme.QuotaMet": ("Women's quota met in every region.", "Квота для женщин выполнена во всех регионах.", "Әйелдер квотасы барлық өңірде орындалды."),
"Scheme.QuotaNotMet": ("Women's quota not met in: {0}.", "Квота для женщин не выполнена: {0}.", "Әйелдер квотасы орындалмады: {0}."),
"Scheme.ChoicesDetails": ("The price of each choice (optimal, stable, without the quota)", "Цена каждого выбора (оптимальный, устойчивый, без квоты)", "Әр таңдаудың бағасы (оңтайлы, тұрақты, квотасыз)"),
"Scheme.AdjustDetails": ("Swap two applicants or pin one to a position", "Поменять двух заявителей местами или закрепить заявителя за вакансией", "Екі өтініш берушіні ауыстыру немесе біреуін орынға бекіту"),
"Scheme.ProposalDetails": ("Each applicant, with the reason", "Каждый заявитель и причина", "Әр өтініш беруші және себебі"),
"Scheme.PageOf": ("Page {0} of {1}", "Страница {0} из {1}", "{1} беттің {0}-беті"),
"Scheme.PreviousPage": ("Previous", "Назад", "Алдыңғы"),
"Scheme.NextPage": ("Next", "Далее", "Келесі"),
})
