using Qadam.Domain;
using Qadam.Web.Platform;

namespace Qadam.Web.Features.Hotline;

/// <summary>What the contact form's fields show: the input (new, re-shown with errors, or an open contact) and the regions to choose from.</summary>
public sealed record ContactForm(ContactInput Input, IReadOnlyList<Region> Regions);

public sealed record PartyInput(string? Sex, string? AgeBand, string? RegionCode);

/// <summary>
/// A contact as the operator screen, the API or a telephony system sends it. <see cref="CallerPhone"/> is hashed with a
/// key and dropped: the number itself is never stored, logged or echoed.
/// </summary>
public sealed record ContactInput(string? Channel, string? Line, string? CallId, string? CallerPhone, string? StartedAt, string? EndedAt,
    string? CallerRelation, PartyInput? Caller, PartyInput? PersonAtRisk, PartyInput? PersonOfConcern, IReadOnlyList<string>? Categories,
    string? Urgency, string? Outcome, string? Summary);

public sealed record PartyDto(string? Sex, string? AgeBand, string? RegionCode, bool LinkedToPerson);

public sealed record ContactDto(Guid Id, string Channel, string? Line, string? CallId, string StartedAt, string? EndedAt, string? CallerRelation,
    PartyDto Caller, PartyDto PersonAtRisk, PartyDto PersonOfConcern, IReadOnlyList<string> Categories, string? Urgency, string? Outcome,
    string? Summary, string Status, RepeatCaller? Repeat, int Version, CallerFlagDto? CallerFlag = null)
{
    /// <summary>The contact as form input, to complete an open one.</summary>
    public ContactInput ToInput() => new(Channel, Line, CallId, null, null, EndedAt, CallerRelation, PartyIn(Caller), PartyIn(PersonAtRisk), PartyIn(PersonOfConcern),
        Categories, Urgency, Outcome, Summary);

    private static PartyInput PartyIn(PartyDto p) => new(p.Sex, p.AgeBand, p.RegionCode);

    public static ContactDto From(Contact c, RepeatCaller? repeat) => new(c.Id, ContactNames.Of(c.Channel), c.Line, c.CallId, Iso(c.StartedAt), c.EndedAt is { } e ? Iso(e) : null,
        c.CallerRelation is { } r ? ContactNames.Of(r) : null, Party(c.Caller), Party(c.PersonAtRisk), Party(c.PersonOfConcern), c.CategoryCodes,
        c.Urgency is { } u ? ContactNames.Of(u) : null, c.Outcome is { } o ? ContactNames.Of(o) : null, c.Summary,
        c.Status == ContactStatus.Completed ? "completed" : "open", repeat, c.Version);

    private static PartyDto Party(ContactParty p) => new(p.Sex is { } s ? (s == Sex.Female ? "female" : "male") : null,
        p.AgeBand is { } b ? AgeBands.Format(b) : null, p.RegionCode, p.PersonId is not null);

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Earlier contacts of the same caller (same keyed phone hash) in the organisation: a count and their categories, never the number.</summary>
public sealed record RepeatCaller(int EarlierContacts, IReadOnlyList<string> Categories);

/// <summary>Age bands as the API writes them ("18-24").</summary>
public static class AgeBands
{
    private static readonly (AgeBand Band, string Text)[] Map =
        [(AgeBand.Under15, "0-14"), (AgeBand.From15To17, "15-17"), (AgeBand.From18To24, "18-24"), (AgeBand.From25To29, "25-29"), (AgeBand.From30, "30+")];

    public static string Format(AgeBand band) => Map.First(m => m.Band == band).Text;

    public static AgeBand? Parse(string? text) => Map.Where(m => m.Text == text?.Trim()).Select(m => (AgeBand?)m.Band).FirstOrDefault();
}

/// <summary>Stable camelCase names of the contact enums, as the API reads and writes them.</summary>
public static class ContactNames
{
    public static string Of<T>(T value) where T : struct, Enum => char.ToLowerInvariant(value.ToString()[0]) + value.ToString()[1..];

    public static T? Parse<T>(string? text) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => string.Equals(Of(v!.Value), text?.Trim(), StringComparison.OrdinalIgnoreCase));
}
