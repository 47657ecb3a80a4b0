using Qadam.Statistics;
using Qadam.Web.Features.Psychosocial;

namespace Qadam.Web.Tests.Psychosocial;

/// <summary>The shipped item texts: every instrument in kk, ru and en, one text per item and per answer option, each named by its source.</summary>
public sealed class InstrumentTextTests
{
    public static TheoryData<string, string> Texts()
    {
        var data = new TheoryData<string, string>();
        foreach (var i in Instrument.All)
            foreach (var lang in InstrumentTexts.Languages) data.Add(i.Code, lang);
        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void ShippedText_HasEveryItemAndOption(string code, string language)
    {
        var instrument = Instrument.Find(code)!;
        var text = InstrumentTexts.ShippedText(code, language);
        Assert.Equal(instrument.Items, text.Items.Count);
        Assert.Equal(instrument.MaxAnswer - instrument.MinAnswer + 1, text.Options.Count);
        Assert.All(text.Items.Concat(text.Options).Append(text.Instruction).Append(text.Source), t => Assert.False(string.IsNullOrWhiteSpace(t)));
        Assert.Equal(text.Items.Count, text.Items.Distinct().Count());
        if (language == "kk") Assert.Contains(text.Items, t => t.Any(c => "әғқңөұүһі".Contains(c)));
        if (language == "ru") Assert.All(text.Items, t => Assert.Contains(t, c => c is >= 'а' and <= 'я'));
    }

    [Fact]
    public void Phq9Item9_IsTheSelfHarmQuestion_InEveryLanguage()
    {
        Assert.Contains("hurting yourself", InstrumentTexts.ShippedText("phq9", "en").Items[8]);
        Assert.Contains("вред", InstrumentTexts.ShippedText("phq9", "ru").Items[8]);
        Assert.Contains("зиян", InstrumentTexts.ShippedText("phq9", "kk").Items[8]);
    }
}
