namespace Qadam.Privacy;

/// <summary>Keys for field encryption and blind indexes. Values are base64 of 32 random bytes.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";
    public string ActiveKeyId { get; set; } = "";
    public Dictionary<string, string> Keys { get; set; } = [];
    public string BlindIndexKey { get; set; } = "";

    /// <summary>The keys that ship in appsettings.Development.json: never acceptable in production.</summary>
    public static readonly IReadOnlySet<string> PublicDevelopmentKeys = new HashSet<string>
    {
        "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=",
        "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LW5vLXByb2Q=",
    };

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ActiveKeyId)) yield return "Privacy:ActiveKeyId is not set.";
        else if (!Keys.ContainsKey(ActiveKeyId)) yield return $"Privacy:Keys has no key '{ActiveKeyId}' (the active key).";
        foreach (var (id, value) in Keys)
            if (!IsKey(value)) yield return $"Privacy:Keys:{id} must be base64 of 32 bytes.";
        if (!IsKey(BlindIndexKey)) yield return "Privacy:BlindIndexKey must be base64 of 32 bytes.";
    }

    public bool UsesPublicDevelopmentKeys =>
        Keys.Values.Any(PublicDevelopmentKeys.Contains) || PublicDevelopmentKeys.Contains(BlindIndexKey);

    private static bool IsKey(string value)
    {
        Span<byte> buffer = stackalloc byte[64];
        return Convert.TryFromBase64String(value, buffer, out var n) && n == 32;
    }
}
