using System.Text.Json;
using Qadam.Cli;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Cli;

/// <summary>`qadam evaluate` on the shared reference CSVs (read from ../shared/data, never copied).</summary>
public sealed class EvaluateCommandTests
{
    private static string Data(string file) => SharedData.File("evaluation", file);

    private const string LalondeCovariates = "age,educ,race,married,nodegree,re74,re75";

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error: error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("nn-classic", null, 894.37, 185, 185)]
    [InlineData("nn-classic", "0.1", 1835.41, 111, 111)]
    [InlineData("nn-classic-replace", null, 1967.94, 185, 80)]
    [InlineData("ipw", null, 1214.07, 185, 429)]
    public async Task Evaluate_Lalonde_Json_ReproducesMatchIt(string method, string? caliper, double att, int treated, int controls)
    {
        var args = new List<string> { "evaluate", Data("lalonde.csv"), "--treatment", "treat", "--outcome", "re78", "--covariates", LalondeCovariates, "--method", method, "--json" };
        if (caliper is not null) args.AddRange(["--caliper", caliper]);
        var (code, output, _) = await Run([.. args]);
        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(method, json.GetProperty("method").GetString());
        Assert.Equal("ATT", json.GetProperty("estimand").GetString());
        Assert.Equal(att, Math.Round(json.GetProperty("att").GetDouble(), 2));
        Assert.Equal(treated, json.GetProperty("treated").GetInt32());
        Assert.Equal(controls, json.GetProperty("controls").GetInt32());
        Assert.True(json.GetProperty("ciLow").GetDouble() < att && att < json.GetProperty("ciHigh").GetDouble());
        Assert.True(json.GetProperty("se").GetDouble() > 0);
        var balance = json.GetProperty("balance").EnumerateArray().ToList();
        foreach (var name in new[] { "age", "educ", "raceblack", "racehispan", "racewhite", "married", "nodegree", "re74", "re75" })
        {
            var row = Assert.Single(balance, b => b.GetProperty("name").GetString() == name);
            Assert.Equal(JsonValueKind.Number, row.GetProperty("smdBefore").ValueKind);
            Assert.Equal(JsonValueKind.Number, row.GetProperty("smdAfter").ValueKind);
            Assert.True(row.TryGetProperty("varianceRatio", out _));
        }
        Assert.Equal(JsonValueKind.Array, json.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public async Task Evaluate_WithBootstrap_UsesThePercentileInterval_Deterministically()
    {
        string[] args = ["evaluate", Data("lalonde.csv"), "--treatment", "treat", "--outcome", "re78", "--covariates", LalondeCovariates, "--method", "ipw", "--bootstrap", "400", "--seed", "7", "--json"];
        var first = JsonDocument.Parse((await Run(args)).Out).RootElement;
        var second = JsonDocument.Parse((await Run(args)).Out).RootElement;
        Assert.StartsWith("bootstrap percentile", first.GetProperty("interval").GetString());
        Assert.Equal(first.GetProperty("ciLow").GetDouble(), second.GetProperty("ciLow").GetDouble());
        Assert.NotEqual(1214.07 - 1.959964 * 824.05, first.GetProperty("ciLow").GetDouble(), 1);
    }

    [Fact]
    public async Task Evaluate_TextOutput_ShowsEstimateBalanceAndWarnings()
    {
        var (code, output, _) = await Run("evaluate", Data("lalonde.csv"), "--treatment", "treat", "--outcome", "re78", "--covariates", LalondeCovariates, "--method", "nn-classic");
        Assert.Equal(0, code);
        Assert.Contains("Estimate: 894.3675", output);
        Assert.Contains("SE: 715.7634", output);
        Assert.Contains("raceblack", output);
        Assert.Contains("Warning: Imbalance remains after matching", output);
    }

    [Fact]
    public async Task Evaluate_RandomisedNsw_LandsNearTheExperimentalBenchmark()
    {
        // Dehejia & Wahba (1999): ATE 1,794 (SE 633) in the randomised sample. Randomised groups are balanced,
        // so an adjusted estimate must land near it.
        var (code, output, _) = await Run("evaluate", Data("nsw_dw_experimental.csv"), "--treatment", "treat", "--outcome", "re78",
            "--covariates", "age,educ,black,hisp,married,nodegr,re74,re75", "--method", "ipw", "--json");
        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.InRange(json.GetProperty("att").GetDouble(), 1794 - 633, 1794 + 633);
        Assert.InRange(json.GetProperty("se").GetDouble(), 500, 800);
    }

    [Fact]
    public async Task Evaluate_Did_NeedsBaseline_AndRunsWithIt()
    {
        var (code, _, err) = await Run("evaluate", Data("lalonde.csv"), "--treatment", "treat", "--outcome", "re78", "--covariates", LalondeCovariates, "--method", "did");
        Assert.Equal(2, code);
        Assert.Contains("baseline", err);
        var ok = await Run("evaluate", Data("lalonde.csv"), "--treatment", "treat", "--outcome", "re78", "--covariates", LalondeCovariates, "--method", "did", "--baseline", "re75", "--json");
        Assert.Equal(977.06, Math.Round(JsonDocument.Parse(ok.Out).RootElement.GetProperty("att").GetDouble(), 2));
    }

    [Fact]
    public async Task Evaluate_NnWithACaliper_IsRefused_NamingTheMethodThatAppliesOne()
    {
        // MatchIt 4.5.1's default routine ignores a caliper; nn reproduces that routine, so it refuses one rather than ignore it.
        var (code, _, err) = await Run("evaluate", Data("lalonde.csv"), "--treatment", "treat", "--outcome", "re78", "--covariates", LalondeCovariates, "--method", "nn", "--caliper", "0.1");
        Assert.Equal(2, code);
        Assert.Contains("nn-classic", err);
        Assert.Contains("#163", err);
    }

    [Theory]
    [InlineData("--outcome", "income", "No column 'income'")]
    [InlineData("--method", "magic", "--method")]
    [InlineData("--treatment", "race", "not 0/1")]
    public async Task Evaluate_BadArguments_ExitWith2AndSayWhy(string option, string value, string message)
    {
        var args = new Dictionary<string, string> { ["--treatment"] = "treat", ["--outcome"] = "re78", ["--covariates"] = LalondeCovariates, ["--method"] = "nn-classic" };
        args[option] = value;
        var (code, _, err) = await Run(["evaluate", Data("lalonde.csv"), .. args.SelectMany(kv => new[] { kv.Key, kv.Value })]);
        Assert.Equal(2, code);
        Assert.Contains(message, err);
    }
}

/// <summary>The launcher the README gives: what `--json` prints on standard output is one JSON document and nothing else (issue #12).</summary>
public sealed class CliLauncherTests
{
    [Fact]
    public async Task ScriptsQadam_Json_PrintsOnlyJson_OnStandardOutput()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Qadam.slnx"))) root = Path.GetDirectoryName(root)!;
        var psi = new System.Diagnostics.ProcessStartInfo(Path.Combine(root, "scripts", "qadam"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath(),
            Environment = { ["QADAM_NO_BUILD"] = "1" }, // the solution is built before the tests run
        };
        foreach (var a in new[] { "evaluate", SharedData.File("evaluation", "lalonde.csv"), "--treatment", "treat", "--outcome", "re78", "--covariates", "age,educ,re74,re75", "--method", "ipw", "--json" })
            psi.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr);
        var json = JsonDocument.Parse(await stdout).RootElement; // throws if anything but JSON is on standard output
        Assert.Equal("ipw", json.GetProperty("method").GetString());
    }
}
