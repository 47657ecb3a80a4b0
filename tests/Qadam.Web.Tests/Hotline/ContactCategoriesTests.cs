using System.Text.RegularExpressions;
using Qadam.Web.Features.Hotline;

namespace Qadam.Web.Tests.Hotline;

public sealed partial class ContactCategoriesTests
{
    [Fact]
    public void Taxonomy_HasChildHelplineInternationalsTenTopCategories_AndThePveExtension()
    {
        string[] chi = ["missing-children", "violence", "mental-health", "physical-health", "access-to-services", "discrimination-and-exclusion",
            "family-relationships", "peer-relationships", "education-and-occupation", "sexuality"];
        var tops = ContactCategories.All.Where(c => c.Parent is null).Select(c => c.Code).ToList();
        Assert.Equal(chi.Append("violent-extremism").Order(), tops.Order());
        foreach (var pve in new[] { "radicalisation-concern", "destructive-religious-movement", "extremism-information", "online-recruitment", "returnee-family" })
            Assert.Equal("violent-extremism", ContactCategories.Find(pve)?.Parent);
        Assert.All(tops, t => Assert.Contains(ContactCategories.All, c => c.Parent == t));
    }

    [Fact]
    public void Codes_AreUniqueKebabCase_ParentsExist_AndEveryNameIsTranslated()
    {
        Assert.Equal(ContactCategories.All.Count, ContactCategories.All.Select(c => c.Code).Distinct().Count());
        Assert.All(ContactCategories.All, c =>
        {
            Assert.Matches(KebabCase(), c.Code);
            if (c.Parent is not null) Assert.Null(ContactCategories.Find(c.Parent)!.Parent); // two levels
            Assert.False(string.IsNullOrWhiteSpace(c.Kk) || string.IsNullOrWhiteSpace(c.Ru) || string.IsNullOrWhiteSpace(c.En));
            Assert.NotEqual(c.En, c.Ru);
            Assert.NotEqual(c.En, c.Kk);
        });
        Assert.Null(ContactCategories.Find("no-such-category"));
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex KebabCase();
}
