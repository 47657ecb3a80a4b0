# National scale (#13) strings: key -> (en, ru, kk). Run: cd tools/strings && python3 scale.py
import resx

S = {
"People.Recent": ("The most recently updated first", "Сначала недавно изменённые", "Алдымен жақында өзгертілгендер"),
"People.FoundMore": ("More than {0} found: add a word to narrow the search", "Найдено больше {0}: добавьте слово, чтобы сузить поиск", "{0}-ден көп табылды: іздеуді тарылту үшін сөз қосыңыз"),
"People.FirstPage": ("First page", "Первая страница", "Бірінші бет"),
"Audit.Count": ("Events: {0}", "Событий: {0}", "Оқиғалар: {0}"),
"Audit.CountMore": ("More than {0} events: narrow the filters to count them", "Событий больше {0}: сузьте фильтры, чтобы их сосчитать", "Оқиғалар {0}-ден көп: санау үшін сүзгілерді тарылтыңыз"),
}

resx.write(S)
