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

    /// <summary>
    /// The name tokens stored for a person, each once: a hash of every word of every name part, and one of every two of
    /// those words together (in either order). A search matches when all its words are among the person's, and a search of
    /// two words reads the short list of their pair instead of joining two long ones: at 1,000,000 people a common given
    /// name and a common family name have 20,000–50,000 people each, and together a few hundred (bench/README.md).
    /// </summary>
    public IEnumerable<string> NameTokens(params string?[] parts)
    {
        var words = Skeletons(parts);
        foreach (var w in words) yield return Compute("name", w);
        for (var a = 0; a < words.Count; a++)
            for (var b = a + 1; b < words.Count; b++)
                yield return Pair(words[a], words[b]);
    }

    /// <summary>
    /// The tokens a person must all have to match a search: its words two by two as pairs, and a last word alone. Empty when
    /// the text has no word.
    /// </summary>
    public IReadOnlyList<string> SearchTokens(string text)
    {
        var words = Skeletons([text]);
        var tokens = new List<string>();
        for (var a = 0; a < words.Count; a += 2)
            tokens.Add(a + 1 < words.Count ? Pair(words[a], words[a + 1]) : Compute("name", words[a]));
        return tokens;
    }

    private static List<string> Skeletons(string?[] parts) =>
        parts.SelectMany(NameNormaliser.Words).Select(NameNormaliser.Skeleton).Where(s => s.Length > 0).Distinct().ToList();

    private string Pair(string a, string b) =>
        Compute("name-pair", string.CompareOrdinal(a, b) < 0 ? a + "|" + b : b + "|" + a);
}
