using System.Globalization;
using System.Text;

namespace Qadam.Privacy;

/// <summary>
/// Text by Unicode scalar values: lengths count characters as people see them (an emoji or 𠀋 is one, not two
/// UTF-16 units), cuts never split a surrogate pair, and characters that hide or reorder text are found.
/// </summary>
public static class UnicodeText
{
    /// <summary>False for a string with a lone surrogate (not valid Unicode at all).</summary>
    public static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i])) { if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return false; i++; }
            else if (char.IsLowSurrogate(s[i])) return false;
        }
        return true;
    }

    public static int Length(string s)
    {
        var n = 0;
        foreach (var _ in s.EnumerateRunes()) n++;
        return n;
    }

    /// <summary>At most <paramref name="max"/> scalar values, with "…" when something was cut.</summary>
    public static string Truncate(string s, int max)
    {
        if (s.Length <= max) return s;
        var sb = new StringBuilder(max + 1);
        var n = 0;
        foreach (var r in s.EnumerateRunes())
        {
            if (n++ == max) return sb.Append('…').ToString();
            sb.Append(r.ToString());
        }
        return sb.ToString();
    }

    /// <summary>
    /// Direction overrides and isolates (U+202A–202E, U+2066–2069) anywhere; in single-line text also every other
    /// invisible format character (zero-width space and joiners, word joiner, BOM, LRM/RLM, Mongolian vowel separator).
    /// </summary>
    public static bool HasHiddenCharacters(string s, bool multiline)
    {
        foreach (var r in s.EnumerateRunes())
        {
            var v = r.Value;
            if (v is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069) return true;
            if (!multiline && Rune.GetUnicodeCategory(r) == UnicodeCategory.Format) return true;
        }
        return false;
    }
}
