using System.Globalization;
using System.Text;

namespace Qadam.Privacy;

/// <summary>
/// Reduces a Kazakh or Russian name, written in Cyrillic or in any common Latin spelling, to one
/// "skeleton" so that Меруерт, Meruert and Meruyert meet. Lossy on purpose: it is for matching only;
/// names are always stored and shown exactly as written.
/// </summary>
public static class NameNormaliser
{
    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['а'] = "a", ['ә'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['ғ'] = "g", ['д'] = "d",
        ['е'] = "e", ['ё'] = "io", ['ж'] = "zh", ['з'] = "z", ['и'] = "i", ['й'] = "i", ['к'] = "k",
        ['қ'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['ң'] = "n", ['о'] = "o", ['ө'] = "o",
        ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ұ'] = "u", ['ү'] = "u",
        ['ф'] = "f", ['х'] = "h", ['һ'] = "h", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "sh",
        ['ъ'] = "", ['ы'] = "y", ['і'] = "i", ['ь'] = "", ['э'] = "e", ['ю'] = "iu", ['я'] = "ia",
    };

    public static IEnumerable<string> Words(string? text) =>
        string.IsNullOrWhiteSpace(text) ? []
            : text.Split([' ', '\t', '-', '‐', ',', '.'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Skeleton(string word)
    {
        // Compatibility form: mathematical and full-width letters (𝐀, Ａ) become the plain ones. Ill-formed text has no skeleton.
        if (!UnicodeText.IsWellFormed(word)) return "";
        var latin = ToLatin(word.Normalize(NormalizationForm.FormKC).ToLowerInvariant());
        var s = new StringBuilder(latin)
            .Replace("shch", "sh").Replace("sch", "sh").Replace("dzh", "j").Replace("zh", "j")
            .Replace("kh", "h").Replace("ch", "c").Replace('x', 'h').Replace('q', 'k').Replace('w', 'u')
            .Replace('y', 'i').ToString();
        var result = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            // The glide before 'e' at the start or after a vowel: Yerlan/Ерлан, Meruyert/Меруерт.
            if (c == 'i' && i + 1 < s.Length && s[i + 1] == 'e' && (result.Length == 0 || IsVowel(result[^1]))) continue;
            // Double letters: Aliya → aliia → alia, Alla/Ala.
            if (result.Length > 0 && result[^1] == c) continue;
            result.Append(c);
        }
        return result.ToString();
    }

    /// <summary>A plain Latin spelling of a Cyrillic name (Меруерт → meruert): what someone typing on a Latin keyboard writes.</summary>
    public static string Latin(string word) => ToLatin(word.Normalize(NormalizationForm.FormKC).ToLowerInvariant());

    private static string ToLatin(string lower)
    {
        var sb = new StringBuilder(lower.Length + 4);
        // By scalar value: a character outside the Basic Multilingual Plane is one rune, never two halves.
        foreach (var rune in lower.EnumerateRunes())
        {
            if (!rune.IsBmp) continue; // no letter of any Kazakh or Russian spelling lives there
            var ch = (char)rune.Value;
            if (Cyrillic.TryGetValue(ch, out var mapped)) { sb.Append(mapped); continue; }
            switch (ch)
            {
                case 'ı': sb.Append('i'); continue;
                case 'ş': sb.Append("sh"); continue;
                case 'ç': sb.Append("ch"); continue;
            }
            // Latin with diacritics (ä ğ ñ ö ū ü): keep the base letter.
            foreach (var part in ch.ToString().Normalize(NormalizationForm.FormD))
                if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark && char.IsAsciiLetterLower(part))
                    sb.Append(part);
        }
        return sb.ToString();
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
