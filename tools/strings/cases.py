# Cases, referrals, directory, hotline figures and jobs (#9) strings: key -> (en, ru, kk). Run: python3 tools/strings/cases.py
import resx

S = {
"Validation.ServicesConsentMissing": ("The person has not consented to services: record their (or a guardian's) consent first.",
  "Человек не дал согласия на услуги: сначала запишите его согласие (или согласие опекуна).",
  "Адам қызметтерге келісім бермеген: алдымен оның (немесе қамқоршының) келісімін жазыңыз."),
"Validation.ConsentMissing": ("A consent the referral needs is missing.", "Нет согласия, необходимого для направления.", "Жолдамаға қажет келісім жоқ."),
"Validation.ReferralNotFound": ("No such referral to your organisation.", "Такого направления в вашу организацию нет.", "Сіздің ұйымыңызға мұндай жолдама жоқ."),
"Validation.ReferralNotAccepted": ("Accept the referral before opening a case from it.", "Сначала примите направление, затем откройте по нему дело.", "Алдымен жолдаманы қабылдаңыз, содан кейін іс ашыңыз."),
"Validation.ReferralOtherPerson": ("The referral is about another person.", "Направление касается другого человека.", "Жолдама басқа адам туралы."),
"Validation.ContactNotFound": ("No such contact among yours.", "Такого обращения среди ваших нет.", "Сіздің өтініштеріңіздің арасында мұндай өтініш жоқ."),
"Validation.CaseNotFound": ("No such case among yours.", "Такого дела среди ваших нет.", "Сіздің істеріңіздің арасында мұндай іс жоқ."),
"Validation.NotAWorker": ("Choose an active case worker, psychologist or supervisor of your organisation.",
  "Выберите действующего специалиста, психолога или супервизора вашей организации.",
  "Ұйымыңыздың белсенді маманын, психологын немесе супервизорын таңдаңыз."),
"Validation.CaseStatus": ("Choose active, onHold or closed.", "Выберите active, onHold или closed.", "active, onHold немесе closed таңдаңыз."),
"Validation.ClosureReason": ("Choose why the case is closed.", "Укажите причину закрытия дела.", "Істің жабылу себебін көрсетіңіз."),
"Validation.GoalNotFound": ("No such goal in this case.", "В этом деле нет такой цели.", "Бұл істе мұндай мақсат жоқ."),
"Validation.GoalStatus": ("Choose open, achieved or dropped.", "Выберите open, achieved или dropped.", "open, achieved немесе dropped таңдаңыз."),
"Validation.ServiceType": ("Choose a type of service from the list.", "Выберите вид услуги из списка.", "Тізімнен қызмет түрін таңдаңыз."),
"Validation.TaskKind": ("Choose task or followUp.", "Выберите task или followUp.", "task немесе followUp таңдаңыз."),
"Validation.TaskNotFound": ("No such task in this case.", "В этом деле нет такой задачи.", "Бұл істе мұндай тапсырма жоқ."),
"Validation.ReferToSelf": ("Choose another organisation than yours.", "Выберите другую организацию, не свою.", "Өз ұйымыңыздан басқа ұйымды таңдаңыз."),
"Validation.Party": ("Choose caller, personAtRisk or personOfConcern.", "Выберите caller, personAtRisk или personOfConcern.", "caller, personAtRisk немесе personOfConcern таңдаңыз."),
"Referral.ConsentMissing": ("The person has not given consent to: {0}. Record it before referring.",
  "Человек не дал согласия: {0}. Запишите согласие перед направлением.",
  "Адам келісім бермеген: {0}. Жолдамас бұрын келісімді жазыңыз."),
"Referral.ConsentServices": ("services", "на услуги", "қызметтерге"),
"Referral.ConsentSharing": ("sharing with {0}", "на передачу сведений в «{0}»", "«{0}» ұйымымен мәлімет алмасуға"),
}

if __name__ == "__main__":
    resx.write(S)
