# Honest follow-up inputs (#11) strings: key -> (en, ru, kk). Run: cd tools/strings && python3 scheme_honest.py
import resx

S = {
"Scheme.ChooseOutcome": ("— choose the outcome —", "— выберите результат —", "— нәтижені таңдаңыз —"),
"Scheme.FollowUpNotYetDue": ("not due yet", "срок ещё не наступил", "мерзімі әлі келген жоқ"),
"Validation.FollowUpNotDue": ("This follow-up is not due yet: it can be recorded from two weeks before its date.", "Срок этого контроля ещё не наступил: его можно записать не раньше чем за две недели до даты.", "Бұл бақылаудың мерзімі әлі келген жоқ: оны күнінен екі апта бұрын ғана жазуға болады."),
"Validation.FollowUpBeforeDue": ("The date is more than two weeks before the follow-up was due.", "Дата более чем на две недели раньше срока контроля.", "Күні бақылау мерзімінен екі аптадан астам бұрын."),
"Validation.FollowUpRecorded": ("This outcome is already recorded: to change it, mark the entry as a correction and give the reason (the earlier entry stays in the history).",
  "Этот результат уже записан: чтобы изменить его, отметьте запись как исправление и укажите причину (прежняя запись остаётся в истории).",
  "Бұл нәтиже бұрын жазылған: өзгерту үшін жазбаны түзету ретінде белгілеп, себебін көрсетіңіз (бұрынғы жазба тарихта қалады)."),
}

resx.write(S)

# The run summary without plural agreement after a bare number (issue #11: "20 40 өтініш берушінің орын алғаны").
resx.write({
"Scheme.PlacedLabel": ("Placed:", "Получили место:", "Орын алғандар:"),
"Scheme.OfApplicants.one": ("of {0} applicant", "из {0} заявителя", "{0} өтініш берушінің ішінен"),
"Scheme.OfApplicants.few": ("of {0} applicants", "из {0} заявителей", "{0} өтініш берушінің ішінен"),
"Scheme.OfApplicants.many": ("of {0} applicants", "из {0} заявителей", "{0} өтініш берушінің ішінен"),
"Scheme.OfApplicants.other": ("of {0} applicants", "из {0} заявителей", "{0} өтініш берушінің ішінен"),
"Scheme.PlacesCount": ("places: {0}", "мест: {0}", "орын саны: {0}"),
})
