using System.Globalization;

namespace Qadam.Web.Platform;

/// <summary>General field rules (text, ISO dates, enumerations, ranges) that add a coded error naming the field.</summary>
public static class FieldRules
{
    /// <summary>
    /// Trimmed text of at most <paramref name="max"/> characters (Unicode scalar values). Refused: ill-formed text, control
    /// characters (multi-line text keeps newlines and tabs), and characters that hide or reorder text (bidi overrides anywhere;
    /// zero-width and other invisible format characters in single-line fields such as names).
    /// </summary>
    public static string? Text(string? value, string field, int max, bool required, FieldErrors errors, bool multiline = false)
    {
        var v = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (v is null) { if (required) errors.Add(field, "Validation.Required"); return null; }
        if (!Privacy.UnicodeText.IsWellFormed(v) || Privacy.UnicodeText.HasHiddenCharacters(v, multiline)) errors.Add(field, "Validation.InvisibleCharacters");
        else if (v.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))) errors.Add(field, "Validation.ControlCharacters");
        else if (Privacy.UnicodeText.Length(v) > max) errors.Add(field, "Validation.TooLong");
        return v;
    }

    public static DateOnly? Date(string? value, string field, bool required, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) { if (required) errors.Add(field, "Validation.Required"); return null; }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors.Add(field, "Validation.Date");
        return null;
    }

    public static TEnum? Choice<TEnum>(string? value, string field, bool required, FieldErrors errors, string code) where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value)) { if (required) errors.Add(field, "Validation.Required"); return null; }
        if (System.Enum.TryParse<TEnum>(value.Trim(), ignoreCase: true, out var e) && System.Enum.IsDefined(e) && !int.TryParse(value, out _)) return e;
        errors.Add(field, code);
        return null;
    }

    public static int? Range(int? value, string field, int min, int max, bool required, FieldErrors errors)
    {
        if (value is null) { if (required) errors.Add(field, "Validation.Required"); return null; }
        if (value < min || value > max) errors.Add(field, "Validation.OutOfRange");
        return value;
    }

    /// <summary>Dates travel as ISO 8601 (yyyy-MM-dd) in the API, the forms and the exports.</summary>
    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
