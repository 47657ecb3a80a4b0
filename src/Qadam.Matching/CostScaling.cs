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
    internal static void SolveInto(CapacitatedAssignment.State state, int a0, int a1, int p0, int p1)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var net = new Network(state.P, a0, a1, p0, p1);
        net.MaximumFlow();
        net.MinimumCost();
        var (row, column) = net.Duals(state.Big);
        if (Tracing) Console.Error.WriteLine($"cost scaling: {net.N} applicants, {net.M} positions, {net.Flow} placed, {clock.Elapsed.TotalSeconds:0.00} s; {net.Counters}");
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
        public string Counters => $"{refines} refines, {pushes} pushes, {relabels} relabels, {updates} price updates";
        private long pushes, relabels, updates, refines;

        public Network(AssignmentProblem p, int a0, int a1, int p0, int p1)
        {
            N = a1 - a0; M = p1 - p0; Src = N + M; T = N + M + 1; Nodes = N + M + 2;
            var deg = new int[Nodes + 1];
            for (var i = 0; i < N; i++) deg[i] = p.Start[a0 + i + 1] - p.Start[a0 + i] + 1;
            for (var k = p.Start[a0]; k < p.Start[a1]; k++) deg[N + p.Position[k] - p0]++;
            for (var j = 0; j < M; j++) deg[N + j]++;
            deg[Src] = N;
            deg[T] = M;
            First = new int[Nodes + 1];
            for (var v = 0; v < Nodes; v++) First[v + 1] = First[v] + deg[v];
            Arcs = new Arc[First[Nodes]];
            var fill = new int[Nodes];
            Array.Copy(First, fill, Nodes);
            void Add(int u, int v, int cap, int cost)
            {
                int a = fill[u]++, b = fill[v]++;
                Arcs[a] = new Arc { Head = v, Sister = b, Cap = cap, Cost = cost };
                Arcs[b] = new Arc { Head = u, Sister = a, Cap = 0, Cost = -cost };
            }
            for (var i = 0; i < N; i++)
                for (var k = p.Start[a0 + i]; k < p.Start[a0 + i + 1]; k++) Add(i, N + p.Position[k] - p0, 1, p.Cost[k]);
            for (var i = 0; i < N; i++) Add(Src, i, 1, 0);
            for (var j = 0; j < M; j++) Add(N + j, T, p.Capacity[p0 + j], 0);
            K = Nodes + 1;
            Price = new long[Nodes];
            Excess = new int[Nodes];
            Current = new int[Nodes];
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
        public void MinimumCost(int alpha = 10)
        {
            long maxCost = 0;
            foreach (ref var arc in Arcs.AsSpan()) maxCost = Math.Max(maxCost, Math.Abs((long)arc.Cost));
            var eps = maxCost * K;
            while (eps > 1)
            {
                eps = Math.Max(1, eps / alpha);
                Refine(eps);
                refines++;
            }
        }

        private readonly Queue<int> active = new();
        private long sinceUpdate;
        /// <summary>A price update after every this many relabels per node (measured at 100k–300k applicants; 0.5–8 tried).</summary>
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
                    var delta = Math.Min(Excess[v], arc.Cap);
                    arc.Cap -= delta;
                    Arcs[arc.Sister].Cap += delta;
                    Excess[v] -= delta;
                    var before = Excess[w];
                    Excess[w] += delta;
                    pushes++;
                    if (before <= 0 && Excess[w] > 0) active.Enqueue(w);
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
        /// Exact duals of the optimum in the one-phase form (each applicant's "unplaced" arc to the sink at cost B): potentials
        /// d with c + d(u) − d(v) ≥ 0 on every residual arc, by label correcting from the final prices (within a unit of
        /// feasible; the optimum has no negative cycle, so it ends). Returns each applicant's level d(T) − d(i) and each
        /// position's price d(T) − d(j): 0 for a position with room, never below 0.
        /// </summary>
        public (long[] Row, long[] Column) Duals(long big)
        {
            var d = new long[Nodes];
            for (var v = 0; v < Nodes; v++) d[v] = (long)Math.Floor((double)Price[v] / K);
            var unplaced = new List<int>();
            for (var i = 0; i < N; i++) if (Arcs[First[i + 1] - 1].Cap == 0) unplaced.Add(i);
            var queued = new bool[Nodes];
            var queue = new Queue<int>(Nodes);
            for (var v = 0; v < Nodes; v++) if (v != Src) { queue.Enqueue(v); queued[v] = true; }
            void Relax(int w, long value)
            {
                if (value >= d[w]) return;
                d[w] = value;
                if (!queued[w]) { queued[w] = true; queue.Enqueue(w); }
            }
            while (queue.TryDequeue(out var u))
            {
                queued[u] = false;
                for (var a = First[u]; a < First[u + 1]; a++)
                {
                    ref var arc = ref Arcs[a];
                    if (arc.Cap > 0 && arc.Head != Src) Relax(arc.Head, d[u] + arc.Cost);
                }
                if (u < N && Arcs[First[u + 1] - 1].Cap > 0) Relax(T, d[u] + big); // placed: its unplaced arc is free
                if (u == T) foreach (var i in unplaced) Relax(i, d[T] - big);     // unplaced: the arc carries it (−B back)
            }
            var row = new long[N];
            for (var i = 0; i < N; i++) row[i] = d[T] - d[i];
            var column = new long[M];
            for (var j = 0; j < M; j++) column[j] = Arcs[First[N + j + 1] - 1].Cap > 0 ? 0 : Math.Max(0, d[T] - d[N + j]);
            return (row, column);
        }
    }
}
