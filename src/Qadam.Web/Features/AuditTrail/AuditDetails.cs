using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Qadam.Web.Features.AuditTrail;

/// <summary>An event's details in words: labelled fields, ids replaced by the names the viewer may see, lists counted.</summary>
public static class AuditDetails
{
    public sealed record Line(string Label, string Value);

    public static IReadOnlyList<Line> Describe(QueryAudit.Item item, QueryAudit.Result names, IStringLocalizer l)
    {
        if (string.IsNullOrEmpty(item.Details)) return [];
        using var doc = JsonDocument.Parse(item.Details);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) return [];
        return doc.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => new Line(Label(p.Name, l), Value(p.Value, names, l)))
            .ToList();
    }

    private static string Label(string key, IStringLocalizer l)
    {
        var s = l["AuditDetail." + key];
        return s.ResourceNotFound ? key : s.Value;
    }

    private static string Value(JsonElement v, QueryAudit.Result names, IStringLocalizer l) => v.ValueKind switch
    {
        JsonValueKind.True => l["Audit.Yes"],
        JsonValueKind.False => l["Audit.No"],
        JsonValueKind.Array => List(v, names, l),
        JsonValueKind.String when Guid.TryParse(v.GetString(), out var id) => Name(id, names, l),
        JsonValueKind.String => Word(v.GetString()!, l),
        _ => v.ToString(),
    };

    private static string List(JsonElement array, QueryAudit.Result names, IStringLocalizer l)
    {
        var items = array.EnumerateArray().Select(x => Value(x, names, l)).ToList();
        var shown = string.Join(", ", items.Take(5));
        return items.Count <= 5 ? shown : string.Format(CultureInfo.CurrentCulture, l["Audit.AndMore"].Value, shown, items.Count - 5);
    }

    private static string Word(string value, IStringLocalizer l)
    {
        var s = l["AuditValue." + value];
        return s.ResourceNotFound ? value : s.Value;
    }

    public static string Name(Guid id, QueryAudit.Result names, IStringLocalizer l) =>
        names.People.TryGetValue(id, out var person) ? person
        : names.Users.TryGetValue(id, out var user) ? user
        : names.Organisations.TryGetValue(id, out var org) ? org
        : string.Format(CultureInfo.CurrentCulture, l["Audit.OutOfScope"].Value, id.ToString("N")[..8]);
}
