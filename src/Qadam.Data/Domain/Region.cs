namespace Qadam.Domain;

public enum RegionKind { Oblast = 1, CityOfRepublicanStatus = 2 }

public sealed class Region
{
    public required string Code { get; init; }
    public RegionKind Kind { get; init; }
    public required string NameKk { get; init; }
    public required string NameRu { get; init; }
    public required string NameEn { get; init; }
    public List<Locality> Localities { get; init; } = [];

    public string Name(string culture) => culture switch { "kk" => NameKk, "ru" => NameRu, _ => NameEn };
}

public sealed class Locality
{
    public int Id { get; init; }
    public required string RegionCode { get; init; }
    public required string NameKk { get; init; }
    public required string NameRu { get; init; }
    public required string NameEn { get; init; }
    public double Latitude { get; init; }
    public double Longitude { get; init; }

    public string Name(string culture) => culture switch { "kk" => NameKk, "ru" => NameRu, _ => NameEn };

    /// <summary>Great-circle distance in km (haversine) between two localities' centres.</summary>
    public static double Km(Locality a, Locality b) => Km(a.Latitude, a.Longitude, b.Latitude, b.Longitude);

    public static double Km(double lat1, double lon1, double lat2, double lon2)
    {
        const double r = 6371.0;
        double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * r * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
