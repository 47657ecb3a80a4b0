using Qadam.Privacy;

namespace Qadam.Web.Features.Demo;

/// <summary>
/// Names for the synthetic national data set: a national registry's spread, not the demo's handful. Kazakh family names
/// are built as the language builds them (a man's name + -ов/-ев, -баев, -беков; a woman's form adds -а), Russian ones
/// from a list of common surnames, and both are drawn with a Zipf-like weight (rank^−0.5), so the commonest family name
/// is about 3% of its group and the commonest given name about 6%: a popular "given + family" pair has hundreds of
/// people at a million, a typical one a few dozen. Some Kazakh women's names are written in Latin letters, as in a
/// passport. The demo's 300 people keep <see cref="DemoSeeder"/>'s short lists (bench/README.md: the narrow lists made
/// every name query at 1M people merge two index ranges of 20,000 entries).
/// </summary>
internal static class SyntheticNames
{
    private static readonly string[] KazakhWomen =
    [
        "Айгерім", "Меруерт", "Аружан", "Әлия", "Жанар", "Дана", "Гүлнар", "Сәуле", "Назерке", "Інкәр", "Балнұр", "Жансая", "Айым", "Аяжан", "Дариға",
        "Жұлдыз", "Камила", "Ләззат", "Мадина", "Нұрсұлу", "Салтанат", "Томирис", "Ұлжан", "Әсел", "Айдана", "Ақбота", "Ақерке", "Айсұлу", "Бибігүл",
        "Гаухар", "Динара", "Еркежан", "Жазира", "Зарина", "Зере", "Ирина", "Қарлығаш", "Кәмшат", "Лаура", "Мөлдір", "Нұргүл", "Перизат", "Раушан",
        "Сабина", "Самал", "Сымбат", "Тоғжан", "Ұлпан", "Фариза", "Шырын", "Эльвира", "Әйгерім", "Айнұр", "Гүлжан", "Дильназ", "Жанель", "Индира",
        "Көркем", "Маржан", "Нәзира", "Асем", "Анель", "Аида", "Ботагөз", "Гүлмира", "Әмина", "Айжан", "Сезім", "Толғанай", "Шұғыла",
    ];
    private static readonly string[] KazakhMen =
    [
        "Ерлан", "Нұрлан", "Қуаныш", "Дәурен", "Асхат", "Айдос", "Бауыржан", "Ержан", "Санжар", "Темірлан", "Әлихан", "Мирас", "Арман", "Азамат",
        "Алмас", "Арсен", "Ахмет", "Бекзат", "Берік", "Дамир", "Данияр", "Ерболат", "Ернар", "Жандос", "Жасұлан", "Қайрат", "Қанат", "Марат", "Мұхтар",
        "Нұрсұлтан", "Олжас", "Рустем", "Сұлтан", "Серік", "Талғат", "Тимур", "Ұлан", "Шыңғыс", "Әділет", "Абылай", "Айбек", "Бақыт", "Бекжан", "Болат",
        "Дархан", "Елдос", "Ерасыл", "Есім", "Жомарт", "Ілияс", "Қайсар", "Мақсат", "Медет", "Нұрбол", "Омар", "Рахат", "Самат", "Сәкен", "Тұрар",
        "Ғалым", "Жәнібек", "Мейрам", "Мұрат", "Нұржан", "Әбілқайыр", "Ислам", "Ринат", "Руслан", "Сабыр", "Төлеген",
    ];
    private static readonly string[] RussianWomen =
    [
        "Анна", "Екатерина", "Ольга", "Юлия", "Наталья", "Алина", "Мария", "Дарья", "Анастасия", "Виктория", "Елена", "Ксения", "Полина", "Софья",
        "Татьяна", "Валерия", "Вероника", "Кристина", "Светлана", "Ирина", "Яна", "Алёна", "Диана", "Елизавета", "Маргарита",
    ];
    private static readonly string[] RussianMen =
    [
        "Дмитрий", "Сергей", "Иван", "Артём", "Никита", "Максим", "Александр", "Алексей", "Андрей", "Денис", "Евгений", "Илья", "Кирилл", "Михаил",
        "Павел", "Роман", "Владимир", "Владислав", "Егор", "Константин", "Николай", "Олег", "Антон", "Вадим", "Глеб",
    ];
    private static readonly string[] RussianFamily =
    [
        "Иванов", "Ким", "Петров", "Смирнов", "Ли", "Соколов", "Кузнецов", "Попов", "Васильев", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев",
        "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев",
        "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв",
        "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов", "Жуков",
        "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Цой", "Пак", "Шевченко", "Бондаренко", "Мельник",
    ];
    private static readonly string[] KazakhFamily = KazakhFamilyNames();
    private static readonly double[][] Weights = [Zipf(KazakhWomen.Length), Zipf(KazakhMen.Length), Zipf(RussianWomen.Length), Zipf(RussianMen.Length), Zipf(RussianFamily.Length), Zipf(KazakhFamily.Length)];

    /// <summary>A man's name + -ов/-ев, + -баев, + -беков (a woman adds -а): 71 roots, 213 family names.</summary>
    private static string[] KazakhFamilyNames() =>
        KazakhMen.SelectMany(root =>
        {
            var stem = root.EndsWith('й') ? root[..^1] : root;
            var ov = "аәеиоөуұүыіэюя".Contains(char.ToLowerInvariant(stem[^1])) || stem.EndsWith('й') ? stem + "ев" : stem + "ов";
            return new[] { ov, stem + "баев", stem + "беков" };
        }).Distinct().ToArray();

    private static double[] Zipf(int n)
    {
        var cumulative = new double[n];
        double sum = 0;
        for (var k = 0; k < n; k++) cumulative[k] = sum += 1 / Math.Sqrt(k + 1);
        for (var k = 0; k < n; k++) cumulative[k] /= sum;
        return cumulative;
    }

    private static string Draw(Random r, string[] names, double[] cumulative)
    {
        var k = Array.BinarySearch(cumulative, r.NextDouble());
        return names[Math.Min(k < 0 ? ~k : k, names.Length - 1)];
    }

    /// <summary>Given name, family name and patronymic (null when none is written) of a synthetic person.</summary>
    public static (string Given, string Family, string? Patronymic) Draw(Random r, bool female)
    {
        if (r.NextDouble() < 0.2)
        {
            var given = female ? Draw(r, RussianWomen, Weights[2]) : Draw(r, RussianMen, Weights[3]);
            var family = Draw(r, RussianFamily, Weights[4]);
            if (female && (family.EndsWith('в') || family.EndsWith('н'))) family += "а";
            var father = Draw(r, RussianMen, Weights[3]);
            var stem = father.EndsWith('й') ? father[..^1] + "ев" : father.EndsWith('а') ? father[..^1] : father + "ов";
            return (given, family, r.NextDouble() < 0.9 ? stem + (female ? "на" : "ич") : null);
        }
        var name = female ? Draw(r, KazakhWomen, Weights[0]) : Draw(r, KazakhMen, Weights[1]);
        var kazakhFamily = Draw(r, KazakhFamily, Weights[5]) + (female ? "а" : "");
        string? patronymic = r.NextDouble() < 0.5 ? Draw(r, KazakhMen, Weights[1]) + (female ? "қызы" : "ұлы") : null;
        // About one Kazakh woman in twelve has her name written in Latin letters (as in her passport).
        if (female && r.NextDouble() < 0.08) return (Capital(NameNormaliser.Latin(name)), Capital(NameNormaliser.Latin(kazakhFamily)), null);
        return (name, kazakhFamily, patronymic);
    }

    private static string Capital(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
