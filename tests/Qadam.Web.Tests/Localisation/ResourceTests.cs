using System.Text.RegularExpressions;
using System.Xml.Linq;
using Qadam.Auditing;
using Qadam.Domain;
using Qadam.Web.Features.Psychosocial;

namespace Qadam.Web.Tests.Localisation;

public sealed partial class ResourceTests
{
    private static readonly string Root = FindRepoRoot();

    private static string FindRepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Qadam.slnx"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repo root not found");
        return dir;
    }

    private static Dictionary<string, string> Load(string culture)
    {
        var file = Path.Combine(Root, "src/Qadam.Web/Resources", culture == "en" ? "SharedResource.resx" : $"SharedResource.{culture}.resx");
        return XDocument.Load(file).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
    }

    [Fact]
    public void AllThreeLanguages_HaveTheSameKeys_AndNoEmptyValues()
    {
        var en = Load("en");
        foreach (var culture in new[] { "ru", "kk" })
        {
            var other = Load(culture);
            Assert.Empty(en.Keys.Except(other.Keys));
            Assert.Empty(other.Keys.Except(en.Keys));
            Assert.DoesNotContain(other, kv => string.IsNullOrWhiteSpace(kv.Value));
        }
    }

    [Fact]
    public void KazakhAndRussian_AreTranslated_NotCopiesOfEnglish()
    {
        var en = Load("en");
        foreach (var culture in new[] { "ru", "kk" })
        {
            var other = Load(culture);
            var copied = en.Where(kv => other[kv.Key] == kv.Value && kv.Value.Any(char.IsAsciiLetter)).Select(kv => kv.Key).ToList();
            Assert.True(copied.Count == 0, $"{culture}: untranslated {string.Join(", ", copied)}");
        }
    }

    [Fact]
    public void EveryKeyUsedInPagesAndCode_Exists()
    {
        var keys = Load("en").Keys.ToHashSet();
        var used = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "src/Qadam.Web"), "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                     .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LocalizerKey().Matches(text)) used.Add(m.Groups[1].Value);
            foreach (Match m in ValidationCode().Matches(text)) used.Add(m.Groups[1].Value);
        }
        // Keys built at run time from enumerations.
        used.UnionWith(Enum.GetNames<AuditAction>().Select(a => "AuditAction." + a));
        used.UnionWith(Roles.All.Select(r => "Role." + r));
        used.UnionWith(["Sex.female", "Sex.male", "Alert.breakGlass", "Duplicate.sameIin", "Duplicate.sameNameAndBirthDate", "Duplicate.samePhone"]);
        used.UnionWith(new[] { "services", "sharingWithOrganisation", "followUpContact", "anonymousStatistics", "evaluation" }.Select(p => "Consent.Purpose." + p));
        used.UnionWith(new[] { "format", "check_digit", "century", "birth_date" }.Select(c => "Validation.iin." + c));
        used.UnionWith(Enum.GetNames<StudyStatus>().Select(s => "Study.Status." + s));
        used.UnionWith(new[] { "nn", "nn-replace", "nn-classic", "nn-classic-replace", "ipw", "did" }.Select(m => "Study.Method." + m));
        used.UnionWith(Sectors.All.Select(x => "Sector." + x));
        used.UnionWith(Enum.GetNames<EmployerType>().Select(x => "Scheme.EmployerType." + x));
        used.UnionWith(Enum.GetNames<Education>().Select(x => "Scheme.Education." + x));
        used.UnionWith(Enum.GetNames<ApplicantStatus>().Select(x => "Scheme.ApplicantStatus." + x));
        used.UnionWith(Enum.GetNames<MatchRunStatus>().Select(x => "Scheme.RunStatus." + x));
        used.UnionWith(Enum.GetNames<PlacementStatus>().Select(x => "Scheme.PlacementStatus." + x));
        used.UnionWith(Enum.GetNames<CheckInKind>().Select(x => "Scheme.CheckInKind." + x));
        used.UnionWith(Enum.GetNames<SubsidyStatus>().Select(x => "Scheme.SubsidyStatus." + x));
        used.UnionWith(Enum.GetNames<FollowUpMilestone>().Select(x => "Scheme.Milestone." + x));
        used.UnionWith(Enum.GetNames<EmploymentStatus>().Select(x => "Scheme.Employment." + x));
        used.UnionWith(Enum.GetNames<AgeBand>().Select(x => "AgeBand." + x));
        used.UnionWith(Qadam.Web.Features.Scheme.PlacementService.IncomeBands.Select(x => "Scheme.Income." + x));
        used.UnionWith(Qadam.Web.Features.Scheme.SchemeImport.Columns.Keys.Select(x => "Scheme.ImportKind." + x));
        used.UnionWith(Enum.GetNames<ActivityKind>().Select(x => "Activity.Kind." + x));
        used.UnionWith(Qadam.Statistics.Instrument.All.Select(i => "Instrument." + i.Code));
        used.UnionWith(PsychosocialCodes.PresentingIssues.Select(x => "Issue." + x));
        used.UnionWith(PsychosocialCodes.Interventions.Select(x => "Intervention." + x));
        used.UnionWith(Enum.GetNames<ConsultationModality>().Select(x => "Modality." + x));
        used.UnionWith(new[] { "phq9Item9", "riskOfHarm" }.Select(x => "Psy.AlertSource." + x));
        used.UnionWith(new[] { "improved", "worsened", "unchanged" }.Select(x => "Psy.Trend." + x));
        used.UnionWith(new[] { "minimal", "mild", "moderate", "moderatelySevere", "severe", "normal", "poorWellbeing", "likelyDepression", "wellbeing", "low", "high", "well" }.Select(x => "Band." + x));
        used.UnionWith(new[] { "sex", "ageBand" }.Select(x => "Psy.Dimension." + x));
        used.Add("Alert.safetyAlertEscalated");
        used.Add("Study.Source.instruments");
        used.UnionWith(Qadam.Web.Features.Evaluation.ApprenticeshipOutcomeSource.Outcomes.Keys.Select(o => "Study.Outcome." + o));
        used.Add("Study.Source.upload");
        used.Add("Study.Source.apprenticeship");
        // Reporting (issue #12): logframe levels, statuses, disaggregations, the library's definitions.
        used.UnionWith(Enum.GetNames<ResultLevel>().Select(x => "Reports.Level." + x.ToLowerInvariant()));
        used.UnionWith(new[] { "onTrack", "atRisk", "behind", "noTarget", "hidden" }.Select(x => "Reports.Status." + x));
        used.UnionWith(Qadam.Web.Features.Reports.IndicatorLibrary.PersonDimensions.Select(x => "Reports.Dimension." + x));
        used.UnionWith(Qadam.Web.Features.Reports.ReportBuilder.KnownCategories.Values.SelectMany(v => v).Select(x => "Reports.Category." + x));
        used.UnionWith(Qadam.Web.Features.Reports.IndicatorLibrary.All.SelectMany(d => new[] { "Reports.Definition." + d.Key, "Reports.DefinitionText." + d.Key }));
        used.UnionWith(Qadam.Web.Features.Reports.IndicatorLibrary.All.Where(d => d.Parameter is not null).Select(d => "Reports.ParameterKind." + d.Parameter));
        used.UnionWith(Qadam.Web.Features.Reports.IatiCodes.OrganisationTypes.Where(t => t is "10" or "15" or "40" or "21" or "22" or "60" or "70" or "80" or "90").Select(t => "Reports.OrgType." + t));
        Assert.True(used.Count > 150, $"only {used.Count} keys found: is the scan working?");
        Assert.Empty(used.Except(keys).Order());
    }

    [GeneratedRegex("""[Ll]\["([A-Za-z0-9_.]+)"\]""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"""((?:Validation|Identity)\.[A-Za-z_.]+)""")]
    private static partial Regex ValidationCode();
}
