using Qadam.Privacy;

namespace Qadam.Web.Tests.Privacy;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("8 701 123 45 67", "+77011234567")]
    [InlineData("+7 (701) 123-45-67", "+77011234567")]
    [InlineData("7011234567", "+77011234567")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    public void Normalise_CommonForms_GiveE164(string raw, string expected) => Assert.Equal(expected, PhoneNumber.Normalise(raw));

    [Theory]
    [InlineData("")]
    [InlineData("call me")]
    [InlineData("12345")]
    [InlineData("+7 701 123 45 67 ext 5")]
    public void Normalise_NotAPhone_GivesNull(string raw) => Assert.Null(PhoneNumber.Normalise(raw));
}
