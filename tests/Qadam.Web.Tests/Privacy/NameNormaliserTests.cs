using Qadam.Privacy;

namespace Qadam.Web.Tests.Privacy;

public sealed class NameNormaliserTests
{
    [Theory]
    [InlineData("Меруерт", "Meruert")]
    [InlineData("Меруерт", "Meruyert")]
    [InlineData("Айгерім", "Aigerim")]
    [InlineData("Айгерім", "Aygerim")]
    [InlineData("Жанар", "Zhanar")]
    [InlineData("Жанар", "Janar")]
    [InlineData("Қуаныш", "Kuanysh")]
    [InlineData("Қуаныш", "Quanysh")]
    [InlineData("Ерлан", "Yerlan")]
    [InlineData("Әлия", "Aliya")]
    [InlineData("Әлия", "Äliya")]
    [InlineData("Нұрсұлтан", "Nursultan")]
    [InlineData("Хадиша", "Khadisha")]
    [InlineData("Юлия", "Yuliya")]
    [InlineData("Сейткали", "Seytkali")]
    [InlineData("ЖУМАБАЕВА", "zhumabayeva")]
    public void Skeleton_CyrillicAndLatinSpellings_Meet(string a, string b) =>
        Assert.Equal(NameNormaliser.Skeleton(a), NameNormaliser.Skeleton(b));

    [Theory]
    [InlineData("Меруерт", "Мерует")]
    [InlineData("Айгерім", "Айгүл")]
    [InlineData("Ерлан", "Ерхан")]
    [InlineData("Асхат", "Асқар")]
    public void Skeleton_DifferentNames_StayApart(string a, string b) =>
        Assert.NotEqual(NameNormaliser.Skeleton(a), NameNormaliser.Skeleton(b));

    [Fact]
    public void Words_SplitsOnSpacesAndHyphens() =>
        Assert.Equal(["Анна", "Мария", "Ким"], NameNormaliser.Words(" Анна-Мария  Ким "));

    [Fact]
    public void BlindIndex_NameTokens_SameForBothScripts()
    {
        var index = new BlindIndex(TestKeys.Options());
        Assert.Equal(index.NameTokens("Меруерт", "Сапарова"), index.NameTokens("Meruyert", "Saparova"));
        Assert.NotEqual(index.Compute("name", "x"), index.Compute("iin", "x"));
    }
}
