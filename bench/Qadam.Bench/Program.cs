using System.Diagnostics;
using System.Globalization;
using Qadam.Statistics;

// bench tool: `gen-stats N SEED OUT.csv` writes synthetic evaluation data; `stats IN.csv RUNS` times
// propensity fit + 1:1 nearest-neighbour matching + balance (the work MatchIt's matchit()+summary() do).
var inv = CultureInfo.InvariantCulture;
switch (args.FirstOrDefault())
{
    case "gen-stats":
    {
        var n = int.Parse(args[1], inv);
        var rng = new Random(int.Parse(args[2], inv));
        using var w = new StreamWriter(args[3]);
        w.WriteLine("treat,x1,x2,x3,x4,x5,y");
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        for (var i = 0; i < n; i++)
        {
            double x1 = Normal(), x2 = Normal(), x3 = rng.NextDouble() < 0.4 ? 1 : 0, x4 = Math.Round(18 + rng.NextDouble() * 12), x5 = Math.Round(Math.Exp(8 + Normal()), 2);
            var p = 1 / (1 + Math.Exp(-(-2.2 + 0.5 * x1 - 0.3 * x2 + 0.4 * x3 + 0.02 * (x4 - 24) - 0.00002 * x5)));
            var t = rng.NextDouble() < p;
            var y = 10 + 2 * x1 + x2 + 1.5 * x3 + 0.1 * x4 + 0.0001 * x5 + (t ? 1 : 0) + Normal();
            w.WriteLine(string.Create(inv, $"{(t ? 1 : 0)},{x1:0.######},{x2:0.######},{x3},{x4},{x5},{y:0.####}"));
        }
        break;
    }
    case "stats":
    {
        var lines = File.ReadAllLines(args[1]).Skip(1).Select(l => l.Split(',')).ToArray();
        var runs = args.Length > 2 ? int.Parse(args[2], inv) : 5;
        var n = lines.Length;
        var treated = lines.Select(l => l[0] == "1").ToArray();
        var cols = Enumerable.Range(1, 5).Select(j => new CovariateColumn($"x{j}", lines.Select(l => double.Parse(l[j], inv)).ToArray())).ToList();
        var y = lines.Select(l => double.Parse(l[6], inv)).ToArray();
        var times = new List<double>();
        EvaluationResult? result = null;
        for (var r = 0; r < runs; r++)
        {
            GC.Collect();
            var sw = Stopwatch.StartNew();
            result = Evaluation.Run(new EvaluationRequest(cols, treated, y, Method.NearestNeighbour));
            times.Add(sw.Elapsed.TotalSeconds);
        }
        times.Sort();
        // bench/statistics.sh compares these pairs (1-based rows) with MatchIt's.
        if (args.Length > 3)
            File.WriteAllLines(args[3], result!.Matching!.Pairs.OrderBy(p => p.Treated).Select(p => string.Create(inv, $"{p.Treated + 1},{p.Control + 1}")));
        Console.WriteLine(string.Create(inv, $"qadam n={n} treated={treated.Count(t => t)} median_s={times[times.Count / 2]:0.000} min_s={times[0]:0.000} runs={runs} att={result!.Estimate:0.000000} matched={result.Flow.TreatedUsed}"));
        break;
    }
    case "profile":
    {
        var lines = File.ReadAllLines(args[1]).Skip(1).Select(l => l.Split(',')).ToArray();
        var treated = lines.Select(l => l[0] == "1").ToArray();
        var cols = Enumerable.Range(1, 5).Select(j => new CovariateColumn($"x{j}", lines.Select(l => double.Parse(l[j], inv)).ToArray())).ToList();
        var n = lines.Length;
        for (var r = 0; r < 4; r++)
        {
            var sw = Stopwatch.StartNew();
            var design = Covariates.Build(cols, n);
            var t1 = sw.Elapsed.TotalMilliseconds;
            var fit = LogisticRegression.Fit(design.Model, n, design.P, treated);
            var t2 = sw.Elapsed.TotalMilliseconds;
            var m = NearestNeighbourMatching.Match(fit.Fitted, treated, new MatchOptions());
            var t3 = sw.Elapsed.TotalMilliseconds;
            foreach (var (name, values) in design.BalanceColumns)
            {
                var sd = Balance.TreatedSd(values, treated);
                Balance.Row(name, values, treated, m.Weights, sd);
            }
            var t4 = sw.Elapsed.TotalMilliseconds;
            Console.WriteLine(string.Create(inv, $"design {t1:0.0} ms, logit {t2 - t1:0.0} ms ({fit.Iterations} it), match {t3 - t2:0.0} ms, balance(after only) {t4 - t3:0.0} ms"));
        }
        break;
    }
    case "constrained":
    {
        // The options' price in time: the same instance solved plain (fast path), with a 50% quota for young women per
        // region, and with the quota plus mentor capacity (a locality's positions grouped 3 to an employer, mentors for
        // 80% of the employer's places). Side files: YOUTH.csv (region, gender) and POSITIONS.csv (locality).
        var p = Qadam.Matching.CsapFormat.Parse(File.ReadAllBytes(args[1]));
        var youth = File.ReadAllLines(args[2]).Skip(1).Select(l => l.Split(',')).ToArray();
        var women = youth.Select(y => y[5] == "F").ToArray();
        var region = youth.Select(y => int.Parse(y[1], inv)).ToArray();
        var locality = File.ReadAllLines(args[2].Replace("youth", "positions")).Skip(1).Select(l => l.Split(',')).ToDictionary(l => int.Parse(l[0], inv), l => int.Parse(l[2], inv));
        var employer = new int[p.Positions];
        var groups = Enumerable.Range(0, p.Positions).GroupBy(j => locality[j]).SelectMany(g => g.Chunk(3)).ToList();
        for (var e = 0; e < groups.Count; e++) foreach (var j in groups[e]) employer[j] = e;
        var mentorPlaces = groups.Select(g => (int)Math.Ceiling(0.8 * g.Sum(j => p.Capacity[j]))).ToArray();
        var runs = args.Length > 3 ? int.Parse(args[3], inv) : 3;
        Console.WriteLine(string.Create(inv, $"instance n={p.Applicants} m={p.Positions} pairs={p.Pairs} employers={groups.Count}"));
        var quota = new Qadam.Matching.WomenQuota(women, region, 0.5);
        var mentors = new Qadam.Matching.MentorCapacity(employer, mentorPlaces);
        foreach (var (name, c) in new[] { ("plain", new Qadam.Matching.MatchingConstraints()), ("quota", new Qadam.Matching.MatchingConstraints(Quota: quota)),
                     ("quota+mentors", new Qadam.Matching.MatchingConstraints(Quota: quota, Mentors: mentors)) })
        {
            var times = new List<double>();
            Qadam.Matching.AssignmentSolution? s = null;
            for (var r = 0; r < runs; r++) { var sw = Stopwatch.StartNew(); s = Qadam.Matching.ConstrainedAssignment.Solve(p, c); times.Add(sw.Elapsed.TotalSeconds); }
            times.Sort();
            var targets = Qadam.Matching.NetworkAssignment.Targets(p, quota, region.Max() + 1);
            var shortfall = Qadam.Matching.NetworkAssignment.Outcomes(s!.Assignment, quota, targets).Sum(q => Math.Max(0, q.Target - q.WomenPlaced));
            var womenPlaced = s.Assignment.Where((j, i) => j >= 0 && women[i]).Count();
            var quotaMet = Qadam.Matching.NetworkAssignment.Outcomes(s.Assignment, quota, targets).Sum(q => Math.Min(q.Target, q.WomenPlaced));
            var line = string.Create(inv, $"{name,-14} median_s={times[times.Count / 2]:0.000} assigned={s.Assigned} cost={s.TotalCost} women_placed={womenPlaced} quota_shortfall={shortfall}");
            if (args.Length > 4 && name != "plain")
            {
                // The same network for LEMON (bench/lemon_network.cpp), and our solution's value on it.
                var (placeWeight, quotaWeight) = WriteNetwork($"{args[4]}.{name.Replace('+', '-')}.net", p, c.Quota!, c.Mentors, targets);
                line += string.Create(inv, $" quota_met={quotaMet} net_total={s.TotalCost - placeWeight * s.Assigned - quotaWeight * quotaMet} place_weight={placeWeight} quota_weight={quotaWeight}");
            }
            Console.WriteLine(line);
        }
        break;
    }
    default:
        Console.Error.WriteLine("usage: gen-stats N SEED OUT.csv | stats IN.csv [RUNS] | constrained INSTANCE.csap YOUTH.csv [RUNS]");
        return 2;
}
return 0;

// Source 0, women nodes, applicants, positions, employers, sink; costs fold (placed, quota reached, cost) into one.
static (long PlaceWeight, long QuotaWeight) WriteNetwork(string path, Qadam.Matching.AssignmentProblem p, Qadam.Matching.WomenQuota quota, Qadam.Matching.MentorCapacity? mentors, int[] target)
{
    int n = p.Applicants, m = p.Positions, regions = target.Length, employers = mentors?.Capacity.Count ?? 0;
    long quotaWeight = n * (long)p.Cost.DefaultIfEmpty(0).Max() + 1, placeWeight = (target.Sum() + 1L) * quotaWeight + 1;
    int firstRegion = 1, firstApplicant = 1 + regions, firstPosition = firstApplicant + n, firstEmployer = firstPosition + m, sink = firstEmployer + employers;
    using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 20);
    var count = 2 * regions - target.Count(t => t == 0) + n + p.Pairs + m + employers + 1;
    w.WriteLine($"{sink + 1} {count}");
    for (var r = 0; r < regions; r++)
    {
        if (target[r] > 0) w.WriteLine($"0 {firstRegion + r} {target[r]} {-quotaWeight} 2");
        w.WriteLine($"0 {firstRegion + r} {n} 0 0");
    }
    for (var i = 0; i < n; i++) w.WriteLine($"{(quota.IsWoman[i] ? firstRegion + quota.Region[i] : 0)} {firstApplicant + i} 1 0 0");
    for (var i = 0; i < n; i++)
        for (var k = p.Start[i]; k < p.Start[i + 1]; k++) w.WriteLine($"{firstApplicant + i} {firstPosition + p.Position[k]} 1 {p.Cost[k] - placeWeight} 1");
    for (var j = 0; j < m; j++) w.WriteLine($"{firstPosition + j} {(mentors is null ? sink : firstEmployer + mentors.EmployerOfPosition[j])} {p.Capacity[j]} 0 0");
    for (var e = 0; e < employers; e++) w.WriteLine($"{firstEmployer + e} {sink} {mentors!.Capacity[e]} 0 0");
    w.WriteLine($"{sink} 0 {n} 0 3");
    return (placeWeight, quotaWeight);
}
