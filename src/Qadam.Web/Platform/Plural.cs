using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Qadam.Web.Platform;

/// <summary>
/// Plural forms by the CLDR rules of our three languages: Russian one / few / many (1, 21 · 2–4, 22–24 · 0, 5–20, 25…),
/// English one / other, Kazakh one / other. A counted string has a resource per form: <c>Key.one</c>, <c>Key.few</c>,
/// <c>Key.many</c>, <c>Key.other</c> (a missing form falls back to <c>Key.other</c>), each with <c>{0}</c> for the count.
/// </summary>
public static class Plural
{
    public static string Category(long n, string language) => language switch
    {
        "ru" => (n % 10, n % 100) switch
        {
            (1, not 11) => "one",
            ( >= 2 and <= 4, not (>= 12 and <= 14)) => "few",
            _ => "many",
        },
        _ => n == 1 ? "one" : "other",
    };

    public static string Count(this IStringLocalizer l, string key, long n)
    {
        var form = l[key + "." + Category(n, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)];
        var text = form.ResourceNotFound ? l[key + ".other"] : form;
        return string.Format(CultureInfo.CurrentCulture, text.Value, n.ToString("N0", CultureInfo.CurrentCulture));
    }
}
