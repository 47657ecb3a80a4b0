namespace Qadam.Web.Features.Hotline;

/// <summary>One category of the contact taxonomy, with its names in kk, ru and en; <see cref="Parent"/> is null for a top category.</summary>
public sealed record ContactCategory(string Code, string? Parent, string Kk, string Ru, string En)
{
    public string Name(string culture) => culture switch { "kk" => Kk, "ru" => Ru, _ => En };
}

/// <summary>
/// The hotline's contact taxonomy, shipped as reference data: Child Helpline International's ten top categories with
/// subcategories, extended with the programme's categories for preventing violent extremism (issue #9). Codes are
/// stable kebab-case identifiers that contacts and partner systems use.
/// </summary>
public static class ContactCategories
{
    private static ContactCategory Top(string code, string kk, string ru, string en) => new(code, null, kk, ru, en);
    private static ContactCategory Sub(string parent, string code, string kk, string ru, string en) => new(code, parent, kk, ru, en);

    public static readonly IReadOnlyList<ContactCategory> All =
    [
        Top("missing-children", "Жоғалған балалар", "Пропавшие дети", "Missing children"),
        Sub("missing-children", "runaway", "Үйден қашу", "Уход из дома", "Ran away"),
        Sub("missing-children", "abducted", "Ұрлап әкету", "Похищение", "Abducted"),
        Sub("missing-children", "lost", "Адасып қалу", "Потерялся", "Lost"),

        Top("violence", "Зорлық-зомбылық", "Насилие", "Violence"),
        Sub("violence", "physical-violence", "Тәндік зорлық", "Физическое насилие", "Physical violence"),
        Sub("violence", "emotional-violence", "Психологиялық зорлық", "Психологическое насилие", "Emotional violence"),
        Sub("violence", "sexual-violence", "Жыныстық зорлық", "Сексуальное насилие", "Sexual violence"),
        Sub("violence", "neglect", "Қараусыз қалдыру", "Пренебрежение нуждами", "Neglect"),
        Sub("violence", "bullying", "Қорлау (буллинг)", "Травля (буллинг)", "Bullying"),
        Sub("violence", "domestic-violence", "Тұрмыстық зорлық", "Домашнее насилие", "Domestic violence"),

        Top("mental-health", "Психикалық денсаулық", "Психическое здоровье", "Mental health"),
        Sub("mental-health", "stress-anxiety", "Күйзеліс пен алаңдаушылық", "Стресс и тревога", "Stress and anxiety"),
        Sub("mental-health", "depression", "Депрессия", "Депрессия", "Depression"),
        Sub("mental-health", "self-harm", "Өзіне зиян келтіру", "Самоповреждение", "Self-harm"),
        Sub("mental-health", "suicidal-thoughts", "Суицидтік ойлар", "Суицидальные мысли", "Suicidal thoughts"),
        Sub("mental-health", "addiction", "Тәуелділік", "Зависимость", "Addiction"),

        Top("physical-health", "Дене саулығы", "Физическое здоровье", "Physical health"),
        Sub("physical-health", "illness", "Ауру", "Болезнь", "Illness"),
        Sub("physical-health", "disability", "Мүгедектік", "Инвалидность", "Disability"),
        Sub("physical-health", "pregnancy", "Жүктілік", "Беременность", "Pregnancy"),

        Top("access-to-services", "Қызметтерге қолжетімділік", "Доступ к услугам", "Access to services"),
        Sub("access-to-services", "legal-aid", "Заң көмегі", "Юридическая помощь", "Legal aid"),
        Sub("access-to-services", "social-benefits", "Әлеуметтік төлемдер", "Социальные выплаты", "Social benefits"),
        Sub("access-to-services", "shelter", "Баспана", "Убежище", "Shelter"),
        Sub("access-to-services", "healthcare-access", "Медициналық көмек", "Медицинская помощь", "Healthcare"),

        Top("discrimination-and-exclusion", "Кемсіту және оқшаулау", "Дискриминация и исключение", "Discrimination and exclusion"),
        Sub("discrimination-and-exclusion", "ethnic-discrimination", "Этникалық кемсіту", "Этническая дискриминация", "Ethnic discrimination"),
        Sub("discrimination-and-exclusion", "religious-discrimination", "Діни кемсіту", "Религиозная дискриминация", "Religious discrimination"),
        Sub("discrimination-and-exclusion", "gender-discrimination", "Жынысына қарай кемсіту", "Дискриминация по полу", "Gender discrimination"),
        Sub("discrimination-and-exclusion", "disability-discrimination", "Мүгедектігіне қарай кемсіту", "Дискриминация по инвалидности", "Disability discrimination"),

        Top("family-relationships", "Отбасылық қарым-қатынас", "Семейные отношения", "Family relationships"),
        Sub("family-relationships", "parent-child-conflict", "Ата-ана мен бала арасындағы жанжал", "Конфликт родителей и детей", "Parent–child conflict"),
        Sub("family-relationships", "divorce-separation", "Ажырасу", "Развод, раздельное проживание", "Divorce or separation"),
        Sub("family-relationships", "forced-marriage", "Мәжбүрлі неке", "Принудительный брак", "Forced marriage"),

        Top("peer-relationships", "Құрдастармен қарым-қатынас", "Отношения со сверстниками", "Peer relationships"),
        Sub("peer-relationships", "friendship", "Достық", "Дружба", "Friendship"),
        Sub("peer-relationships", "romantic-relationships", "Сүйіспеншілік қарым-қатынасы", "Романтические отношения", "Romantic relationships"),
        Sub("peer-relationships", "peer-pressure", "Құрдастардың қысымы", "Давление сверстников", "Peer pressure"),

        Top("education-and-occupation", "Білім және жұмыс", "Образование и занятость", "Education and occupation"),
        Sub("education-and-occupation", "school-problems", "Оқудағы қиындықтар", "Трудности в учёбе", "School problems"),
        Sub("education-and-occupation", "dropout", "Оқуды тастау", "Уход из учёбы", "Dropped out"),
        Sub("education-and-occupation", "unemployment", "Жұмыссыздық", "Безработица", "Unemployment"),
        Sub("education-and-occupation", "labour-exploitation", "Еңбекті қанау", "Трудовая эксплуатация", "Labour exploitation"),

        Top("sexuality", "Жыныстық мәселелер", "Сексуальность", "Sexuality"),
        Sub("sexuality", "sexual-health", "Жыныстық денсаулық", "Сексуальное здоровье", "Sexual health"),
        Sub("sexuality", "sexual-identity", "Жыныстық өзін-өзі тану", "Сексуальная идентичность", "Sexual identity"),
        Sub("sexuality", "online-sexual-exploitation", "Интернеттегі жыныстық қанау", "Сексуальная эксплуатация в интернете", "Online sexual exploitation"),

        Top("violent-extremism", "Зорлық-зомбылық экстремизмінің алдын алу", "Профилактика насильственного экстремизма", "Preventing violent extremism"),
        Sub("violent-extremism", "radicalisation-concern", "Радикалдану туралы алаңдаушылық", "Опасения радикализации", "Radicalisation concern"),
        Sub("violent-extremism", "destructive-religious-movement", "Деструктивті діни ағым", "Деструктивное религиозное течение", "Destructive religious movement"),
        Sub("violent-extremism", "extremism-information", "Экстремизм туралы ақпарат сұрау", "Запрос информации об экстремизме", "Request for information on extremism"),
        Sub("violent-extremism", "online-recruitment", "Интернетте тарту", "Вербовка в интернете", "Recruitment online"),
        Sub("violent-extremism", "returnee-family", "Оралған отбасы", "Вернувшаяся семья", "Returnee family"),
    ];

    private static readonly Dictionary<string, ContactCategory> ByCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public static ContactCategory? Find(string? code) => code is not null && ByCode.TryGetValue(code.Trim(), out var c) ? c : null;
}
