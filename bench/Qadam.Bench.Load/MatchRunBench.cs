using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Qadam.Matching;
using Qadam.Web.Features.Scheme;

/// <summary>
/// `matchrun YOUTH.csv [WOMEN_SHARE=0.5] [MENTORS=1]`: what the web app's matching job does with one run, in process:
/// the frozen snapshot read back from its JSON, the pairs scored, the solves (optimal with the options, the same without
/// them, deferred acceptance), the explanations and the result written as JSON. Applicants and positions come from the
/// shared generator's side files (each locality at the mean of its km grid coordinates, as latitude and longitude, skills and sectors named, travel limits
/// 10/25/50 km in turn, a locality's positions three to an employer with mentors for 80% of their places).
/// </summary>
static class MatchRunBench
{
    public static int Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var youth = File.ReadAllLines(args[1]).Skip(1).Select(l => l.Split(',')).ToArray();
        var positionsCsv = File.ReadAllLines(args[1].Replace("youth", "positions")).Skip(1).Select(l => l.Split(',')).ToArray();
        var share = args.Length > 2 ? double.Parse(args[2], inv) : 0.5;
        var mentors = args.Length <= 3 || args[3] != "0";
        // The app places people and positions at their locality's coordinates: each locality at the mean of its rows.
        var where = youth.Concat(positionsCsv).GroupBy(r => r[2]).ToDictionary(g => g.Key,
            g => (Lat: 40.5 + g.Average(r => double.Parse(r[4], inv)) / 111.2, Lon: 50.0 + g.Average(r => double.Parse(r[3], inv)) / 74.4));
        double Lat(string[] r) => where[r[2]].Lat;
        double Lon(string[] r) => where[r[2]].Lon;
        static string[] Skills(string mask) { var m = int.Parse(mask, CultureInfo.InvariantCulture); return Enumerable.Range(0, 16).Where(b => (m >> b & 1) == 1).Select(b => $"skill{b}").ToArray(); }
        Guid Id(int kind, int k) { var b = new byte[16]; BitConverter.GetBytes(k).CopyTo(b, 0); b[15] = (byte)kind; return new Guid(b); }
        var applicants = youth.Select((y, i) => new SnapApplicant(Id(1, i), Id(2, i), y[5] == "F", "KZ-BENCH", Lat(y), Lon(y), Skills(y[7]),
            [$"sector{y[8]}", $"sector{y[9]}"], new[] { 10, 25, 50 }[i % 3])).ToList();
        var groups = positionsCsv.Select((p, j) => (p, j)).GroupBy(x => x.p[2]).SelectMany(g => g.Chunk(3)).ToList();
        var employers = groups.Select((g, e) => new SnapEmployer(Id(3, e), $"Employer {e}", (int)Math.Ceiling(0.8 * g.Sum(x => int.Parse(x.p[7], inv))))).ToList();
        var positions = groups.SelectMany((g, e) => g.Select(x => new SnapPosition(Id(4, x.j), employers[e].Id, $"Position {x.j}", $"sector{x.p[5]}", Skills(x.p[6]),
            Lat(x.p), Lon(x.p), int.Parse(x.p[7], inv)))).ToList();
        var settings = new RunSettings("bench", "KZ-BENCH", null, "2027-01-01", "optimal", new ScoringWeights(), share > 0 ? share : null, mentors);
        var stored = JsonSerializer.Serialize(new RunSnapshot(settings, applicants, positions, employers), MatchRuns.Json);
        applicants = null!; positions = null!; youth = null!; positionsCsv = null!;
        GC.Collect();
        var baseline = GC.GetTotalMemory(true);

        if (Environment.GetEnvironmentVariable("MATCHRUN_PARTS") == "1")
        {
            var snap = JsonSerializer.Deserialize<RunSnapshot>(stored, MatchRuns.Json)!;
            var sw = Stopwatch.StartNew();
            var problem = MatchRuns.Pairs(snap.Applicants, snap.Positions, snap.Settings.Weights);
            Console.WriteLine($"pairs {problem.Pairs} in {sw.Elapsed.TotalSeconds:0.00} s"); sw.Restart();
            var plain = CapacitatedAssignment.Solve(problem);
            Console.WriteLine($"plain {plain.Assigned}/{plain.TotalCost} in {sw.Elapsed.TotalSeconds:0.00} s"); sw.Restart();
            var quota = new WomenQuota(snap.Applicants.Select(a => a.Woman).ToArray(), new int[problem.Applicants], share);
            var q = ConstrainedAssignment.Solve(problem, new MatchingConstraints(Quota: quota));
            Console.WriteLine($"quota {q.Assigned}/{q.TotalCost} in {sw.Elapsed.TotalSeconds:0.00} s"); sw.Restart();
            var employerIndex = snap.Employers.Select((e, k) => (e.Id, k)).ToDictionary(x => x.Id, x => x.k);
            var m = new MentorCapacity(snap.Positions.Select(p => employerIndex[p.EmployerId]).ToArray(), snap.Employers.Select(e => e.MentorPlaces).ToArray());
            var qm = ConstrainedAssignment.Solve(problem, new MatchingConstraints(Quota: quota, Mentors: m));
            Console.WriteLine($"quota+mentors {qm.Assigned}/{qm.TotalCost} in {sw.Elapsed.TotalSeconds:0.00} s"); sw.Restart();
            var st = StableMatching.Solve(problem, new Preferences(problem));
            Console.WriteLine($"stable {st.Assigned} in {sw.Elapsed.TotalSeconds:0.00} s"); sw.Restart();
            return 0;
        }
        var clock = Stopwatch.StartNew();
        // MATCHRUN_MONITOR=1: the managed heap and the working set every second, and the job's progress marks.
        using var monitor = Environment.GetEnvironmentVariable("MATCHRUN_MONITOR") == "1"
            ? new Timer(_ => Console.WriteLine(string.Create(inv, $"  t={clock.Elapsed.TotalSeconds,6:0.0} s heap={GC.GetTotalMemory(false) / 1048576,6} MB committed={GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576,6} MB ws={Environment.WorkingSet / 1048576,6} MB")), null, 0, 1000)
            : null;
        var snapshot = JsonSerializer.Deserialize<RunSnapshot>(stored, MatchRuns.Json)!;
        var read = clock.Elapsed.TotalSeconds;
        var result = MatchRuns.Solve(snapshot, RunAdjustments.None, monitor is null ? null : p => Console.WriteLine(string.Create(inv, $"  t={clock.Elapsed.TotalSeconds,6:0.0} s progress {p}%")));
        var solved = clock.Elapsed.TotalSeconds;
        var json = JsonSerializer.Serialize(result, MatchRuns.Json);
        var total = clock.Elapsed.TotalSeconds;
        var pairs = result.Rows.Sum(r => (long)r.Alternatives);
        Console.WriteLine(string.Create(inv, $"matchrun applicants={snapshot.Applicants.Count} positions={snapshot.Positions.Count} employers={snapshot.Employers.Count} pairs={pairs} " +
            $"quota={share} mentors={mentors} assigned={result.Assigned} cost={result.TotalCost}"));
        Console.WriteLine(string.Create(inv, $"matchrun total_s={total:0.00} read_snapshot_s={read:0.00} score_solve_explain_s={solved - read:0.00} (solvers {result.Seconds:0.00}) write_result_s={total - solved:0.00} " +
            $"snapshot_MB={stored.Length / 1e6:0.0} result_MB={json.Length / 1e6:0.0} peak_working_set_MB={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} " +
            $"managed_heap_MB_before={baseline / 1048576}"));
        return 0;
    }
}
