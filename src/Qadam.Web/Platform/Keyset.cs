namespace Qadam.Web.Platform;

/// <summary>
/// Keyset (seek) pagination cursors: the last row's ordering key (an integer: UTC ticks, a day number) and its id, as
/// "key.id". Each page is then an index range however deep it is, and a list is never counted. A malformed cursor is
/// the first page, not an error (it comes back from a link the user may have edited).
/// </summary>
public static class Keyset
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static string Format(long key, Guid id) => $"{key}.{id:N}";

    public static (long Key, Guid Id)? Parse(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        var dot = cursor.IndexOf('.');
        if (dot < 1 || !long.TryParse(cursor[..dot], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var key)
            || !Guid.TryParseExact(cursor[(dot + 1)..], "N", out var id)) return null;
        return (key, id);
    }

    /// <summary>A cursor keyed by a day (<see cref="DateOnly.DayNumber"/>); null when absent, malformed or out of range.</summary>
    public static (DateOnly Day, Guid Id)? ParseDay(string? cursor) =>
        Parse(cursor) is { Key: >= 0 and <= 3652058 } c ? (DateOnly.FromDayNumber((int)c.Key), c.Id) : null;

    /// <summary>A cursor keyed by an instant (UTC ticks); null when absent, malformed or out of range.</summary>
    public static (DateTimeOffset At, Guid Id)? ParseInstant(string? cursor) =>
        Parse(cursor) is { } c && c.Key >= DateTimeOffset.MinValue.UtcTicks && c.Key <= DateTimeOffset.MaxValue.UtcTicks
            ? (new DateTimeOffset(c.Key, TimeSpan.Zero), c.Id) : null;

    public static int PageSize(int? requested) => Math.Clamp(requested ?? DefaultPageSize, 1, MaxPageSize);

    /// <summary>Cuts the one extra row read to learn whether a next page exists; returns the cursor of the next page, or null.</summary>
    public static string? Cut<T>(List<T> rows, int pageSize, Func<T, string> cursor)
    {
        if (rows.Count <= pageSize) return null;
        rows.RemoveRange(pageSize, rows.Count - pageSize);
        return cursor(rows[^1]);
    }
}

/// <summary>One page of a keyset-paginated list: <paramref name="Next"/> is the cursor of the next page, null on the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
