using Qadam.Privacy;

namespace Qadam.Web.Tests;

internal static class TestKeys
{
    public static string Key(byte fill) => Convert.ToBase64String(Enumerable.Repeat(fill, 32).ToArray());

    public static PrivacyOptions Options(string active = "k1", params (string Id, byte Fill)[] keys)
    {
        if (keys.Length == 0) keys = [("k1", 1)];
        var o = new PrivacyOptions { ActiveKeyId = active, BlindIndexKey = Key(99) };
        foreach (var (id, fill) in keys) o.Keys[id] = Key(fill);
        return o;
    }
}
