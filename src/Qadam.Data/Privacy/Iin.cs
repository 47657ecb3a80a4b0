using Qadam.Domain;

namespace Qadam.Privacy;

/// <summary>
/// Kazakhstan's 12-digit individual identification number: YYMMDD, a century-and-sex digit
/// (1/2 = 1800s, 3/4 = 1900s, 5/6 = 2000s; odd male, even female), four serial digits and a check digit.
/// </summary>
public static class Iin
{
    private static readonly int[] Weights1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly int[] Weights2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    public static IinCheck Check(string? iin)
    {
        if (iin is null || iin.Length != 12 || !iin.All(char.IsAsciiDigit))
            return IinCheck.Fail("iin.format", "The IIN must be exactly 12 digits.");
        var d = iin.Select(c => c - '0').ToArray();
        if (CheckDigit(d) is not { } check || check != d[11])
            return IinCheck.Fail("iin.check_digit", "The IIN's check digit is wrong.");
        var centuryDigit = d[6];
        if (centuryDigit is < 1 or > 6)
            return IinCheck.Fail("iin.century", "The IIN's seventh digit must be 1–6 (century and sex).");
        var century = 1800 + (centuryDigit - 1) / 2 * 100;
        var year = century + d[0] * 10 + d[1];
        var month = d[2] * 10 + d[3];
        var day = d[4] * 10 + d[5];
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return IinCheck.Fail("iin.birth_date", "The IIN does not encode a valid birth date.");
        return new IinCheck(true, null, null, new DateOnly(year, month, day), centuryDigit % 2 == 1 ? Sex.Male : Sex.Female);
    }

    /// <summary>The check digit for the first 11 digits, or null when the number cannot be valid.</summary>
    public static int? CheckDigit(ReadOnlySpan<int> digits)
    {
        var sum = 0;
        for (var i = 0; i < 11; i++) sum += digits[i] * Weights1[i];
        var c = sum % 11;
        if (c != 10) return c;
        sum = 0;
        for (var i = 0; i < 11; i++) sum += digits[i] * Weights2[i];
        c = sum % 11;
        return c == 10 ? null : c;
    }

    /// <summary>Builds a valid IIN for a birth date, sex and serial (demo data and tests), or null if the serial cannot take a check digit.</summary>
    public static string? Make(DateOnly dob, Sex sex, int serial)
    {
        var centuryBase = dob.Year switch { < 1900 => 1, < 2000 => 3, _ => 5 };
        var centuryDigit = centuryBase + (sex == Sex.Female ? 1 : 0);
        var first11 = $"{dob:yyMMdd}{centuryDigit}{serial % 10000:D4}";
        var digits = first11.Select(c => c - '0').ToArray();
        return CheckDigit(digits) is { } c ? first11 + c : null;
    }
}

public sealed record IinCheck(bool IsValid, string? ErrorCode, string? Error, DateOnly? BirthDate, Sex? Sex)
{
    public static IinCheck Fail(string code, string message) => new(false, code, message, null, null);
}
