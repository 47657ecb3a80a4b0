using System.Globalization;

namespace Qadam.Web.Platform;

/// <summary>
/// Formula injection (OWASP "CSV injection"): a text cell beginning with =, +, -, @, tab or carriage return is run as a
/// formula by Excel and LibreOffice. Such cells are prefixed with an apostrophe, which spreadsheets show as text. Numbers
/// (e.g. "-0.5") are left as they are, so the export stays numeric.
/// </summary>
public static class SpreadsheetCells
{
    public static string Neutralise(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r')) return value;
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? value : "'" + value;
    }
}
