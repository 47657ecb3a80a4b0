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
            Warm();
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

    /// <summary>Compiles the solver's code paths on a tiny instance first, so "seconds" measures the solve, not the JIT.</summary>
    private static void Warm()
    {
        var rng = new Random(1);
        var pairs = new List<(int, int, int)>();
        for (var i = 0; i < 300; i++) for (var k = 0; k < 8; k++) pairs.Add((i, (i + k * 7) % 120, rng.Next(0, 50)));
        CapacitatedAssignment.Solve(AssignmentProblem.FromPairs(300, Enumerable.Repeat(2, 120).ToArray(), pairs.Distinct().GroupBy(p => (p.Item1, p.Item2)).Select(g => g.First()).ToList()));
    }
}
