using System.CommandLine;
using System.Text.Json;
using Qadam.Statistics;
using Qadam.Web.Features.Evaluation;

namespace Qadam.Cli.Commands;

/// <summary>`qadam evaluate DATA.csv --treatment t --outcome y --covariates a,b --method nn|nn-replace|ipw|did …`: no database needed.</summary>
public static class EvaluateCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var data = new Argument<FileInfo>("data") { Description = "CSV file with a header row." };
        var treatment = new Option<string>("--treatment") { Description = "0/1 column: 1 = took part.", Required = true };
        var outcome = new Option<string>("--outcome") { Description = "Outcome column (after the programme).", Required = true };
        var covariates = new Option<string?>("--covariates") { Description = "Comma-separated baseline covariates; text columns become indicators (first level = reference)." };
        var method = new Option<string>("--method") { Description = "nn | nn-replace (MatchIt 4.5.1's default routine, its pairs exactly) | nn-classic | nn-classic-replace (truly nearest available control; caliper honoured) | ipw | did", DefaultValueFactory = _ => "nn" };
        var estimand = new Option<string>("--estimand") { Description = "att | ate (ate: ipw only)", DefaultValueFactory = _ => "att" };
        var caliper = new Option<double?>("--caliper") { Description = "Caliper in standard deviations of the propensity score (e.g. 0.1)." };
        var ratio = new Option<int>("--ratio") { Description = "Comparison units per treated unit (matching).", DefaultValueFactory = _ => 1 };
        var baseline = new Option<string?>("--baseline") { Description = "Outcome before the programme (required for did)." };
        var trim = new Option<double?>("--trim") { Description = "Cap IPW weights at this quantile per group (e.g. 0.99)." };
        var cluster = new Option<string?>("--cluster") { Description = "Column to cluster standard errors by (e.g. locality)." };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap replicates for a percentile interval (re-fits the propensity model).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed for the bootstrap.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON document." };

        var command = new Command("evaluate", "Estimate a programme's effect on an outcome, with its uncertainty, balance and warnings.")
        {
            data, treatment, outcome, covariates, method, estimand, caliper, ratio, baseline, trim, cluster, bootstrap, seed, json,
        };
        command.SetAction(async parse =>
        {
            try
            {
                var file = parse.GetValue(data)!;
                if (!file.Exists) throw new DatasetException($"No file '{file.FullName}'.");
                var set = CsvDataset.Read(file.FullName);
                var names = (parse.GetValue(covariates) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var m = Evaluation.ParseMethod(parse.GetValue(method))
                    ?? throw new DatasetException($"--method: '{parse.GetValue(method)}' is not one of nn, nn-replace, nn-classic, nn-classic-replace, ipw, did.");
                var e = parse.GetValue(estimand)!.ToLowerInvariant() switch
                {
                    "att" => Estimand.Att,
                    "ate" => Estimand.Ate,
                    var other => throw new DatasetException($"--estimand: '{other}' is not att or ate."),
                };
                var request = new EvaluationRequest(set.Covariates(names), set.Flags(parse.GetValue(treatment)!), set.Numbers(parse.GetValue(outcome)!), m, e,
                    parse.GetValue(baseline) is { } b ? set.Numbers(b) : null, parse.GetValue(ratio), parse.GetValue(caliper), parse.GetValue(trim),
                    parse.GetValue(bootstrap), parse.GetValue(seed), parse.GetValue(cluster) is { } c ? set.Clusters(c) : null);
                var result = Evaluation.Run(request);
                await output.WriteLineAsync(parse.GetValue(json)
                    ? JsonSerializer.Serialize(EvaluationReport.ToJson(result), EvaluationReport.Options)
                    : EvaluationReport.Text(result));
                return 0;
            }
            catch (Exception ex) when (ex is DatasetException or StatisticsException)
            {
                var code = ex is StatisticsException s ? s.Code : "data";
                if (parse.GetValue(json))
                    await output.WriteLineAsync(JsonSerializer.Serialize(new { error = code, message = ex.Message }, EvaluationReport.Options));
                await error.WriteLineAsync($"qadam evaluate: {ex.Message}");
                return 2;
            }
        });
        return command;
    }
}
