using System.Globalization;

namespace Qadam.Statistics.Tests;

/// <summary>Reads the reference data from ../shared/data (never copied into the repository).</summary>
public static class SharedData
{
    public static string Folder(string name)
    {
        if (Environment.GetEnvironmentVariable("QADAM_SHARED_DATA") is { Length: > 0 } root) return Path.Combine(root, name);
        var dir = AppContext.BaseDirectory;
        while (dir is not null)
        {
            var candidate = Path.Combine(dir, "..", "shared", "data", name);
            if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
            dir = Path.GetDirectoryName(dir);
        }
        throw new DirectoryNotFoundException($"shared/data/{name} not found beside the repository; set QADAM_SHARED_DATA to its path.");
    }

    public static (string[] Header, List<string[]> Rows) ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        static string[] Split(string line) => line.Split(',').Select(f => f.Trim().Trim('"')).ToArray();
        return (Split(lines[0]), lines.Skip(1).Select(Split).ToList());
    }

    public sealed record Lalonde(string[] Ids, bool[] Treated, double[] Re78, double[] Re75, IReadOnlyList<CovariateColumn> Covariates);

    public static Lalonde LoadLalonde()
    {
        var (header, rows) = ReadCsv(Path.Combine(Folder("evaluation"), "lalonde.csv"));
        int Col(string name) => Array.IndexOf(header, name);
        double[] Num(string name) => rows.Select(r => double.Parse(r[Col(name)], CultureInfo.InvariantCulture)).ToArray();
        var covariates = new List<CovariateColumn>
        {
            new("age", Num("age")), new("educ", Num("educ")), new("race", Text: rows.Select(r => r[Col("race")]).ToArray()),
            new("married", Num("married")), new("nodegree", Num("nodegree")), new("re74", Num("re74")), new("re75", Num("re75")),
        };
        return new Lalonde(rows.Select(r => r[Col("id")]).ToArray(), rows.Select(r => r[Col("treat")] == "1").ToArray(), Num("re78"), Num("re75"), covariates);
    }
}
