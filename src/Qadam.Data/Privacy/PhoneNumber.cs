namespace Qadam.Privacy;

public static class PhoneNumber
{
    /// <summary>E.164 form (+7XXXXXXXXXX for Kazakh numbers written 8 7XX…, 7XX…, +7 7XX…), or null when it is not a phone number.</summary>
    public static string? Normalise(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        if (raw.Any(c => !(char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.'))) return null;
        var digits = new string(raw.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 11 && digits[0] == '8') digits = "7" + digits[1..];
        else if (digits.Length == 10 && digits[0] is '7' or '6') digits = "7" + digits;
        return digits.Length is >= 8 and <= 15 ? "+" + digits : null;
    }
}
