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

    [Theory]
    [InlineData("Меруерт Сапарова", true)]
    [InlineData("Сапарова Меруерт", true)] // either order
    [InlineData("Saparova Meruyert Qairatqyzy", true)] // three words: a pair and one alone, in the other script
    [InlineData("Меруерт", true)]
    [InlineData("Меруерт Қайратқызы", true)]
    [InlineData("Меруерт Сапарова Айгүл", false)] // a word she does not have
    [InlineData("Айгүл Сапарова", false)]
    public void BlindIndex_SearchTokens_AreAmongTheTokensOfEveryoneHavingAllTheWords(string query, bool matches)
    {
        var index = new BlindIndex(TestKeys.Options());
        var stored = index.NameTokens("Меруерт", "Сапарова", "Қайратқызы").ToHashSet();
        Assert.Equal(3 + 3, stored.Count); // three words and three pairs
        var search = index.SearchTokens(query);
        Assert.Equal((query.Split(' ').Length + 1) / 2, search.Count);
        Assert.Equal(matches, search.All(stored.Contains));
    }

    [Fact]
    public void BlindIndex_NameTokens_SameForBothScripts()
    {
        var index = new BlindIndex(TestKeys.Options());
        Assert.Equal(index.NameTokens("Меруерт", "Сапарова"), index.NameTokens("Meruyert", "Saparova"));
        Assert.NotEqual(index.Compute("name", "x"), index.Compute("iin", "x"));
    }
}
