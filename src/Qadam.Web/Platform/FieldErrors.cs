using Microsoft.Extensions.Localization;

namespace Qadam.Web.Platform;

/// <summary>Validation failures as (field, code) pairs; codes are resource keys, translated at the edge.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;
    public IEnumerable<string> Fields => errors.Keys;

    public FieldErrors Add(string field, string code)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(code);
        return this;
    }

    public bool Has(string field) => errors.ContainsKey(field);

    public IReadOnlyList<string> Codes(string field) => errors.TryGetValue(field, out var list) ? list : [];

    public Dictionary<string, string[]> Localise(IStringLocalizer localizer) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(code => localizer[code].Value).ToArray());

    public void CopyTo(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, IStringLocalizer localizer, string prefix = "")
    {
        foreach (var (field, codes) in errors)
            foreach (var code in codes)
                modelState.AddModelError(prefix + field, localizer[code]);
    }
}
