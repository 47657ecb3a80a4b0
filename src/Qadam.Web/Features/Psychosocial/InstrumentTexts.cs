using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Statistics;
using Qadam.Web.Platform;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Security;
using static Qadam.Web.Platform.FieldRules;

namespace Qadam.Web.Features.Psychosocial;

/// <param name="Options">The answer options in order of their value, from the instrument's lowest answer.</param>
/// <param name="Validated">True for an organisation's loaded (validated) translation; false for the shipped text.</param>
public sealed record InstrumentText(string Instrument, string Language, string Source, string Instruction, IReadOnlyList<string> Items, IReadOnlyList<string> Options, bool Validated);

public sealed record TranslationInput(string? Source, string? Instruction, IReadOnlyList<string>? Items, IReadOnlyList<string>? Options);

/// <summary>
/// Item texts of the standard instruments in kk, ru and en. Qadam ships the published English wording and working
/// Russian and Kazakh translations (reference data, <c>instruments.json</c>); an organisation can load its validated
/// translation, which then replaces the shipped one for its users.
/// </summary>
public sealed class InstrumentTexts(QadamDbContext db, AuditLog audit, TimeProvider clock, Access access)
{
    public static readonly IReadOnlyList<string> Languages = ["kk", "ru", "en"];

    private sealed record Stored(string Source, string Instruction, string[] Items, string[] Options);

    private static readonly Lazy<FrozenDictionary<(string, string), Stored>> Shipped = new(() =>
    {
        using var stream = typeof(InstrumentTexts).Assembly.GetManifestResourceStream("Qadam.Web.instruments.json")!;
        var all = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, Stored>>>(stream, JsonSerializerOptions.Web)!;
        return all.SelectMany(i => i.Value.Select(l => KeyValuePair.Create((i.Key, l.Key), l.Value))).ToFrozenDictionary();
    });

    /// <summary>The shipped text (every instrument has it in every language: a unit test checks the item and option counts).</summary>
    public static InstrumentText ShippedText(string instrument, string language)
    {
        var s = Shipped.Value[(instrument, Languages.Contains(language) ? language : "en")];
        return new(instrument, language, s.Source, s.Instruction, s.Items, s.Options, false);
    }

    public async Task<InstrumentText?> GetAsync(string code, string? language, CurrentUser user, CancellationToken ct)
    {
        if (Instrument.Find(code) is not { } instrument) return null;
        var lang = Languages.Contains(language ?? "") ? language! : System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is var ui && Languages.Contains(ui) ? ui : "ru";
        var loaded = await db.InstrumentTranslations.AsNoTracking()
            .FirstOrDefaultAsync(t => t.OrganisationId == user.OrganisationId && t.Instrument == instrument.Code && t.Language == lang, ct);
        if (loaded is null) return ShippedText(instrument.Code, lang);
        var s = JsonSerializer.Deserialize<Stored>(loaded.Content, JsonSerializerOptions.Web)!;
        return new(instrument.Code, lang, loaded.Source ?? s.Source, s.Instruction, s.Items, s.Options, true);
    }

    /// <summary>Loads an organisation's validated translation: one text per item and per answer option, named by field when missing.</summary>
    public async Task<(bool Found, FieldErrors Errors)> LoadAsync(string code, string language, TranslationInput input, CurrentUser user, CancellationToken ct)
    {
        await access.DemandAsync(user, Permission.TranslationsManage);
        var errors = new FieldErrors();
        if (Instrument.Find(code) is not { } instrument || !Languages.Contains(language)) return (false, errors);
        var source = Text(input.Source, "source", 300, required: true, errors);
        var instruction = Text(input.Instruction, "instruction", 1000, required: true, errors);
        var items = input.Items ?? [];
        if (items.Count != instrument.Items) errors.Add("items", "Validation.InstrumentItems");
        var texts = items.Select((t, i) => Text(t, $"items[{i}]", 500, required: true, errors)).ToArray();
        var options = input.Options ?? [];
        if (options.Count != instrument.MaxAnswer - instrument.MinAnswer + 1) errors.Add("options", "Validation.InstrumentOptions");
        var optionTexts = options.Select((t, i) => Text(t, $"options[{i}]", 200, required: true, errors)).ToArray();
        if (errors.Any) return (true, errors);
        var content = JsonSerializer.Serialize(new Stored(source!, instruction!, texts!, optionTexts!), JsonSerializerOptions.Web);
        var now = clock.GetUtcNow();
        var existing = await db.InstrumentTranslations.FirstOrDefaultAsync(t => t.OrganisationId == user.OrganisationId && t.Instrument == instrument.Code && t.Language == language, ct);
        if (existing is null)
            db.InstrumentTranslations.Add(new InstrumentTranslation { OrganisationId = user.OrganisationId, Instrument = instrument.Code, Language = language, Content = content, Source = source, LoadedAt = now });
        else
        {
            existing.Content = content;
            existing.Source = source;
            existing.LoadedAt = now;
        }
        await audit.SaveWithAuditAsync([new(user.Actor, AuditAction.InstrumentTranslation_Loaded, "Instrument", instrument.Code, new { language, source })], ct);
        return (true, errors);
    }
}
