namespace Qadam.Matching;

/// <summary>
/// Exact solver for one large component, in two phases on the network source → applicants → positions → sink: the most
/// applicants placed (a maximum flow), then the least cost among those flows by cost scaling (Goldberg's push–relabel with
/// ε-scaling and price updates). Its work grows about linearly with the component, where the shortest-path searches of
/// <see cref="CapacitatedAssignment"/> grow with the component's size each (decision 0020).
/// </summary>
internal static class CostScaling
{
    private static readonly bool Tracing = Environment.GetEnvironmentVariable("QADAM_MATCH_TRACE") == "1";

    /// <summary>
    /// Solves applicants [a0, a1) and positions [p0, p1) of the state's problem (a component: its pairs stay inside) and
    /// writes the optimum and exact duals into the state in the shortest-path solver's terms.
    /// </summary>
    /// <returns>False, with the state untouched, if the work went past its budget (a defect: the caller then solves the
    /// component by shortest paths, and <see cref="Fallbacks"/> counts it so tests can fail on it).</returns>
    internal static bool SolveInto(CapacitatedAssignment.State state, int a0, int a1, int p0, int p1)
    {
        try
        {
            Solve(state, a0, a1, p0, p1);
            return true;
        }
        catch (Exception e) when (e is BudgetExceeded || e is AggregateException a && a.Flatten().InnerExceptions.All(x => x is BudgetExceeded))
        {
            Interlocked.Increment(ref fallbacks);
            return false;
        }
    }

    private static long fallbacks;
    internal static long Fallbacks => Interlocked.Read(ref fallbacks);

    /// <summary>Far more work than an optimum needs (about ten relabels per node per refine are measured): only a defect gets here.</summary>
    private sealed class BudgetExceeded(string what) : Exception(what);

    private static void Solve(CapacitatedAssignment.State state, int a0, int a1, int p0, int p1)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var net = Network.ForComponent(state.P, a0, a1, p0, p1);
        net.MaximumFlow();
        var flowSeconds = clock.Elapsed.TotalSeconds;
        var pieces = net.Pieces();
        var pieceCounters = new System.Collections.Concurrent.ConcurrentBag<string>();
        // The pieces are independent (no maximum flow uses an arc between them), so they are solved in parallel.
        Parallel.ForEach(pieces, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, piece =>
        {
            if (piece.Positions.Length == 0) return;
            var sub = Network.ForPiece(net, piece.Applicants, piece.Positions);
            sub.MinimumCost();
            net.TakeBack(sub, piece.Applicants, piece.Positions);
            if (Tracing && piece.Applicants.Length > 10_000) pieceCounters.Add($"  piece {piece.Applicants.Length}/{piece.Positions.Length}: {sub.Counters}");
        });
        var costSeconds = clock.Elapsed.TotalSeconds;
        var (row, column) = net.Duals(state.Big);
        if (Tracing)
        {
            Console.Error.WriteLine($"cost scaling: {net.N} applicants, {net.M} positions, {net.Flow} placed; max flow {flowSeconds:0.00} s, {pieces.Count} pieces "
                + $"(largest {pieces.Max(p => p.Applicants.Length)}), min cost {costSeconds - flowSeconds:0.00} s, duals {clock.Elapsed.TotalSeconds - costSeconds:0.00} s ({net.DualSteps} steps)");
            foreach (var line in pieceCounters) Console.Error.WriteLine(line);
        }
        for (var j = p0; j < p1; j++) { state.Load[j] = 0; state.Holders[j] = null!; }
        for (var i = 0; i < net.N; i++)
        {
            var applicant = a0 + i;
            state.Assignment[applicant] = -1;
            for (var a = net.First[i]; a < net.First[i + 1] - 1; a++)
            {
                ref var arc = ref net.Arcs[a];
                if (arc.Cap != 0) continue;
                var position = p0 + arc.Head - net.N;
                state.Assignment[applicant] = position;
                state.AssignedCost[applicant] = arc.Cost;
                (state.Holders[position] ??= []).Add(applicant);
                state.Load[position]++;
                break;
            }
            // uᵢ = rowᵢ − B. A placed applicant's private option stays free at potential 0 (rowᵢ ≤ B); an unplaced one's is tight.
            state.DummyPotential[applicant] = state.Assignment[applicant] >= 0 ? 0 : state.Big - row[i];
        }
        for (var j = 0; j < net.M; j++) state.ColumnPotential[p0 + j] = -column[j];
    }

    /// <summary>One residual arc: its head, the index of its reverse, residual capacity and cost (16 bytes, one load per arc).</summary>
    internal struct Arc
    {
        public int Head, Sister, Cap, Cost;
    }

    /// <summary>
    /// Nodes: applicants 0..N−1, positions N..N+M−1, the source and the sink. Each applicant's arcs are its pairs, then the
    /// reverse of source → applicant; each position's arcs are the reverses of its pairs, then position → sink (capacity).
    /// </summary>
    internal sealed class Network
    {
        public readonly int N, M, Nodes, Src, T;
        public readonly int[] First;
        public readonly Arc[] Arcs;
        public readonly long[] Price;
        public readonly int[] Excess, Current;
        /// <summary>Costs are multiplied by it, so that ε = 1 on them is below 1/(nodes) on the real costs: optimal.</summary>
        public readonly long K;
        public int Flow;
        public long DualSteps;
        public string Counters => $"{refines} refines (stopped at ε {StoppedAt}/{K}), {pushes} pushes, {relabels} relabels, {updates} price updates";
        private long pushes, relabels, updates, refines;

        /// <summary>The layout: <paramref name="pairs"/>[v] pair arcs at node v, plus each applicant's arc from the source and each position's arc to the sink.</summary>
        private Network(int n, int m, int[] pairs)
        {
            N = n; M = m; Src = N + M; T = N + M + 1; Nodes = N + M + 2;
            First = new int[Nodes + 1];
            for (var v = 0; v < N + M; v++) First[v + 1] = First[v] + pairs[v] + 1;
            First[Src + 1] = First[Src] + N;
            First[T + 1] = First[T] + M;
            Arcs = new Arc[First[Nodes]];
            fill = new int[Nodes];
            Array.Copy(First, fill, Nodes);
            K = Nodes + 1;
            Price = new long[Nodes];
            Excess = new int[Nodes];
            Current = new int[Nodes];
        }

        private readonly int[] fill;

        private void Add(int u, int v, int cap, int cost, int flow = 0)
        {
            int a = fill[u]++, b = fill[v]++;
            Arcs[a] = new Arc { Head = v, Sister = b, Cap = cap - flow, Cost = cost };
            Arcs[b] = new Arc { Head = u, Sister = a, Cap = flow, Cost = -cost };
        }

        /// <summary>Applicants [a0, a1) and positions [p0, p1) of <paramref name="p"/> (a component), with no flow yet.</summary>
        public static Network ForComponent(AssignmentProblem p, int a0, int a1, int p0, int p1)
        {
            int n = a1 - a0, m = p1 - p0;
            var pairs = new int[n + m];
            for (var i = 0; i < n; i++) pairs[i] = p.Start[a0 + i + 1] - p.Start[a0 + i];
            for (var k = p.Start[a0]; k < p.Start[a1]; k++) pairs[n + p.Position[k] - p0]++;
            var net = new Network(n, m, pairs);
            for (var i = 0; i < n; i++)
                for (var k = p.Start[a0 + i]; k < p.Start[a0 + i + 1]; k++) net.Add(i, n + p.Position[k] - p0, 1, p.Cost[k]);
            for (var i = 0; i < n; i++) net.Add(net.Src, i, 1, 0);
            for (var j = 0; j < m; j++) net.Add(n + j, net.T, p.Capacity[p0 + j], 0);
            return net;
        }

        /// <summary>
        /// A piece of <paramref name="parent"/> (after its maximum flow) as a network of its own, with the parent's flow on it:
        /// the applicants and positions given, the pairs between them, each position's arc to the sink.
        /// </summary>
        public static Network ForPiece(Network parent, int[] applicants, int[] positions)
        {
            int n = applicants.Length, m = positions.Length;
            var local = new Dictionary<int, int>(n + m);
            for (var i = 0; i < n; i++) local[applicants[i]] = i;
            for (var j = 0; j < m; j++) local[positions[j]] = n + j;
            var degree = new int[n + m];
            var pairs = new List<(int From, int To, int Cost, bool Used)>();
            foreach (var i in applicants)
                for (var a = parent.First[i]; a < parent.First[i + 1] - 1; a++)
                    if (local.TryGetValue(parent.Arcs[a].Head, out var to)) pairs.Add((local[i], to, parent.Arcs[a].Cost, parent.Arcs[a].Cap == 0));
            foreach (var (from, to, _, _) in pairs) { degree[from]++; degree[to]++; }
            var net = new Network(n, m, degree);
            net.TakeFlow(parent, positions, pairs);
            return net;
        }

        private void TakeFlow(Network parent, int[] positions, List<(int From, int To, int Cost, bool Used)> pairs)
        {
            var placed = new bool[N];
            var load = new int[M];
            foreach (var (from, to, cost, used) in pairs)
            {
                Add(from, to, 1, cost, used ? 1 : 0);
                if (used) { placed[from] = true; load[to - N]++; Flow++; }
            }
            for (var i = 0; i < N; i++) Add(Src, i, 1, 0, placed[i] ? 1 : 0);
            for (var j = 0; j < M; j++)
            {
                // Room as in the parent; the load of applicants fixed here from outside the piece is not the piece's to move.
                var room = parent.Arcs[parent.First[positions[j] + 1] - 1].Cap;
                Add(N + j, T, room + load[j], 0, load[j]);
            }
        }

        /// <summary>The piece's optimal flow back onto this network, and its potentials (in real cost units, the piece's sink at 0) as this network's prices.</summary>
        public void TakeBack(Network sub, int[] applicants, int[] positions)
        {
            var placedAt = new int[sub.N];
            for (var i = 0; i < sub.N; i++)
            {
                placedAt[i] = -1;
                for (var a = sub.First[i]; a < sub.First[i + 1] - 1; a++)
                    if (sub.Arcs[a].Cap == 0) { placedAt[i] = positions[sub.Arcs[a].Head - sub.N]; break; }
            }
            var sinkLevel = FloorDiv(sub.Price[sub.T], sub.K);
            for (var i = 0; i < sub.N; i++)
            {
                var v = applicants[i];
                for (var a = First[v]; a < First[v + 1] - 1; a++)
                {
                    var used = Arcs[a].Head == placedAt[i];
                    Arcs[a].Cap = used ? 0 : 1;
                    Arcs[Arcs[a].Sister].Cap = used ? 1 : 0;
                }
                var fromSource = Arcs[First[v + 1] - 1].Sister;
                Arcs[fromSource].Cap = placedAt[i] >= 0 ? 0 : 1;
                Arcs[Arcs[fromSource].Sister].Cap = placedAt[i] >= 0 ? 1 : 0;
                Price[v] = (FloorDiv(sub.Price[i], sub.K) - sinkLevel) * K;
            }
            for (var j = 0; j < sub.M; j++)
            {
                var v = positions[j];
                ref var toSink = ref Arcs[First[v + 1] - 1];
                ref var subToSink = ref sub.Arcs[sub.First[sub.N + j + 1] - 1];
                var capacity = toSink.Cap + Arcs[toSink.Sister].Cap;
                toSink.Cap = subToSink.Cap;
                Arcs[toSink.Sister].Cap = capacity - subToSink.Cap;
                Price[v] = (FloorDiv(sub.Price[sub.N + j], sub.K) - sinkLevel) * K;
            }
        }

        private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

        /// <summary>
        /// The Dulmage–Mendelsohn split of the component after its maximum flow: the nodes the source still reaches (the
        /// over-demanded part: its positions stay full), those that still reach the sink (the under-demanded part: its
        /// applicants stay placed) and the rest; no maximum flow uses a pair between two parts, so each part's connected
        /// pieces are independent minimum-cost problems. Returns the pieces as lists of this network's nodes.
        /// </summary>
        public List<(int[] Applicants, int[] Positions)> Pieces()
        {
            var part = new byte[Nodes]; // 0 = the rest, 1 = reached from the source, 2 = reaches the sink
            var queue = new int[Nodes];
            int head = 0, tail = 0;
            part[Src] = 1; queue[tail++] = Src;
            while (head < tail)
            {
                var v = queue[head++];
                for (var a = First[v]; a < First[v + 1]; a++)
                {
                    var w = Arcs[a].Head;
                    if (Arcs[a].Cap > 0 && part[w] == 0 && w != T) { part[w] = 1; queue[tail++] = w; }
                }
            }
            head = tail = 0;
            part[T] = 2; queue[tail++] = T;
            while (head < tail)
            {
                var w = queue[head++];
                for (var a = First[w]; a < First[w + 1]; a++)
                {
                    var v = Arcs[a].Head;
                    if (Arcs[Arcs[a].Sister].Cap > 0 && part[v] == 0 && v != Src) { part[v] = 2; queue[tail++] = v; }
                }
            }
            var sets = new DisjointSets(N + M);
            for (var i = 0; i < N; i++)
            {
                // A pair from the rest into the under-demanded part carries flow in every maximum flow: its applicant is fixed
                // there (a piece of its own, left as it is), and the position's piece sees that much less capacity.
                var fixedThere = false;
                if (part[i] != 2)
                    for (var a = First[i]; a < First[i + 1] - 1; a++)
                        if (Arcs[a].Cap == 0 && part[Arcs[a].Head] == 2) fixedThere = true;
                if (fixedThere) continue;
                for (var a = First[i]; a < First[i + 1] - 1; a++)
                {
                    var j = Arcs[a].Head;
                    if (part[i] == part[j]) sets.Union(i, j);
                }
            }
            var index = new Dictionary<int, int>();
            var applicants = new List<List<int>>();
            var positions = new List<List<int>>();
            for (var v = 0; v < N + M; v++)
            {
                var r = sets.Find(v);
                if (!index.TryGetValue(r, out var k)) { index[r] = k = applicants.Count; applicants.Add([]); positions.Add([]); }
                (v < N ? applicants[k] : positions[k]).Add(v);
            }
            return Enumerable.Range(0, applicants.Count).Select(k => (applicants[k].ToArray(), positions[k].ToArray()))
                .OrderByDescending(p => p.Item1.Length).ToList();
        }

        private void Move(int a, int amount)
        {
            Arcs[a].Cap -= amount;
            Arcs[Arcs[a].Sister].Cap += amount;
        }

        /// <summary>Phase 1: each applicant its cheapest position with room, then Dinic's blocking flows to a maximum.</summary>
        public void MaximumFlow()
        {
            for (var i = 0; i < N; i++)
            {
                int best = -1, bestCost = int.MaxValue;
                for (var a = First[i]; a < First[i + 1] - 1; a++)
                    if (Arcs[First[Arcs[a].Head + 1] - 1].Cap > 0 && Arcs[a].Cost < bestCost) { bestCost = Arcs[a].Cost; best = a; }
                if (best < 0) continue;
                Move(Arcs[First[i + 1] - 1].Sister, 1);
                Move(best, 1);
                Move(First[Arcs[best].Head + 1] - 1, 1);
                Flow++;
            }
            var level = new int[Nodes];
            var queue = new int[Nodes];
            var stack = new int[Nodes];
            while (true)
            {
                Array.Fill(level, -1);
                level[Src] = 0;
                int head = 0, tail = 0;
                queue[tail++] = Src;
                while (head < tail)
                {
                    var v = queue[head++];
                    if (level[T] >= 0 && level[v] >= level[T]) break;
                    for (var a = First[v]; a < First[v + 1]; a++)
                        if (Arcs[a].Cap > 0 && level[Arcs[a].Head] < 0) { level[Arcs[a].Head] = level[v] + 1; queue[tail++] = Arcs[a].Head; }
                }
                if (level[T] < 0) return;
                Array.Copy(First, Current, Nodes);
                while (true)
                {
                    // One augmenting path along increasing levels, depth first without recursion; dead ends leave the level graph.
                    var v = Src;
                    var depth = 0;
                    while (v != T)
                    {
                        var advanced = false;
                        for (; Current[v] < First[v + 1]; Current[v]++)
                        {
                            ref var arc = ref Arcs[Current[v]];
                            if (arc.Cap > 0 && level[arc.Head] == level[v] + 1) { stack[depth++] = Current[v]; v = arc.Head; advanced = true; break; }
                        }
                        if (advanced) continue;
                        level[v] = -1;
                        if (depth == 0) break;
                        v = Arcs[Arcs[stack[--depth]].Sister].Head;
                        Current[v]++;
                    }
                    if (v != T) break;
                    for (var d = 0; d < depth; d++) Move(stack[d], 1);
                    Flow++;
                }
            }
        }

        /// <summary>Phase 2: from the maximum flow (a circulation once the source's supply and the sink's demand are met),
        /// refine ε-optimality by a factor α at a time down to ε = 1 on the multiplied costs.</summary>
        public void MinimumCost()
        {
            var alpha = Alpha;
            long maxCost = 0;
            foreach (ref var arc in Arcs.AsSpan()) maxCost = Math.Max(maxCost, Math.Abs((long)arc.Cost));
            var eps = maxCost * K;
            while (eps > 1)
            {
                eps = Math.Max(1, eps / alpha);
                Refine(eps);
                refines++;
                // Once ε is below one unit of the real costs the flow is often optimal already: a short label-correcting pass
                // proves it (no negative cycle) and ends the scaling early.
                if (eps <= CheckFrom * K && eps > 1 && Optimal(CheckSteps)) { StoppedAt = eps; break; }
            }
        }

        /// <summary>ε shrinks by this factor per refine (5, 10, 20 and 40 measured alike at 300,000 applicants).</summary>
        private const int Alpha = 10;
        /// <summary>The optimality check runs once ε is at most this many units of the real costs, with this many scans per node.</summary>
        private const long CheckFrom = 1;
        private const int CheckSteps = 4;
        public long StoppedAt;

        /// <summary>Whether the flow is optimal: label correcting from the prices (in real units) settles within <paramref name="stepsPerNode"/> scans per node.</summary>
        private bool Optimal(int stepsPerNode) => Settle(big: null, (long)stepsPerNode * Nodes, out _);

        /// <summary>
        /// Label correcting from the prices (in real units) on the residual graph — the two-phase network, or with
        /// <paramref name="big"/> the one-phase one (no source; each applicant's "unplaced" arc to the sink at cost B) —
        /// until every reduced cost is ≥ 0 or <paramref name="limit"/> scans are spent (a negative cycle never settles).
        /// </summary>
        private bool Settle(long? big, long limit, out long[] d)
        {
            var potential = d = new long[Nodes];
            for (var v = 0; v < Nodes; v++) potential[v] = FloorDiv(Price[v], K);
            var unplaced = new List<int>();
            if (big is not null) for (var i = 0; i < N; i++) if (Arcs[First[i + 1] - 1].Cap == 0) unplaced.Add(i);
            var queued = new bool[Nodes];
            var queue = new Queue<int>(Nodes);
            for (var v = 0; v < Nodes; v++) if (big is null || v != Src) { queue.Enqueue(v); queued[v] = true; }
            void Relax(int w, long value)
            {
                if (value >= potential[w]) return;
                potential[w] = value;
                if (!queued[w]) { queued[w] = true; queue.Enqueue(w); }
            }
            long steps = 0;
            while (queue.TryDequeue(out var u))
            {
                if (++steps > limit) return false;
                queued[u] = false;
                for (var a = First[u]; a < First[u + 1]; a++)
                {
                    ref var arc = ref Arcs[a];
                    if (arc.Cap > 0 && (big is null || arc.Head != Src)) Relax(arc.Head, potential[u] + arc.Cost);
                }
                if (big is not { } b) continue;
                if (u < N && Arcs[First[u + 1] - 1].Cap > 0) Relax(T, potential[u] + b); // placed: its unplaced arc is free
                if (u == T) foreach (var i in unplaced) Relax(i, potential[T] - b);     // unplaced: the arc carries it (−B back)
            }
            DualSteps = steps;
            return true;
        }

        private readonly Queue<int> active = new();
        private long sinceUpdate;
        /// <summary>A price update after this many relabels per node (1, 2, 4 and 8 measured alike at 300,000 applicants).</summary>
        private const double UpdateEvery = 2;

        private void Refine(long eps)
        {
            // Saturate every residual arc of negative reduced cost: the pseudo-flow is then 0-optimal.
            for (var v = 0; v < Nodes; v++)
            {
                var pv = Price[v];
                for (var a = First[v]; a < First[v + 1]; a++)
                {
                    ref var arc = ref Arcs[a];
                    var r = arc.Cap;
                    if (r > 0 && arc.Cost * K + pv - Price[arc.Head] < 0)
                    {
                        arc.Cap = 0;
                        Arcs[arc.Sister].Cap += r;
                        Excess[v] -= r;
                        Excess[arc.Head] += r;
                    }
                }
            }
            Array.Copy(First, Current, Nodes);
            PriceUpdate(eps);
            for (var v = 0; v < Nodes; v++) if (Excess[v] > 0) active.Enqueue(v);
            budget = relabels + pushes + 1000L * Nodes + 1_000_000;
            while (active.TryDequeue(out var v))
            {
                if (Excess[v] <= 0) continue;
                Discharge(v, eps);
                if (sinceUpdate > UpdateEvery * Nodes) PriceUpdate(eps);
            }
        }

        private const int Levels = 1 << 16;
        private int[]? distance, bucket;
        private readonly List<long> entries = []; // (node << 32) | next entry in the same bucket

        /// <summary>
        /// Goldberg's price update: d(v) = the fewest ε-steps from v to a deficit along residual arcs (an arc of reduced cost c
        /// counts ⌊c/ε⌋ + 1, an admissible one 0), by buckets from the deficits backwards until every excess is reached; each
        /// price is lowered by ε·d(v), unreached nodes by the level reached. ε-optimality holds and every excess then has an
        /// admissible path towards a deficit.
        /// </summary>
        private void PriceUpdate(long eps)
        {
            updates++;
            sinceUpdate = 0;
            distance ??= new int[Nodes];
            bucket ??= new int[Levels];
            Array.Fill(distance, int.MaxValue);
            Array.Fill(bucket, -1);
            entries.Clear();
            var toReach = 0;
            for (var v = 0; v < Nodes; v++)
            {
                if (Excess[v] > 0) toReach++;
                else if (Excess[v] < 0) { distance[v] = 0; entries.Add(((long)v << 32) | (uint)bucket[0]); bucket[0] = entries.Count - 1; }
            }
            var level = 0;
            for (; level < Levels && toReach > 0; level++)
            {
                while (bucket[level] >= 0 && toReach > 0)
                {
                    var e = entries[bucket[level]];
                    bucket[level] = (int)(uint)e;
                    var v = (int)(e >> 32);
                    if (distance[v] != level) continue;
                    distance[v] = -1 - level; // scanned
                    if (Excess[v] > 0) toReach--;
                    var pv = Price[v];
                    for (var a = First[v]; a < First[v + 1]; a++)
                    {
                        ref var back = ref Arcs[Arcs[a].Sister];
                        if (back.Cap == 0) continue;
                        var w = Arcs[a].Head;
                        var dw = distance[w];
                        if (dw < 0) continue;
                        var rc = back.Cost * K + Price[w] - pv;
                        var nd = level + (rc < 0 ? 0 : rc / eps + 1);
                        if (nd >= dw || nd >= Levels) continue;
                        distance[w] = (int)nd;
                        entries.Add(((long)w << 32) | (uint)bucket[nd]);
                        bucket[nd] = entries.Count - 1;
                    }
                }
                if (toReach == 0) break;
            }
            for (var v = 0; v < Nodes; v++)
            {
                var d = distance[v] < 0 ? -1 - distance[v] : level;
                if (d > 0) { Price[v] -= eps * d; Current[v] = First[v]; }
            }
        }

        private void Discharge(int v, long eps)
        {
            if (v < N) { Bid(v, eps); return; }
            var end = First[v + 1];
            while (Excess[v] > 0)
            {
                var pv = Price[v];
                var a = Current[v];
                for (; a < end; a++)
                {
                    ref var arc = ref Arcs[a];
                    if (arc.Cap == 0) continue;
                    var w = arc.Head;
                    if (arc.Cost * K + pv - Price[w] >= 0) continue;
                    Push(v, a);
                    if (Excess[v] == 0) break;
                }
                if (Excess[v] == 0) { Current[v] = a; return; }
                // Relabel: the highest price that leaves some residual arc at reduced cost −ε; that arc is current.
                var best = long.MinValue;
                var bestArc = -1;
                for (var b = First[v]; b < end; b++)
                {
                    ref var arc = ref Arcs[b];
                    if (arc.Cap == 0) continue;
                    var candidate = Price[arc.Head] - arc.Cost * K;
                    if (candidate > best) { best = candidate; bestArc = b; }
                }
                if (bestArc < 0) throw new InvalidOperationException("a node with excess has no residual arc");
                Price[v] = best - eps;
                Current[v] = bestArc;
                relabels++;
                sinceUpdate++;
            }
        }

        /// <summary>
        /// An applicant's excess (one unit) in one scan of its arcs, as Goldberg and Kennedy's assignment code does: the unit
        /// goes along the arc of least reduced cost (after a relabel if even that one is not admissible), and the applicant's
        /// price then falls as far as ε-optimality allows on the arcs left, to the second best: its next bid needs no relabel.
        /// </summary>
        private void Bid(int v, long eps)
        {
            var end = First[v + 1];
            while (Excess[v] > 0)
            {
                long best = long.MinValue, second = long.MinValue;
                var bestArc = -1;
                for (var b = First[v]; b < end; b++)
                {
                    ref var arc = ref Arcs[b];
                    if (arc.Cap == 0) continue;
                    var candidate = Price[arc.Head] - arc.Cost * K;
                    if (candidate > best) { second = best; best = candidate; bestArc = b; }
                    else if (candidate > second) second = candidate;
                }
                if (bestArc < 0) throw new InvalidOperationException("a node with excess has no residual arc");
                if (best - Price[v] <= 0) { Price[v] = best - eps; relabels++; sinceUpdate++; }
                Push(v, bestArc);
                if (Arcs[bestArc].Cap == 0 && second != long.MinValue) Price[v] = Math.Min(Price[v], second - eps);
            }
        }

        private long budget;

        /// <summary>As much of v's excess as arc a takes; its head becomes active if this gives it an excess.</summary>
        private void Push(int v, int a)
        {
            if (relabels + pushes > budget) throw new BudgetExceeded("a refine went past 1,000 pushes and relabels per node");
            ref var arc = ref Arcs[a];
            var w = arc.Head;
            var delta = Math.Min(Excess[v], arc.Cap);
            arc.Cap -= delta;
            Arcs[arc.Sister].Cap += delta;
            Excess[v] -= delta;
            var before = Excess[w];
            Excess[w] += delta;
            pushes++;
            if (before <= 0 && Excess[w] > 0) active.Enqueue(w);
        }

        /// <summary>
        /// Exact duals of the optimum in the one-phase form (each applicant's "unplaced" arc to the sink at cost B): potentials
        /// d with c + d(u) − d(v) ≥ 0 on every residual arc, by label correcting from the final prices (within a unit of
        /// feasible; the optimum has no negative cycle, so it ends). Returns each applicant's level d(T) − d(i) and each
        /// position's price d(T) − d(j): 0 for a position with room, never below 0.
        /// </summary>
        public (long[] Row, long[] Column) Duals(long big)
        {
            // A negative cycle would make this endless: it cannot happen on an optimum, so stop loudly if it does.
            if (!Settle(big, 1000L * Nodes + 1_000_000, out var d))
                throw new BudgetExceeded("the duals did not settle (a negative cycle: the flow is not optimal)");
            var row = new long[N];
            for (var i = 0; i < N; i++) row[i] = d[T] - d[i];
            var column = new long[M];
            for (var j = 0; j < M; j++) column[j] = Arcs[First[N + j + 1] - 1].Cap > 0 ? 0 : Math.Max(0, d[T] - d[N + j]);
            return (row, column);
        }
    }
}
