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

    public string Name(string culture) => culture switch { "kk" => NameKk, "ru" => NameRu, _ => NameEn };
}
