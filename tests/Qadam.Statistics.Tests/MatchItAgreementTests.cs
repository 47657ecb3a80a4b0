using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Qadam.Statistics.Tests;

/// <summary>
/// Qadam's <c>nn</c> / <c>nn-replace</c> against R's MatchIt as installed, run by this test (issue #14): generated data sets of
/// different sizes and treated shares, some with tied scores, some with a categorical covariate, with ratio and
/// replacement, and lalonde. For each, (1) Qadam's matcher on MatchIt's own propensity scores gives MatchIt's pairs, round
/// by round, and (2) Qadam's whole pipeline (its own logit fit) gives MatchIt's pairs and its ATT. R with MatchIt is
/// required (scripts/test installs it, as it installs PostgreSQL).
/// </summary>
public sealed class MatchItAgreementTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public sealed record Case(string Name, int Seed, int Rows, double Intercept, bool Ties, bool Categorical, int Ratio, bool Replace)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases() =>
    [
        new("300 rows, 10% treated", 1, 300, -2.2, false, false, 1, false),
        new("2,000 rows, 35% treated, tied scores", 2, 2000, -0.6, true, false, 1, false),
        new("5,000 rows, 12% treated, categorical covariate", 3, 5000, -2.2, false, true, 1, false),
        new("1,500 rows, ratio 2, ties and a categorical covariate", 4, 1500, -1.5, true, true, 2, false),
        new("1,000 rows, with replacement", 5, 1000, -1.5, false, false, 1, true),
        new("800 rows, ratio 3 with replacement, ties", 6, 800, -1.0, true, false, 3, true),
        new("20,000 rows, 12% treated", 7, 20_000, -2.2, false, false, 1, false),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void NearestNeighbour_GivesMatchItsPairsAndAtt(Case c)
    {
        var (csv, columns, treated, y) = Generate(c);
        Compare(csv, columns, treated, y, c.Ratio, c.Replace, c.Categorical ? "treat ~ x1 + x2 + x3 + region" : "treat ~ x1 + x2 + x3", "y");
    }

    [Fact]
    public void NearestNeighbour_OnLalonde_GivesMatchItsPairsAndAtt()
    {
        var path = Path.Combine(SharedData.Folder("evaluation"), "lalonde.csv");
        var data = SharedData.LoadLalonde();
        Compare(File.ReadAllText(path), data.Covariates, data.Treated, data.Re78, 1, false, "treat ~ age + educ + race + married + nodegree + re74 + re75", "re78");
    }

    private static void Compare(string csv, IReadOnlyList<CovariateColumn> columns, bool[] treated, double[] y, int ratio, bool replace, string formula, string outcome)
    {
        var dir = Directory.CreateTempSubdirectory("qadam-matchit-");
        try
        {
            var input = Path.Combine(dir.FullName, "data.csv");
            File.WriteAllText(input, csv);
            var prefix = Path.Combine(dir.FullName, "out");
            RunR(input, prefix, ratio, replace, formula, outcome);
            var distance = File.ReadAllLines(prefix + ".distance.csv").Skip(1).Select(l => double.Parse(l.Split(',')[1], Inv)).ToArray();
            var expected = File.ReadAllLines(prefix + ".pairs.csv").Skip(1).Select(l => l.Split(','))
                .Select(f => (Treated: int.Parse(f[0], Inv) - 1, Round: int.Parse(f[1], Inv), Control: int.Parse(f[2], Inv) - 1)).ToList();
            var att = File.ReadAllLines(prefix + ".att.txt");
            var rAtt = double.Parse(att[0], Inv);

            // (1) The matching routine alone, on MatchIt's own scores.
            var options = new MatchOptions(ratio, replace, null, MatchRule.MatchIt451);
            var ours = NearestNeighbourMatching.Match(distance, treated, options);
            Assert.Equal(Canonical(expected), Canonical(Rounds(ours)));

            // (2) The whole pipeline: Qadam's logit fit, matching and ATT.
            var result = Evaluation.Run(new EvaluationRequest(columns, treated, y, replace ? Method.NearestNeighbourReplace : Method.NearestNeighbour, Ratio: ratio));
            Assert.Equal(Canonical(expected), Canonical(Rounds(result.Matching!)));
            Assert.True(Math.Abs(result.Estimate - rAtt) <= 1e-9 * Math.Max(1, Math.Abs(rAtt)), $"ATT: Qadam {result.Estimate:R}, MatchIt {att[1]} {rAtt:R}");
        }
        finally { dir.Delete(recursive: true); }
    }

    /// <summary>Each treated unit's controls in the order of the rounds that gave them.</summary>
    private static List<(int Treated, int Round, int Control)> Rounds(MatchResult m)
    {
        var round = new Dictionary<int, int>();
        return m.Pairs.Select(p => (p.Treated, round[p.Treated] = round.GetValueOrDefault(p.Treated) + 1, p.Control)).ToList();
    }

    private static string Canonical(IEnumerable<(int Treated, int Round, int Control)> pairs) =>
        string.Join(";", pairs.OrderBy(p => p.Treated).ThenBy(p => p.Round).Select(p => $"{p.Treated}:{p.Round}:{p.Control}"));

    private static void RunR(string input, string prefix, int ratio, bool replace, string formula, string outcome)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "R", "matchit_pairs.R");
        var start = new ProcessStartInfo("Rscript") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { script, input, prefix, ratio.ToString(Inv), replace ? "TRUE" : "FALSE", formula, outcome }) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("Rscript not found: these tests compare with R's MatchIt; run them through scripts/test, which installs r-base-core and r-cran-matchit.");
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(120_000)) { process.Kill(entireProcessTree: true); throw new TimeoutException("Rscript did not finish in two minutes."); }
            Assert.True(process.ExitCode == 0, "Rscript failed: " + stderr.Result);
        }
    }

    /// <summary>A data set written as R reads it, and the same values as Qadam's columns (parsed back from the text).</summary>
    private static (string Csv, List<CovariateColumn> Columns, bool[] Treated, double[] Y) Generate(Case c)
    {
        var rng = new Random(c.Seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        string[] regions = ["east", "north", "south", "west"];
        var sb = new StringBuilder(c.Categorical ? "treat,x1,x2,x3,region,y\n" : "treat,x1,x2,x3,y\n");
        var x1 = new double[c.Rows];
        var x2 = new double[c.Rows];
        var x3 = new double[c.Rows];
        var region = new string[c.Rows];
        var treated = new bool[c.Rows];
        var y = new double[c.Rows];
        for (var i = 0; i < c.Rows; i++)
        {
            // With ties the covariates take few values, so many units share a propensity score exactly.
            var a = c.Ties ? rng.Next(0, 5).ToString(Inv) : Normal().ToString("0.######", Inv);
            var b = c.Ties ? rng.Next(0, 2).ToString(Inv) : Normal().ToString("0.######", Inv);
            var d = (rng.NextDouble() < 0.4 ? 1 : 0).ToString(Inv);
            region[i] = regions[rng.Next(regions.Length)];
            (x1[i], x2[i], x3[i]) = (double.Parse(a, Inv), double.Parse(b, Inv), double.Parse(d, Inv));
            var shift = c.Categorical ? region[i] switch { "north" => 0.3, "south" => -0.4, "west" => 0.6, _ => 0 } : 0;
            var p = 1 / (1 + Math.Exp(-(c.Intercept + 0.5 * x1[i] - 0.3 * x2[i] + 0.4 * x3[i] + shift)));
            treated[i] = rng.NextDouble() < p;
            var outcome = (10 + 2 * x1[i] + x2[i] + 1.5 * x3[i] + (treated[i] ? 1 : 0) + Normal()).ToString("0.####", Inv);
            y[i] = double.Parse(outcome, Inv);
            sb.Append(treated[i] ? '1' : '0').Append(',').Append(a).Append(',').Append(b).Append(',').Append(d);
            if (c.Categorical) sb.Append(',').Append(region[i]);
            sb.Append(',').Append(outcome).Append('\n');
        }
        List<CovariateColumn> columns = [new("x1", x1), new("x2", x2), new("x3", x3)];
        if (c.Categorical) columns.Add(new CovariateColumn("region", Text: region));
        return (sb.ToString(), columns, treated, y);
    }
}
