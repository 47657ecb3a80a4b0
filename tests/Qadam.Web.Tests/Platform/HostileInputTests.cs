using System.Text;
using Qadam.Privacy;
using Qadam.Web.Features.Scheme;
using Qadam.Web.Platform;

namespace Qadam.Web.Tests.Platform;

public sealed class HostileInputTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("1e-3", "1e-3")]
    [InlineData("Меруерт", "Меруерт")]
    public void Neutralise_PrefixesFormulaCells_LeavesNumbersAndText(string cell, string expected) =>
        Assert.Equal(expected, SpreadsheetCells.Neutralise(cell));

    [Fact]
    public void Decode_ReadsWindows1251_AndRefusesOtherEncodings()
    {
        var cp1251 = CodePagesEncoding().GetBytes("name,type\nПекарня Айгуль,PrivateBusiness\n");
        var (text, encoding) = TableReader.Decode(cp1251);
        Assert.Equal("Windows-1251", encoding);
        Assert.Contains("Пекарня", text);
        Assert.Null(TableReader.Decode(Encoding.UTF8.GetBytes("name\nМеруерт\n")).Encoding);
        var e = Assert.Throws<ImportFormatException>(() => TableReader.Decode([(byte)'a', 0x81, 0x82, 0x83, 0x84, (byte)'b']));
        Assert.Equal("Encoding", e.Code);
    }

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1251);
    }

    [Theory]
    [InlineData("A1", 0)]
    [InlineData("AB12", 27)]
    [InlineData("XFD1", 16383)]
    [InlineData("ZZZZZZZ2", null)]
    [InlineData("XFE1", null)]
    [InlineData("12", null)]
    [InlineData("A", null)]
    public void ColumnIndex_IsBounded(string reference, int? expected) => Assert.Equal(expected, TableReader.ColumnIndex(reference));

    [Fact]
    public void UnicodeText_CountsAndCutsByScalarValue()
    {
        Assert.Equal(3, UnicodeText.Length("a😀𠀋"));
        Assert.Equal("a😀…", UnicodeText.Truncate("a😀𠀋b", 2));
        Assert.False(UnicodeText.IsWellFormed("a\uD800b"));
        Assert.True(UnicodeText.HasHiddenCharacters("Ali\u202Eya", multiline: true));
        Assert.True(UnicodeText.HasHiddenCharacters("Ali\u200Bya", multiline: false));
        Assert.False(UnicodeText.HasHiddenCharacters("Ali\u200Bya", multiline: true));
        Assert.False(UnicodeText.HasHiddenCharacters("Айгерім😀", multiline: false));
    }

    [Theory]
    [InlineData("𝐀лия", "Алия")]
    [InlineData("Айгерім😀", "Айгерім")]
    public void NameSkeleton_HandlesCharactersOutsideTheBasicPlane(string odd, string plain) =>
        Assert.Equal(NameNormaliser.Skeleton(plain), NameNormaliser.Skeleton(odd));
}
