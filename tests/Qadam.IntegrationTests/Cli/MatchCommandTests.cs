using System.Text.Json;
using Qadam.Cli;
using Qadam.IntegrationTests.Infrastructure;

namespace Qadam.IntegrationTests.Cli;

public sealed class MatchCommandTests
{
    private static string Shared(string file) => SharedData.File("matching", file);

    [Fact]
    public async Task Match_N600_PrintsTheOptimum_AndWritesAFeasibleSolution()
    {
        var solutionPath = Path.Combine(Path.GetTempPath(), $"n600-{Guid.NewGuid():N}.sol");
        var output = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["match", Shared("n600.csap"), "--out", solutionPath], output));
        var json = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(468, json.GetProperty("assigned").GetInt32());
        Assert.Equal(56217, json.GetProperty("cost").GetInt64());
        Assert.True(json.GetProperty("seconds").GetDouble() >= 0);

        // Check the file independently of the solver: allowed pairs, capacities, the same totals.
        var body = string.Join('\n', File.ReadAllLines(Shared("n600.csap")).Where(l => !l.StartsWith('#')));
        var tokens = body.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        int n = int.Parse(tokens[2]), m = int.Parse(tokens[3]), e = int.Parse(tokens[4]);
        var capacity = tokens.Skip(5).Take(m).Select(int.Parse).ToArray();
        var costs = new Dictionary<(int, int), int>();
        for (var k = 0; k < e; k++) costs[(int.Parse(tokens[5 + m + 3 * k]), int.Parse(tokens[6 + m + 3 * k]))] = int.Parse(tokens[7 + m + 3 * k]);
        var lines = File.ReadAllLines(solutionPath).Where(l => !l.StartsWith('#')).Select(l => l.Split(' ').Select(int.Parse).ToArray()).ToList();
        Assert.Equal(468, lines.Count);
        Assert.Equal(lines.Count, lines.Select(l => l[0]).Distinct().Count());
        Assert.All(lines, l => Assert.InRange(l[0], 0, n - 1));
        Assert.Equal(56217, lines.Sum(l => costs[(l[0], l[1])]));
        Assert.All(lines.GroupBy(l => l[1]), g => Assert.True(g.Count() <= capacity[g.Key]));
        File.Delete(solutionPath);
    }

    [Fact]
    public async Task Match_BrokenFile_ExitsWith2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.csap");
        await File.WriteAllTextAsync(path, "CSAP 1\n2 1 1\n1\n0 5 3\n");
        var error = new StringWriter();
        Assert.Equal(2, await CliApp.RunAsync(["match", path], new StringWriter(), error: error));
        Assert.Contains("out of range", error.ToString());
        File.Delete(path);
    }
}
