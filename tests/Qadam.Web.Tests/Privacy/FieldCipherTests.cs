using System.Security.Cryptography;
using Qadam.Privacy;

namespace Qadam.Web.Tests.Privacy;

public sealed class FieldCipherTests
{
    [Fact]
    public void EncryptDecrypt_RoundTrips_AndHidesThePlaintext()
    {
        var cipher = new FieldCipher(TestKeys.Options());
        var stored = cipher.Encrypt("Меруерт Сапарова", "Person.GivenName");
        Assert.StartsWith("q1:k1:", stored);
        Assert.DoesNotContain("Меруерт", stored);
        Assert.Equal("Меруерт Сапарова", cipher.Decrypt(stored, "Person.GivenName"));
    }

    [Fact]
    public void Encrypt_SameValueTwice_GivesDifferentCiphertexts()
    {
        var cipher = new FieldCipher(TestKeys.Options());
        Assert.NotEqual(cipher.Encrypt("900101350012", "Person.Iin"), cipher.Encrypt("900101350012", "Person.Iin"));
    }

    [Fact]
    public void Decrypt_ValueMovedToAnotherColumn_Fails()
    {
        var cipher = new FieldCipher(TestKeys.Options());
        var stored = cipher.Encrypt("secret", "Person.Notes");
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(stored, "Person.GivenName"));
    }

    [Fact]
    public void Decrypt_TamperedValue_Fails()
    {
        var cipher = new FieldCipher(TestKeys.Options());
        var stored = cipher.Encrypt("secret", "Person.Notes");
        var bytes = Convert.FromBase64String(stored["q1:k1:".Length..]);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt("q1:k1:" + Convert.ToBase64String(bytes), "Person.Notes"));
    }

    [Fact]
    public void Rotation_OldValuesReadable_NewValuesUseActiveKey()
    {
        var before = new FieldCipher(TestKeys.Options("k1", ("k1", 1)));
        var old = before.Encrypt("Айгерім", "Person.GivenName");
        var after = new FieldCipher(TestKeys.Options("k2", ("k1", 1), ("k2", 2)));
        Assert.Equal("Айгерім", after.Decrypt(old, "Person.GivenName"));
        var fresh = after.Encrypt("Айгерім", "Person.GivenName");
        Assert.Equal("k2", FieldCipher.KeyIdOf(fresh));
        Assert.Equal("k1", FieldCipher.KeyIdOf(old));
        Assert.NotEqual(before.Fingerprint, after.Fingerprint);
        // Once k1 is retired, values still under k1 can no longer be read: rotation must re-encrypt first.
        var retired = new FieldCipher(TestKeys.Options("k2", ("k2", 2)));
        Assert.ThrowsAny<CryptographicException>(() => retired.Decrypt(old, "Person.GivenName"));
    }

    [Fact]
    public void Options_MissingOrMalformedKeys_AreReported()
    {
        Assert.NotEmpty(new PrivacyOptions().Validate());
        Assert.NotEmpty(new PrivacyOptions { ActiveKeyId = "x", Keys = { ["x"] = "c2hvcnQ=" }, BlindIndexKey = TestKeys.Key(1) }.Validate());
        Assert.Empty(TestKeys.Options().Validate());
        Assert.Throws<InvalidOperationException>(() => new FieldCipher(new PrivacyOptions()));
    }
}
