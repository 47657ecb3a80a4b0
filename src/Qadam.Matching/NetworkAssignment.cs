namespace Qadam.Matching;

/// <summary>
/// A minimum share of places for young women per region. <see cref="Region"/> is each applicant's quota group
/// (0..R−1, their home region). The target of region r is ⌈share × min(applicants of r, places reachable from r)⌉.
/// The quota ranks between the two objectives: it never costs a placement (a place is not left empty for want
/// of an eligible young woman), but among assignments placing the most applicants, the one reaching the most of
/// each region's target is chosen, and only then the least cost.
/// </summary>
public sealed record WomenQuota(IReadOnlyList<bool> IsWoman, IReadOnlyList<int> Region, double MinimumShare);

/// <summary>Mentor capacity as a second constraint: each position belongs to an employer (0..E−1), and the
/// apprentices placed with an employer may not exceed its mentors' combined capacity.</summary>
public sealed record MentorCapacity(IReadOnlyList<int> EmployerOfPosition, IReadOnlyList<int> Capacity);

/// <summary>What the quota asked for and what the optimum achieved in one region.</summary>
public sealed record QuotaOutcome(int Region, int Target, int WomenPlaced, int Placed);

/// <summary>
/// Exact min-cost flow for the constrained options (women's quota, mentor capacity):
/// source → [region's women node] → applicant → position → [employer] → sink, with the lexicographic objective
/// (placed, quota reached, cost) folded into one cost by tier weights. The constraint matrix is two laminar
/// families (applicants inside their region's women node; positions inside their employer), so it is totally
/// unimodular and the flow optimum is the integer optimum. Successive shortest paths (Dijkstra over reduced
/// costs, potentials from the DAG at the start) stop when the cheapest augmenting path no longer pays; the final
/// potentials are the dual prices the explanations use.
/// </summary>
public static class NetworkAssignment
{
    public static AssignmentSolution Solve(AssignmentProblem p, WomenQuota? quota, MentorCapacity? mentors, int[]? targets = null) =>
        Solve(p, quota, mentors, targets, Pricing.Default);

    /// <summary>
    /// When a part is dense (many pairs per applicant, as when a whole region's applicants reach most of its positions), it is
    /// solved by pricing: first on each applicant's <see cref="Cheapest"/> pairs; then every other pair is tested against the
    /// optimum's duals, each applicant's <see cref="PerRound"/> most improving ones are added, and the part is solved again, until
    /// no pair could improve it. The duals are then feasible for every pair, so the optimum is the whole part's, exactly.
    /// </summary>
    /// <param name="AddShare">A round adding pairs for at most this share of the part's applicants (and fewer than the round
    /// before) adds them to the optimum held; a larger one solves again from scratch.</param>
    /// <param name="Lower">Before a round adds pairs, the potentials are lowered where they can be (<see cref="Network.Lower"/>).</param>
    internal sealed record Pricing(long From, int PairsPerApplicant, int Cheapest, int PerRound, double AddShare = 0.05, bool Lower = true)
    {
        public static readonly Pricing Default = new(From: 200_000, PairsPerApplicant: 48, Cheapest: 48, PerRound: 16);

        public bool Applies(long pairs, int applicants) => pairs >= Math.Max(From, (long)PairsPerApplicant * applicants);
    }

    internal static AssignmentSolution Solve(AssignmentProblem p, WomenQuota? quota, MentorCapacity? mentors, int[]? targets, Pricing pricing)
    {
        var regions = quota is null || p.Applicants == 0 ? 0 : quota.Region.Max() + 1;
        var target = targets ?? Targets(p, quota, regions);
        if (target.Length != regions) throw new ArgumentException("one target per region", nameof(targets));
        var parts = Parts(p, quota, mentors, regions);
        if (parts.Count <= 1 && !pricing.Applies(p.Pairs, p.Applicants)) return SolveOne(p, quota, mentors, target);

        // Independent parts (linked by no pair, no region's quota and no employer) are solved separately, in parallel;
        // each part's prices and reservations are its own duals, and every explanation compares within one part.
        var assignment = Enumerable.Repeat(-1, p.Applicants).ToArray();
        var price = new long[p.Positions];
        var reservation = new long[p.Applicants];
        var results = new AssignmentSolution[parts.Count];
        // Each position's index within its part (a position belongs to one part), read for every pair in each pricing round.
        var local = new int[p.Positions];
        foreach (var (_, poss) in parts) for (var j = 0; j < poss.Length; j++) local[poss[j]] = j;
        Parallel.For(0, parts.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            var (apps, poss) = parts[k];
            // The part's pairs, in the applicants' order; with many pairs per applicant only those the pricing loop asks for.
            var partPairs = 0L;
            long partMaxCost = 0;
            foreach (var i in apps)
            {
                partPairs += p.Start[i + 1] - p.Start[i];
                for (var e = p.Start[i]; e < p.Start[i + 1]; e++) partMaxCost = Math.Max(partMaxCost, p.Cost[e]);
            }
            // include[offset[i] + e]: the e-th pair of the part's applicant i is in the problem solved.
            var include = new bool[partPairs];
            var offset = new int[apps.Length];
            var dense = pricing.Applies(partPairs, apps.Length);
            for (int i = 0, at = 0; i < apps.Length; at += p.Start[apps[i] + 1] - p.Start[apps[i]], i++)
            {
                offset[i] = at;
                var first = p.Start[apps[i]];
                var degree = p.Start[apps[i] + 1] - first;
                if (!dense || degree <= pricing.Cheapest) for (var e = 0; e < degree; e++) include[at + e] = true;
                else
                {
                    var keys = new long[degree];
                    var order = new int[degree];
                    for (var e = 0; e < degree; e++) { keys[e] = (long)p.Cost[first + e] * p.Positions + p.Position[first + e]; order[e] = e; }
                    Array.Sort(keys, order);
                    for (var e = 0; e < pricing.Cheapest; e++) include[at + order[e]] = true;
                }
            }
            var capacity = poss.Select(j => p.Capacity[j]).ToArray();
            AssignmentProblem Included(int[]? capacities = null) => p.Subset(apps, (i, e) => include[offset[i] + e - p.Start[apps[i]]], local, capacities ?? capacity);
            var subQuota = quota is null ? null : new WomenQuota(apps.Select(i => quota.IsWoman[i]).ToArray(), apps.Select(i => quota.Region[i]).ToArray(), quota.MinimumShare);
            var subTarget = new int[regions];
            if (quota is not null) foreach (var i in apps) if (quota.IsWoman[i]) subTarget[quota.Region[i]] = target[quota.Region[i]];
            MentorCapacity? subMentors = null;
            if (mentors is not null)
            {
                var employers = poss.Select(j => mentors.EmployerOfPosition[j]).Distinct().Order().ToList();
                subMentors = new MentorCapacity(poss.Select(j => employers.IndexOf(mentors.EmployerOfPosition[j])).ToArray(), employers.Select(e => mentors.Capacity[e]).ToArray());
            }
            // Pricing: solve on the pairs included, then test every other pair against the duals (exact for the whole part:
            // the duals stay feasible for pairs never added, so the optimum on the included pairs is the part's optimum).
            // Per applicant, only the most improving few pairs are added (partial pricing): adding every pair that could improve
            // makes the next problem nearly the whole one when a locality's positions are oversubscribed.
            // The pairs the last round added: the part's applicant, the pair's index in p and its place in include.
            var adding = new List<(int Applicant, int Pair, int Index)>();
            int Price(AssignmentSolution r)
            {
                adding.Clear();
                var found = new List<(long Gain, int Index, int Pair)>();
                for (var i = 0; i < apps.Length; i++)
                {
                    found.Clear();
                    for (int e = p.Start[apps[i]], y = offset[i]; e < p.Start[apps[i] + 1]; e++, y++)
                        if (!include[y] && p.Cost[e] + r.ColumnLevel![local[p.Position[e]]] - r.RowLevel![i] is var gain and < 0) found.Add((gain, y, e));
                    if (found.Count > pricing.PerRound) found.Sort();
                    for (var f = 0; f < Math.Min(pricing.PerRound, found.Count); f++)
                    {
                        include[found[f].Index] = true;
                        adding.Add((i, found[f].Pair, found[f].Index));
                    }
                }
                return adding.Count;
            }
            var rounds = 0;
            // First the pairs the plain optimum needs (its solves are quick), then those the options need. The first solve with
            // the options builds the network; later rounds add their pairs to the optimum it holds. With mentor capacity the
            // plain rounds see each position cut to its share of its employer's mentor places: the applicants whom mentors turn
            // away from a full employer then already have the pairs they will take elsewhere (at 100,000 in one region the first
            // round with the options added 284,568 pairs without this, 429 with it, and the network was built once less).
            if (dense)
            {
                var shares = subMentors is null ? null : MentorShares(capacity, subMentors);
                while (Price(CapacitatedAssignment.Solve(Included(shares))) > 0) rounds++;
            }
            // A round that adds few pairs (by default at most one per 20 applicants, and fewer than the round before) adds them to the
            // optimum the network holds; a larger one solves again from scratch. Routing new pairs can move the potentials so far
            // that the next round finds more improving pairs than it added (at 100,000 with mentor capacity: 2,468 → 172,940);
            // those are then left out again and the pairs as they stood are solved from scratch, so trying costs one quick round.
            Network? network = null;
            var previous = int.MaxValue;
            var addedRounds = 0;
            var lowered = 0;
            while (true)
            {
                if (network is not null && adding.Count <= pricing.AddShare * apps.Length && adding.Count < previous)
                {
                    network.Add(adding.Select(a => (a.Applicant, local[p.Position[a.Pair]], (long)p.Cost[a.Pair])).ToList());
                    previous = adding.Count;
                    addedRounds++;
                }
                else
                {
                    if (previous != int.MaxValue) foreach (var a in adding) include[a.Index] = false; // the last round added pairs to the optimum held
                    network = null; // the old network can go before the new one is built
                    if (apps.Length >= MatchingMemory.LargePart) MatchingMemory.Release();
                    network = new Network(Included(), subQuota, subMentors, subTarget, partMaxCost);
                    previous = int.MaxValue;
                }
                var r = network.Solution();
                rounds++;
                var more = dense ? Price(r) : 0;
                // Before adding pairs, the potentials are moved where they can be: pairs priced below zero only because the duals the
                // searches left are one choice among many are then no longer found (at 100,000 in one region with mentor capacity,
                // after a round added to the optimum held: 189,260 pairs found, then none, in 0.8 s instead of a 50 s solve).
                if (more > 0 && pricing.Lower)
                {
                    foreach (var a in adding) include[a.Index] = false;
                    if (network.Lower(new LeftOut(p, apps, offset, include, local), 2 * partPairs))
                    {
                        r = network.Solution();
                        more = Price(r);
                        lowered++;
                    }
                    else foreach (var a in adding) include[a.Index] = true;
                }
                if (more == 0) { results[k] = r with { PricingRounds = rounds, AddedRounds = addedRounds, LoweredRounds = lowered }; break; }
            }
        });
        long total = 0;
        var assigned = 0;
        for (var k = 0; k < parts.Count; k++)
        {
            var (apps, poss) = parts[k];
            var r = results[k];
            for (var i = 0; i < apps.Length; i++) { assignment[apps[i]] = r.Assignment[i] >= 0 ? poss[r.Assignment[i]] : -1; reservation[apps[i]] = r.Reservation[i]; }
            for (var j = 0; j < poss.Length; j++) price[poss[j]] = r.Price[j];
            total += r.TotalCost;
            assigned += r.Assigned;
        }
        return new AssignmentSolution(assignment, assigned, total, price, reservation)
        {
            Quota = Outcomes(assignment, quota, target), PricingRounds = results.Length == 0 ? 1 : results.Max(r => r.PricingRounds),
            AddedRounds = results.Sum(r => r.AddedRounds), LoweredRounds = results.Sum(r => r.LoweredRounds),
        };
    }

    /// <summary>
    /// Each position's capacity cut to its share of its employer's mentor places (largest remainders first, ties in position
    /// order), so that no employer can take more than its mentors: a plain problem whose optimum keeps the mentor limits,
    /// used only to choose the pairs a pricing loop starts from (the solves with the options decide).
    /// </summary>
    internal static int[] MentorShares(int[] capacity, MentorCapacity mentors)
    {
        var cut = (int[])capacity.Clone();
        foreach (var positions in Enumerable.Range(0, capacity.Length).GroupBy(j => mentors.EmployerOfPosition[j]))
        {
            long limit = mentors.Capacity[positions.Key], total = positions.Sum(j => (long)capacity[j]);
            if (limit >= total) continue;
            var left = limit;
            foreach (var j in positions) { cut[j] = (int)(capacity[j] * limit / total); left -= cut[j]; }
            foreach (var j in positions.OrderByDescending(j => capacity[j] * limit % total).ThenBy(j => j).Take((int)left)) cut[j]++;
        }
        return cut;
    }

    /// <summary>Connected parts of the network: applicants and positions joined by allowed pairs, by a region's women
    /// node (all young women of one region) and by an employer's mentor limit.</summary>
    private static List<(int[] Applicants, int[] Positions)> Parts(AssignmentProblem p, WomenQuota? quota, MentorCapacity? mentors, int regions)
    {
        int n = p.Applicants, m = p.Positions, employers = mentors?.Capacity.Count ?? 0;
        var sets = new DisjointSets(n + m + regions + employers);
        for (var i = 0; i < n; i++)
        {
            for (var k = p.Start[i]; k < p.Start[i + 1]; k++) sets.Union(i, n + p.Position[k]);
            if (quota is not null && quota.IsWoman[i]) sets.Union(i, n + m + quota.Region[i]);
        }
        if (mentors is not null) for (var j = 0; j < m; j++) sets.Union(n + j, n + m + regions + mentors.EmployerOfPosition[j]);
        var apps = new Dictionary<int, List<int>>();
        var poss = new Dictionary<int, List<int>>();
        for (var i = 0; i < n; i++) { var r = sets.Find(i); if (!apps.TryGetValue(r, out var l)) apps[r] = l = []; l.Add(i); }
        for (var j = 0; j < m; j++) { var r = sets.Find(n + j); if (!poss.TryGetValue(r, out var l)) poss[r] = l = []; l.Add(j); }
        return apps.Keys.Union(poss.Keys).Order().Select(r => (apps.GetValueOrDefault(r)?.ToArray() ?? [], poss.GetValueOrDefault(r)?.ToArray() ?? []))
            .Where(x => x.Item1.Length > 0).OrderByDescending(x => x.Item1.Length).ToList();
    }

    /// <param name="maxCost">The largest pair cost the tier weights must outweigh: the whole part's when <paramref name="p"/> holds
    /// only the pairs a pricing loop included (the weights must not change between rounds, nor from the whole problem's).</param>
    private static AssignmentSolution SolveOne(AssignmentProblem p, WomenQuota? quota, MentorCapacity? mentors, int[] target, long? maxCost = null) =>
        new Network(p, quota, mentors, target, maxCost).Solution();

    /// <summary>The pairs of a part left out of its network: those of the part's applicant i (the whole problem's applicant
    /// <see cref="Applicants"/>[i]) whose flag <see cref="Include"/>[<see cref="Offset"/>[i] + k] is off; <see cref="Local"/> maps
    /// the whole problem's positions to the part's.</summary>
    private sealed record LeftOut(AssignmentProblem Problem, int[] Applicants, int[] Offset, bool[] Include, int[] Local);

    /// <summary>
    /// The flow network of one solve and its optimum, kept so that a pricing round can add pairs to it: a new pair whose
    /// reduced cost is negative is saturated (its applicant short of one unit, its position over by one) and shortest paths
    /// route the difference back, from the optimum and potentials as they stand, instead of solving again from scratch.
    /// </summary>
    private sealed class Network
    {
        private readonly AssignmentProblem p;
        private readonly WomenQuota? quota;
        private readonly int[] target, parent, pairEdge;
        private readonly long[] pot;
        private readonly long placeWeight;
        private readonly int n, m, firstApplicant, firstPosition, sink;
        private readonly Graph g;
        private readonly List<(int Applicant, int Position, long Cost, int Edge)> added = [];

        public Network(AssignmentProblem p, WomenQuota? quota, MentorCapacity? mentors, int[] target, long? maxCost)
        {
            this.p = p;
            this.quota = quota;
            this.target = target;
            n = p.Applicants;
            m = p.Positions;
            if (quota is not null && (quota.IsWoman.Count != n || quota.Region.Count != n)) throw new ArgumentException("the quota needs a sex flag and a region per applicant", nameof(quota));
            if (quota is not null && quota.MinimumShare is < 0 or > 1) throw new ArgumentException("the minimum share must lie in [0, 1]", nameof(quota));
            if (mentors is not null && mentors.EmployerOfPosition.Count != m) throw new ArgumentException("mentor capacity needs an employer per position", nameof(mentors));
            var regions = target.Length;
            var employers = mentors is null ? 0 : mentors.Capacity.Count;
            var largest = maxCost ?? (p.Pairs == 0 ? 0 : p.Cost.Max());
            long quotaWeight = n * largest + 1;                       // one more woman towards a target outweighs any cost
            placeWeight = (target.Sum() + 1L) * quotaWeight + 1;      // one more placement outweighs quota and cost together

            // Nodes: source, women nodes, applicants, positions, employers, sink; a return edge sink → source makes the
            // flow value free (a circulation), so the optimum is the min-cost circulation.
            int source = 0, firstRegion = 1;
            firstApplicant = firstRegion + regions;
            firstPosition = firstApplicant + n;
            var firstEmployer = firstPosition + m;
            sink = firstEmployer + employers;
            g = new Graph(sink + 1, 2 * (2 * regions + n + p.Pairs + m + employers + 1));

            // Warm start: the optimum without the quota and mentor limits, with this network's placement weight, and its
            // duals as node potentials (every residual edge keeps a non-negative reduced cost). Where the options bind,
            // the flow is repaired: each region's quota edge is filled (its unmet part is an excess at the women node) and
            // an employer placed beyond its mentors keeps the surplus as an excess. Shortest paths then route every excess
            // back (successive shortest paths from a pseudo-flow), so only the places the options change cost a search.
            var plain = CapacitatedAssignment.Optimum(p, placeWeight);
            var assigned0 = plain.Assignment;
            pot = new long[sink + 1];
            for (var i = 0; i < n; i++) pot[firstApplicant + i] = -plain.RowPotential(i);
            for (var j = 0; j < m; j++) pot[firstPosition + j] = plain.ColumnPotential[j];
            var excess = new int[sink + 1];

            var womenPlaced = new int[regions];
            parent = new int[n];
            for (var i = 0; i < n; i++)
            {
                parent[i] = quota is not null && quota.IsWoman[i] ? firstRegion + quota.Region[i] : source;
                if (parent[i] != source && assigned0[i] >= 0) womenPlaced[quota!.Region[i]]++;
            }
            for (var r = 0; r < regions; r++)
            {
                if (target[r] > 0) g.Add(source, firstRegion + r, target[r], -quotaWeight, target[r]);
                g.Add(source, firstRegion + r, n, 0, Math.Max(0, womenPlaced[r] - target[r]));
                excess[firstRegion + r] = Math.Max(0, target[r] - womenPlaced[r]);
                excess[source] -= excess[firstRegion + r];
            }
            for (var i = 0; i < n; i++) g.Add(parent[i], firstApplicant + i, 1, 0, assigned0[i] >= 0 ? 1 : 0);
            pairEdge = new int[p.Pairs];
            for (var i = 0; i < n; i++)
                for (var k = p.Start[i]; k < p.Start[i + 1]; k++)
                    pairEdge[k] = g.Add(firstApplicant + i, firstPosition + p.Position[k], 1, p.Cost[k] - placeWeight, assigned0[i] == p.Position[k] ? 1 : 0, lazyReverse: true);
            var employerLoad = new int[employers];
            var placed0 = 0;
            for (var j = 0; j < m; j++)
            {
                placed0 += plain.Load[j];
                if (mentors is not null) employerLoad[mentors.EmployerOfPosition[j]] += plain.Load[j];
                g.Add(firstPosition + j, mentors is null ? sink : firstEmployer + mentors.EmployerOfPosition[j], p.Capacity[j], 0, plain.Load[j]);
            }
            for (var e = 0; e < employers; e++)
            {
                var over = Math.Max(0, employerLoad[e] - mentors!.Capacity[e]);
                g.Add(firstEmployer + e, sink, mentors.Capacity[e], 0, employerLoad[e] - over);
                excess[firstEmployer + e] = over;
                excess[sink] -= over;
            }
            g.Add(sink, source, n, 0, placed0);

            g.Route(excess, pot);
        }

        /// <summary>Adds pairs (applicant, position, cost) to the network and restores the optimum: each new pair that the
        /// potentials price below zero is saturated, and the excesses this makes are routed back by shortest paths.</summary>
        public void Add(IReadOnlyList<(int Applicant, int Position, long Cost)> pairs)
        {
            var excess = new int[sink + 1];
            foreach (var (i, j, c) in pairs)
            {
                int from = firstApplicant + i, to = firstPosition + j;
                var e = g.Add(from, to, 1, c - placeWeight, 0, lazyReverse: true);
                added.Add((i, j, c, e));
                if (c - placeWeight + pot[from] - pot[to] >= 0) continue;
                g.Saturate(e);
                excess[from]--;
                excess[to]++;
            }
            g.Route(excess, pot);
        }

        /// <summary>
        /// Tries to move the potentials, keeping the flow, so that every pair left out of the network (<paramref name="leftOut"/>)
        /// prices at zero or above as well as every residual edge. Duals are not unique: when the flow is optimal for the whole
        /// part, some choice of them certifies it, and the one the searches left may not (after pairs are added to the optimum
        /// held, thousands of left-out pairs can price a few units below zero though none improves the flow). The new potentials
        /// are the old ones plus the shortest distances from a root joined to every node at zero, over the residual edges and
        /// the left-out pairs (a label-correcting search, only the left-out pairs' reduced costs can be negative). A negative
        /// cycle (a left-out pair that does improve the flow) would make it run for ever: it gives up, leaving the potentials
        /// as they were, when a label proves one or when it passes <paramref name="budget"/> edges and pairs scanned.
        /// </summary>
        public bool Lower(LeftOut leftOut, long budget)
        {
            var d = new long[sink + 1];
            var heap = new PriorityQueue<int, long>();
            long work = 0, floor = 0;
            for (var i = 0; i < n; i++) work += LowerThroughLeftOut(i, 0);
            // Without a negative cycle every distance is a simple path's, which passes each left-out pair once at most: no label
            // can fall below the sum of their negative reduced costs, and one that does proves a cycle.
            while (heap.TryDequeue(out var u, out var du))
            {
                if (du != d[u]) continue;
                if (du < floor) return false;
                work += g.RelaxResidual(u, du, pot, d, heap);
                if (u >= firstApplicant && u < firstPosition) work += LowerThroughLeftOut(u - firstApplicant, du);
                if (work > budget) return false;
            }
            for (var v = 0; v <= sink; v++) pot[v] += d[v];
            return true;

            int LowerThroughLeftOut(int i, long di)
            {
                var pu = pot[firstApplicant + i] + di - placeWeight;
                var (whole, at) = (leftOut.Problem, leftOut.Offset[i]);
                int from = whole.Start[leftOut.Applicants[i]], to = whole.Start[leftOut.Applicants[i] + 1];
                for (int e = from, y = at; e < to; e++, y++)
                {
                    if (leftOut.Include[y]) continue;
                    var v = firstPosition + leftOut.Local[whole.Position[e]];
                    var nd = pu + whole.Cost[e] - pot[v];
                    if (di == 0 && nd < 0) floor += nd; // the first pass, from every applicant at 0: nd is the pair's reduced cost
                    if (nd < d[v]) { d[v] = nd; heap.Enqueue(v, nd); }
                }
                return to - from;
            }
        }

        public AssignmentSolution Solution()
        {
            var assignment = Enumerable.Repeat(-1, n).ToArray();
            var load = new int[m];
            long total = 0;
            var assigned = 0;
            void Take(int i, int j, long c) { assignment[i] = j; load[j]++; total += c; assigned++; }
            for (var i = 0; i < n; i++)
                for (var k = p.Start[i]; k < p.Start[i + 1]; k++)
                    if (g.Flow(pairEdge[k]) > 0) Take(i, p.Position[k], p.Cost[k]);
            foreach (var (i, j, c, e) in added) if (g.Flow(e) > 0) Take(i, j, c);
            var price = new long[m];
            for (var j = 0; j < m; j++)
            {
                price[j] = pot[sink] - pot[firstPosition + j];
                if (price[j] < 0 && load[j] == 0) price[j] = 0; // an empty position: raising it keeps every condition
            }
            var reservation = new long[n];
            for (var i = 0; i < n; i++) reservation[i] = placeWeight + pot[sink] - pot[parent[i]];
            // The duals as they are (before the display rule for empty positions), for the pricing test.
            var rowLevel = new long[n];
            for (var i = 0; i < n; i++) rowLevel[i] = placeWeight + pot[sink] - pot[firstApplicant + i];
            var columnLevel = new long[m];
            for (var j = 0; j < m; j++) columnLevel[j] = pot[sink] - pot[firstPosition + j];

            return new AssignmentSolution(assignment, assigned, total, price, reservation)
            {
                Quota = Outcomes(assignment, quota, target), RowLevel = rowLevel, ColumnLevel = columnLevel,
            };
        }
    }

    /// <summary>Per region: the target, the young women placed and everyone placed.</summary>
    public static IReadOnlyList<QuotaOutcome> Outcomes(int[] assignment, WomenQuota? quota, int[] target)
    {
        var outcomes = new List<QuotaOutcome>();
        for (var r = 0; r < target.Length; r++)
        {
            int women = 0, placed = 0;
            for (var i = 0; i < assignment.Length; i++)
                if (quota!.Region[i] == r && assignment[i] >= 0) { placed++; if (quota.IsWoman[i]) women++; }
            outcomes.Add(new QuotaOutcome(r, target[r], women, placed));
        }
        return outcomes;
    }

    /// <summary>⌈share × min(applicants of r, places reachable from r)⌉ per region.</summary>
    public static int[] Targets(AssignmentProblem p, WomenQuota? quota, int regions)
    {
        var target = new int[regions];
        if (quota is null) return target;
        for (var r = 0; r < regions; r++)
        {
            var reachable = new HashSet<int>();
            var applicants = 0;
            for (var i = 0; i < p.Applicants; i++)
            {
                if (quota.Region[i] != r) continue;
                applicants++;
                for (var k = p.Start[i]; k < p.Start[i + 1]; k++) reachable.Add(p.Position[k]);
            }
            long places = reachable.Sum(j => (long)p.Capacity[j]);
            target[r] = (int)Math.Ceiling(quota.MinimumShare * Math.Min(applicants, places) - 1e-9);
        }
        return target;
    }

    /// <summary>
    /// Residual graph with paired edges (e and e^1), and successive shortest paths from a pseudo-flow. An edge's fields
    /// are packed together (one cache line per edge read). The reverse of a unit pair edge (position → applicant) is
    /// listed at its position only while it carries flow: a position is then scanned over the applicants placed with it,
    /// not over every applicant who could reach it (most of a dense part's edges, read for nothing in every search).
    /// </summary>
    private sealed class Graph(int nodes, int edges)
    {
        private struct Edge
        {
            public long Cost;
            public int To, Cap, Next;
        }

        private Edge[] edge = new Edge[edges];
        private int[] original = new int[edges / 2];
        private readonly int[] first = Enumerable.Repeat(-1, nodes).ToArray();
        // Lazy reverse edges (pairs added with lazyReverse): listed at their node from activeFirst while listed[pair]; an
        // entry whose capacity fell to 0 is unlinked by the next search that scans it.
        private bool[] lazy = new bool[edges / 2], listed = new bool[edges / 2];
        private int[] activeNext = new int[edges / 2];
        private readonly int[] activeFirst = Enumerable.Repeat(-1, nodes).ToArray();
        private int count;

        /// <summary>An edge u → v carrying <paramref name="flow"/> of its <paramref name="capacity"/>. With
        /// <paramref name="lazyReverse"/> the reverse edge is listed at v only while it has residual capacity.</summary>
        public int Add(int u, int v, int capacity, long c, int flow, bool lazyReverse = false)
        {
            if (count + 2 > edge.Length)
            {
                var size = Math.Max(count + 2, edge.Length + edge.Length / 4);
                Array.Resize(ref edge, size);
                Array.Resize(ref original, size / 2);
                Array.Resize(ref lazy, size / 2);
                Array.Resize(ref listed, size / 2);
                Array.Resize(ref activeNext, size / 2);
            }
            var e = count;
            count += 2;
            edge[e] = new Edge { To = v, Cap = capacity - flow, Cost = c, Next = first[u] };
            first[u] = e;
            original[e >> 1] = capacity;
            edge[e + 1] = new Edge { To = u, Cap = flow, Cost = -c, Next = -1 };
            if (!lazyReverse) { edge[e + 1].Next = first[v]; first[v] = e + 1; }
            else
            {
                lazy[e >> 1] = true;
                if (flow > 0) List(e + 1, v);
            }
            return e;
        }

        public int Flow(int e) => original[e >> 1] - edge[e].Cap;

        /// <summary>Fills edge e to its capacity (the caller accounts for the excess this makes at both ends).</summary>
        public void Saturate(int e) => Push(e, edge[e].Cap);

        private void List(int reverse, int at)
        {
            listed[reverse >> 1] = true;
            activeNext[reverse >> 1] = activeFirst[at];
            activeFirst[at] = reverse;
        }

        private bool IsLazyReverse(int e) => (e & 1) == 1 && lazy[e >> 1];

        /// <summary>The edge after <paramref name="e"/> in u's list: its fixed edges, then its listed lazy reverse edges.</summary>
        private int Next(int u, int e) => IsLazyReverse(e) ? activeNext[e >> 1] : edge[e].Next >= 0 ? edge[e].Next : activeFirst[u];

        private int First(int u) => first[u] >= 0 ? first[u] : activeFirst[u];

        /// <summary>Moves <paramref name="push"/> units along e; a lazy reverse edge gaining capacity is listed at its node.</summary>
        private void Push(int e, int push)
        {
            edge[e].Cap -= push;
            edge[e ^ 1].Cap += push;
            if ((e & 1) == 0 && lazy[e >> 1] && !listed[e >> 1]) List(e ^ 1, edge[e].To);
        }

        /// <summary>
        /// Routes every node's excess (positive) to the nodes short of flow (negative) along shortest paths over reduced
        /// costs cost + pot[u] − pot[v], which must be non-negative on every residual edge at the start. Each search
        /// starts from every node with excess and stops at the first node short of flow it settles; the potentials of the
        /// nodes settled move so that reduced costs stay non-negative, and end as the dual prices of the optimum.
        /// </summary>
        public void Route(int[] excess, long[] pot)
        {
            const long inf = long.MaxValue / 4;
            var dist = new long[nodes];
            var seen = new int[nodes];
            var done = new int[nodes];
            // The blocking search's marks are kept between calls (a network routes again when pairs are added), so phases
            // are numbered across calls: a mark left by an earlier call never matches a later phase.
            var epoch = phasesBefore;
            var heap = new PriorityQueue<int, long>();
            var settled = new List<int>();
            var sources = new List<int>();
            for (var u = 0; u < nodes; u++) if (excess[u] > 0) sources.Add(u);
            while (sources.Count > 0)
            {
                epoch++;
                heap.Clear();
                settled.Clear();
                foreach (var from in sources) { seen[from] = epoch; dist[from] = 0; heap.Enqueue(from, 0); }
                var end = -1;
                while (heap.TryDequeue(out var u, out var d))
                {
                    if (done[u] == epoch || d != dist[u]) continue;
                    done[u] = epoch;
                    settled.Add(u);
                    if (excess[u] < 0) { end = u; break; }
                    var pu = pot[u];
                    for (var e = first[u]; e >= 0; e = edge[e].Next) Relax(e);
                    for (int e = activeFirst[u], before = -1; e >= 0;)
                    {
                        var after = activeNext[e >> 1];
                        if (edge[e].Cap == 0)
                        {
                            // No longer carrying flow: unlinked here, where no blocking search holds a place in the list.
                            listed[e >> 1] = false;
                            if (before < 0) activeFirst[u] = after; else activeNext[before >> 1] = after;
                        }
                        else { Relax(e); before = e; }
                        e = after;
                    }

                    void Relax(int e)
                    {
                        ref var x = ref edge[e];
                        if (x.Cap == 0) return;
                        var v = x.To;
                        var nd = d + x.Cost + pu - pot[v];
                        if (seen[v] != epoch) { seen[v] = epoch; dist[v] = inf; }
                        if (nd < dist[v]) { dist[v] = nd; heap.Enqueue(v, nd); }
                    }
                }
                if (end < 0) throw new InvalidOperationException("an excess cannot be routed (cannot happen: it can always flow back the way it came)");
                var dt = dist[end];
                foreach (var u in settled) pot[u] += dist[u] - dt;
                // Every path of zero reduced cost is now a shortest one: push along as many as there are (a blocking flow)
                // before searching again, so a women's node short of many places needs few searches.
                var moved = 0;
                foreach (var from in sources) moved += Blocking(from, excess, pot, epoch);
                if (moved == 0) throw new InvalidOperationException("the shortest path found is not tight (cannot happen)");
                sources.RemoveAll(u => excess[u] == 0);
            }
            phasesBefore = epoch;
        }

        /// <summary>Lowers the labels <paramref name="d"/> of u's residual neighbours: v to d[u] + cost + pot[u] − pot[v]
        /// when that is lower (a step of a label-correcting shortest-path search; queued in <paramref name="heap"/>).</summary>
        public int RelaxResidual(int u, long du, long[] pot, long[] d, PriorityQueue<int, long> heap)
        {
            var scanned = 0;
            var pu = pot[u] + du;
            for (var e = First(u); e >= 0; e = Next(u, e))
            {
                scanned++;
                ref var x = ref edge[e];
                if (x.Cap == 0) continue;
                var nd = pu + x.Cost - pot[x.To];
                if (nd < d[x.To]) { d[x.To] = nd; heap.Enqueue(x.To, nd); }
            }
            return scanned;
        }

        private int phasesBefore;

        private int[]? cur, curPhase, dead, onPath, pathEdge;

        /// <summary>Augments from <paramref name="from"/> along residual edges of zero reduced cost to nodes short of flow until
        /// none is left (depth-first with a current edge per node; nodes found to lead nowhere are skipped for this phase).</summary>
        private int Blocking(int from, int[] excess, long[] pot, int phase)
        {
            cur ??= new int[nodes]; curPhase ??= new int[nodes]; dead ??= new int[nodes]; onPath ??= new int[nodes]; pathEdge ??= new int[nodes];
            int Cur(int u) { if (curPhase[u] != phase) { curPhase[u] = phase; cur[u] = First(u); } return cur[u]; }
            bool Admissible(int u, int e)
            {
                ref var x = ref edge[e];
                return x.Cap > 0 && dead[x.To] != phase && onPath[x.To] != phase && x.Cost + pot[u] - pot[x.To] == 0;
            }
            var before = excess[from];
            while (excess[from] > 0)
            {
                var depth = 0;
                var u = from;
                onPath[u] = phase;
                var found = false;
                while (true)
                {
                    if (u != from && excess[u] < 0) { found = true; break; }
                    var e = Cur(u);
                    while (e >= 0 && !Admissible(u, e)) e = Next(u, e);
                    cur[u] = e;
                    if (e >= 0) { pathEdge[depth++] = e; u = edge[e].To; onPath[u] = phase; continue; }
                    dead[u] = phase;
                    onPath[u] = 0;
                    if (depth == 0) break;
                    var back = pathEdge[--depth];
                    u = edge[back ^ 1].To;
                    cur[u] = Next(u, back);
                }
                if (!found) { onPath[from] = 0; return before - excess[from]; }
                var push = Math.Min(excess[from], -excess[u]);
                for (var k = 0; k < depth; k++) push = Math.Min(push, edge[pathEdge[k]].Cap);
                for (var k = 0; k < depth; k++) { Push(pathEdge[k], push); onPath[edge[pathEdge[k]].To] = 0; }
                onPath[from] = 0;
                excess[from] -= push;
                excess[u] += push;
            }
            return before;
        }
    }
}
