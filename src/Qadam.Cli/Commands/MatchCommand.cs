using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Qadam.Matching;

namespace Qadam.Cli.Commands;

/// <summary>`qadam match INSTANCE.csap [--out SOLUTION]`: one JSON line {"assigned","cost","seconds"} (seconds: the solve alone).</summary>
public static class MatchCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var instance = new Argument<FileInfo>("instance") { Description = "CSAP v1 file (see shared/data/matching/README.md)." };
        var outFile = new Option<FileInfo?>("--out") { Description = "Write the solution: one 'applicant position' line per placed applicant." };
        var command = new Command("match", "Solve a capacitated assignment exactly: most applicants placed, then least total cost.") { instance, outFile };
        command.SetAction(async parse =>
        {
            var file = parse.GetValue(instance)!;
            AssignmentProblem problem;
            try
            {
                problem = CsapFormat.Parse(await File.ReadAllBytesAsync(file.FullName));
            }
            catch (Exception e) when (e is FormatException or IOException or ArgumentException)
            {
                await error.WriteLineAsync($"qadam match: {file.Name}: {e.Message}");
                return 2;
            }
            var clock = Stopwatch.StartNew();
            var solution = CapacitatedAssignment.Solve(problem);
            var seconds = clock.Elapsed.TotalSeconds;
            if (parse.GetValue(outFile) is { } target)
            {
                var sb = new StringBuilder("# qadam match\n");
                for (var i = 0; i < solution.Assignment.Length; i++)
                    if (solution.Assignment[i] >= 0) sb.Append(CultureInfo.InvariantCulture, $"{i} {solution.Assignment[i]}\n");
                await File.WriteAllTextAsync(target.FullName, sb.ToString());
            }
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{{\"assigned\":{solution.Assigned},\"cost\":{solution.TotalCost},\"seconds\":{seconds:0.####}}}"));
            return 0;
        });
        return command;
    }
}
