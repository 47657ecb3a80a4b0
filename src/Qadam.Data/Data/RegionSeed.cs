using Qadam.Domain;

namespace Qadam.Data;

/// <summary>Kazakhstan's 17 oblasts and 3 cities of republican status (ISO 3166-2:KZ codes, 2022 division), with main localities.</summary>
public static class RegionSeed
{
    public static IReadOnlyList<Region> Regions() =>
    [
        O("KZ-10", "Абай облысы", "Абайская область", "Abai Region", ("Семей", "Семей", "Semey"), ("Аягөз", "Аягоз", "Ayagoz")),
        O("KZ-11", "Ақмола облысы", "Акмолинская область", "Akmola Region", ("Көкшетау", "Кокшетау", "Kokshetau"), ("Степногорск", "Степногорск", "Stepnogorsk")),
        O("KZ-15", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region", ("Ақтөбе", "Актобе", "Aktobe"), ("Хромтау", "Хромтау", "Khromtau")),
        O("KZ-19", "Алматы облысы", "Алматинская область", "Almaty Region", ("Қонаев", "Конаев", "Konaev"), ("Қаскелең", "Каскелен", "Kaskelen")),
        O("KZ-23", "Атырау облысы", "Атырауская область", "Atyrau Region", ("Атырау", "Атырау", "Atyrau"), ("Құлсары", "Кульсары", "Kulsary")),
        O("KZ-27", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region", ("Орал", "Уральск", "Oral"), ("Ақсай", "Аксай", "Aksay")),
        O("KZ-31", "Жамбыл облысы", "Жамбылская область", "Jambyl Region", ("Тараз", "Тараз", "Taraz"), ("Шу", "Шу", "Shu")),
        O("KZ-33", "Жетісу облысы", "Жетысуская область", "Jetisu Region", ("Талдықорған", "Талдыкорган", "Taldykorgan"), ("Жаркент", "Жаркент", "Zharkent")),
        O("KZ-35", "Қарағанды облысы", "Карагандинская область", "Karaganda Region", ("Қарағанды", "Караганда", "Karaganda"), ("Теміртау", "Темиртау", "Temirtau")),
        O("KZ-39", "Қостанай облысы", "Костанайская область", "Kostanay Region", ("Қостанай", "Костанай", "Kostanay"), ("Рудный", "Рудный", "Rudny")),
        O("KZ-43", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region", ("Қызылорда", "Кызылорда", "Kyzylorda"), ("Арал", "Аральск", "Aral")),
        O("KZ-47", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region", ("Ақтау", "Актау", "Aktau"), ("Жаңаөзен", "Жанаозен", "Zhanaozen")),
        O("KZ-55", "Павлодар облысы", "Павлодарская область", "Pavlodar Region", ("Павлодар", "Павлодар", "Pavlodar"), ("Екібастұз", "Экибастуз", "Ekibastuz")),
        O("KZ-59", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region", ("Петропавл", "Петропавловск", "Petropavl")),
        O("KZ-61", "Түркістан облысы", "Туркестанская область", "Turkistan Region", ("Түркістан", "Туркестан", "Turkistan"), ("Кентау", "Кентау", "Kentau")),
        O("KZ-62", "Ұлытау облысы", "Улытауская область", "Ulytau Region", ("Жезқазған", "Жезказган", "Zhezkazgan"), ("Сәтбаев", "Сатпаев", "Satbayev")),
        O("KZ-63", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region", ("Өскемен", "Усть-Каменогорск", "Oskemen"), ("Риддер", "Риддер", "Ridder")),
        C("KZ-71", "Астана", "Астана", "Astana"),
        C("KZ-75", "Алматы", "Алматы", "Almaty"),
        C("KZ-79", "Шымкент", "Шымкент", "Shymkent"),
    ];

    private static Region O(string code, string kk, string ru, string en, params (string Kk, string Ru, string En)[] localities)
    {
        var number = int.Parse(code[3..], System.Globalization.CultureInfo.InvariantCulture) * 100;
        return new Region
        {
            Code = code, Kind = RegionKind.Oblast, NameKk = kk, NameRu = ru, NameEn = en,
            Localities = localities.Select((l, i) => new Locality { Id = number + i + 1, RegionCode = code, NameKk = l.Kk, NameRu = l.Ru, NameEn = l.En }).ToList(),
        };
    }

    private static Region C(string code, string kk, string ru, string en) =>
        O(code, kk, ru, en, (kk, ru, en)) is var r ? new Region { Code = r.Code, Kind = RegionKind.CityOfRepublicanStatus, NameKk = kk, NameRu = ru, NameEn = en, Localities = r.Localities } : null!;
}
