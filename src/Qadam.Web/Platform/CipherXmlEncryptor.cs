using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Qadam.Privacy;

namespace Qadam.Web.Platform;

/// <summary>Cookie/token protection keys are stored encrypted with the same configured master keys as personal data.</summary>
public sealed class CipherXmlEncryptor(FieldCipher cipher) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement("sealed", cipher.Encrypt(plaintextElement.ToString(SaveOptions.DisableFormatting), "DataProtection")), typeof(CipherXmlDecryptor));
}

/// <summary>Activated by Data Protection from the type name stored with each key.</summary>
public sealed class CipherXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(services.GetRequiredService<FieldCipher>().Decrypt(encryptedElement.Value, "DataProtection"));
}
