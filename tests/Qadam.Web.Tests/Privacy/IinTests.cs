using Qadam.Domain;
using Qadam.Privacy;

namespace Qadam.Web.Tests.Privacy;

public sealed class IinTests
{
    // Check digits computed by hand with the published two-pass algorithm (weights 1..11, then 3..11,1,2).
    [Theory]
    [InlineData("900101350013", 1990, 1, 1, Sex.Male)]
    [InlineData("011231600017", 2001, 12, 31, Sex.Female)]
    public void Check_ValidNumber_DecodesBirthDateAndSex(string iin, int y, int m, int d, Sex sex)
    {
        var check = Iin.Check(iin);
        Assert.True(check.IsValid, check.Error);
        Assert.Equal(new DateOnly(y, m, d), check.BirthDate);
        Assert.Equal(sex, check.Sex);
    }

    [Theory]
    [InlineData(null, "iin.format")]
    [InlineData("12345", "iin.format")]
    [InlineData("90010135001a", "iin.format")]
    [InlineData("900101350012", "iin.check_digit")]
    [InlineData("901301350013", "iin.birth_date")]
    public void Check_BadNumber_FailsWithCode(string? iin, string code)
    {
        var check = Iin.Check(iin);
        Assert.False(check.IsValid);
        Assert.Equal(code, check.ErrorCode);
    }

    [Fact]
    public void CheckDigit_FirstPassTen_UsesSecondWeights()
    {
        // 11 digits whose first weighted sum is ≡ 10 (mod 11): the second weights must decide.
        var found = 0;
        for (var serial = 0; serial < 10000 && found < 20; serial++)
        {
            var first11 = $"0203046{serial:D4}".Select(c => c - '0').ToArray();
            var s1 = first11.Select((x, i) => x * (i + 1)).Sum() % 11;
            if (s1 != 10) continue;
            found++;
            int[] w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
            var s2 = first11.Select((x, i) => x * w2[i]).Sum() % 11;
            Assert.Equal(s2 == 10 ? null : s2, Iin.CheckDigit(first11));
        }
        Assert.True(found > 0);
    }

    [Fact]
    public void Make_ProducesNumbersThatValidate()
    {
        var made = 0;
        for (var serial = 0; serial < 200; serial++)
            if (Iin.Make(new DateOnly(2003, 7, 15), Sex.Female, serial) is { } iin)
            {
                made++;
                var check = Iin.Check(iin);
                Assert.True(check.IsValid);
                Assert.Equal(Sex.Female, check.Sex);
                Assert.Equal(new DateOnly(2003, 7, 15), check.BirthDate);
                Assert.Equal('6', iin[6]);
            }
        Assert.True(made > 150);
    }
}
