using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Qadam.Privacy;

/// <summary>
/// AES-256-GCM field encryption. Stored form: <c>q1:{keyId}:{base64(nonce‖ciphertext‖tag)}</c>.
/// The column name is bound as associated data, so a value copied into another column fails to decrypt.
/// Old keys stay configured for reading; writes use the active key (rotation = add key, switch, re-encrypt).
/// </summary>
public sealed class FieldCipher
{
    private const string Prefix = "q1:";
    private const int NonceSize = 12, TagSize = 16;
    private readonly Dictionary<string, byte[]> keys;
    private readonly string activeKeyId;
    // Ciphers ready for use, per key id: creating one sets up an OpenSSL context, which cost more than decrypting a name (a
    // search page decrypts three columns of 25 rows). An AesGcm is not for concurrent use, so each is taken and given back.
    private readonly ConcurrentDictionary<string, ConcurrentQueue<AesGcm>> idle = new(StringComparer.Ordinal);

    public FieldCipher(PrivacyOptions options)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));
        keys = options.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value));
        activeKeyId = options.ActiveKeyId;
        Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join(",", options.Keys.OrderBy(k => k.Key).Select(k => k.Key + "=" + k.Value)) + "|" + activeKeyId)))[..16];
    }

    public string ActiveKeyId => activeKeyId;

    /// <summary>Identifies the key set, so a model built with one cipher is not reused with another.</summary>
    public string Fingerprint { get; }

    public string Encrypt(string plaintext, string column)
    {
        var key = keys[activeKeyId];
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var buffer = new byte[NonceSize + plain.Length + TagSize];
        var nonce = buffer.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var aes = Take(activeKeyId, key);
        try { aes.Encrypt(nonce, plain, buffer.AsSpan(NonceSize, plain.Length), buffer.AsSpan(NonceSize + plain.Length), Aad(activeKeyId, column)); }
        finally { Return(activeKeyId, aes); }
        return $"{Prefix}{activeKeyId}:{Convert.ToBase64String(buffer)}";
    }

    public string Decrypt(string stored, string column)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
            throw new CryptographicException($"Value in {column} is not in the encrypted format.");
        var rest = stored.AsSpan(Prefix.Length);
        var sep = rest.IndexOf(':');
        if (sep <= 0) throw new CryptographicException($"Value in {column} has no key id.");
        var keyId = rest[..sep].ToString();
        if (!keys.TryGetValue(keyId, out var key))
            throw new CryptographicException($"Value in {column} was encrypted with key '{keyId}', which is not configured.");
        var data = Convert.FromBase64String(rest[(sep + 1)..].ToString());
        if (data.Length < NonceSize + TagSize) throw new CryptographicException($"Value in {column} is truncated.");
        var plain = new byte[data.Length - NonceSize - TagSize];
        var aes = Take(keyId, key);
        try { aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, plain.Length), data.AsSpan(NonceSize + plain.Length), plain, Aad(keyId, column)); }
        finally { Return(keyId, aes); }
        return Encoding.UTF8.GetString(plain);
    }

    private AesGcm Take(string keyId, byte[] key) =>
        idle.TryGetValue(keyId, out var ready) && ready.TryDequeue(out var aes) ? aes : new AesGcm(key, TagSize);

    /// <summary>Gives a cipher back for reuse, keeping at most a few per key (one per concurrent request is plenty).</summary>
    private void Return(string keyId, AesGcm aes)
    {
        var ready = idle.GetOrAdd(keyId, _ => new());
        if (ready.Count < 64) ready.Enqueue(aes);
        else aes.Dispose();
    }

    /// <summary>The key id a stored value was written with (for rotation reports).</summary>
    public static string? KeyIdOf(string? stored) =>
        stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal) && stored.IndexOf(':', Prefix.Length) is var i and > 0
            ? stored[Prefix.Length..i] : null;

    private static byte[] Aad(string keyId, string column) => Encoding.UTF8.GetBytes(keyId + "|" + column);
}
