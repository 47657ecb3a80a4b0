using System.Security.Cryptography;
using System.Text;

namespace Qadam.Privacy;

/// <summary>
/// Keyed hashes (HMAC-SHA256, truncated to 128 bits) of normalised values: equality search without
/// storing the value. The purpose is mixed in, so equal strings in different fields do not collide.
/// </summary>
public sealed class BlindIndex(PrivacyOptions options)
{
    private readonly byte[] key = Convert.FromBase64String(options.BlindIndexKey);

    public string Compute(string purpose, string normalised)
    {
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + "\u001f" + normalised));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    public string? Iin(string? iin) => string.IsNullOrWhiteSpace(iin) ? null : Compute("iin", iin.Trim());

    public string? Phone(string? phone) => PhoneNumber.Normalise(phone) is { } p ? Compute("phone", p) : null;

    public string NameToken(string word) => Compute("name", NameNormaliser.Skeleton(word));

    public string? NameAndBirthDate(string given, string family, DateOnly? dob) =>
        dob is null ? null
            : Compute("name-dob", NameNormaliser.Skeleton(given) + "|" + NameNormaliser.Skeleton(family) + "|" + dob.Value.ToString("yyyy-MM-dd"));

    /// <summary>Hashes of every word of every name part (a search matches when all query words are among them).</summary>
    public IEnumerable<string> NameTokens(params string?[] parts) =>
        parts.SelectMany(NameNormaliser.Words).Select(NameNormaliser.Skeleton).Where(s => s.Length > 0)
            .Distinct().Select(s => Compute("name", s));
}
