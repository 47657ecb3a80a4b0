using Qadam.Domain;

namespace Qadam.Data;

/// <summary>Kazakhstan's 17 oblasts and 3 cities of republican status (ISO 3166-2:KZ codes, 2022 division), with main localities.</summary>
public static class RegionSeed
{
    public static IReadOnlyList<Region> Regions() =>
    [
        O("KZ-10", "Абай облысы", "Абайская область", "Abai Region", ("Семей", "Семей", "Semey", 50.41, 80.23), ("Аягөз", "Аягоз", "Ayagoz", 47.96, 80.44)),
        O("KZ-11", "Ақмола облысы", "Акмолинская область", "Akmola Region", ("Көкшетау", "Кокшетау", "Kokshetau", 53.28, 69.39), ("Степногорск", "Степногорск", "Stepnogorsk", 52.35, 71.89)),
        O("KZ-15", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region", ("Ақтөбе", "Актобе", "Aktobe", 50.28, 57.17), ("Хромтау", "Хромтау", "Khromtau", 50.25, 58.45)),
        O("KZ-19", "Алматы облысы", "Алматинская область", "Almaty Region", ("Қонаев", "Конаев", "Konaev", 43.87, 77.07), ("Қаскелең", "Каскелен", "Kaskelen", 43.2, 76.62)),
        O("KZ-23", "Атырау облысы", "Атырауская область", "Atyrau Region", ("Атырау", "Атырау", "Atyrau", 47.1, 51.92), ("Құлсары", "Кульсары", "Kulsary", 46.95, 54.02)),
        O("KZ-27", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region", ("Орал", "Уральск", "Oral", 51.23, 51.37), ("Ақсай", "Аксай", "Aksay", 51.17, 52.99)),
        O("KZ-31", "Жамбыл облысы", "Жамбылская область", "Jambyl Region", ("Тараз", "Тараз", "Taraz", 42.9, 71.37), ("Шу", "Шу", "Shu", 43.6, 73.76)),
        O("KZ-33", "Жетісу облысы", "Жетысуская область", "Jetisu Region", ("Талдықорған", "Талдыкорган", "Taldykorgan", 45.02, 78.37), ("Жаркент", "Жаркент", "Zharkent", 44.16, 80.0)),
        O("KZ-35", "Қарағанды облысы", "Карагандинская область", "Karaganda Region", ("Қарағанды", "Караганда", "Karaganda", 49.81, 73.09), ("Теміртау", "Темиртау", "Temirtau", 50.06, 72.96)),
        O("KZ-39", "Қостанай облысы", "Костанайская область", "Kostanay Region", ("Қостанай", "Костанай", "Kostanay", 53.21, 63.62), ("Рудный", "Рудный", "Rudny", 52.97, 63.12)),
        O("KZ-43", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region", ("Қызылорда", "Кызылорда", "Kyzylorda", 44.85, 65.51), ("Арал", "Аральск", "Aral", 46.8, 61.67)),
        O("KZ-47", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region", ("Ақтау", "Актау", "Aktau", 43.65, 51.16), ("Жаңаөзен", "Жанаозен", "Zhanaozen", 43.34, 52.86)),
        O("KZ-55", "Павлодар облысы", "Павлодарская область", "Pavlodar Region", ("Павлодар", "Павлодар", "Pavlodar", 52.29, 76.97), ("Екібастұз", "Экибастуз", "Ekibastuz", 51.72, 75.32)),
        O("KZ-59", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region", ("Петропавл", "Петропавловск", "Petropavl", 54.87, 69.14)),
        O("KZ-61", "Түркістан облысы", "Туркестанская область", "Turkistan Region", ("Түркістан", "Туркестан", "Turkistan", 43.3, 68.25), ("Кентау", "Кентау", "Kentau", 43.52, 68.5)),
        O("KZ-62", "Ұлытау облысы", "Улытауская область", "Ulytau Region", ("Жезқазған", "Жезказган", "Zhezkazgan", 47.78, 67.71), ("Сәтбаев", "Сатпаев", "Satbayev", 47.9, 67.53)),
        O("KZ-63", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region", ("Өскемен", "Усть-Каменогорск", "Oskemen", 49.95, 82.61), ("Риддер", "Риддер", "Ridder", 50.34, 83.51)),
        C("KZ-71", "Астана", "Астана", "Astana", 51.17, 71.43),
        C("KZ-75", "Алматы", "Алматы", "Almaty", 43.24, 76.89,
            ("Алатау ауданы", "Алатауский район", "Alatau District", 43.28, 76.83), ("Алмалы ауданы", "Алмалинский район", "Almaly District", 43.25, 76.92),
            ("Әуезов ауданы", "Ауэзовский район", "Auezov District", 43.23, 76.85), ("Бостандық ауданы", "Бостандыкский район", "Bostandyk District", 43.21, 76.92),
            ("Жетісу ауданы", "Жетысуский район", "Zhetysu District", 43.29, 76.95), ("Медеу ауданы", "Медеуский район", "Medeu District", 43.25, 76.98),
            ("Наурызбай ауданы", "Наурызбайский район", "Nauryzbay District", 43.19, 76.80), ("Түрксіб ауданы", "Турксибский район", "Turksib District", 43.33, 76.97)),
        C("KZ-79", "Шымкент", "Шымкент", "Shymkent", 42.32, 69.59),
    ];

    private static Region O(string code, string kk, string ru, string en, params (string Kk, string Ru, string En, double Lat, double Lon)[] localities)
    {
        var number = int.Parse(code[3..], System.Globalization.CultureInfo.InvariantCulture) * 100;
        return new Region
        {
            Code = code, Kind = RegionKind.Oblast, NameKk = kk, NameRu = ru, NameEn = en,
            Localities = localities.Select((l, i) => new Locality { Id = number + i + 1, RegionCode = code, NameKk = l.Kk, NameRu = l.Ru, NameEn = l.En, Latitude = l.Lat, Longitude = l.Lon }).ToList(),
        };
    }

    private static Region C(string code, string kk, string ru, string en, double lat, double lon, params (string Kk, string Ru, string En, double Lat, double Lon)[] districts) =>
        O(code, kk, ru, en, [(kk, ru, en, lat, lon), .. districts]) is var r ? new Region { Code = r.Code, Kind = RegionKind.CityOfRepublicanStatus, NameKk = kk, NameRu = ru, NameEn = en, Localities = r.Localities } : null!;
}
