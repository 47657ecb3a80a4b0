namespace Qadam.Matching;

/// <summary>
/// Prototype: cost-scaling push–relabel (Goldberg) on the network applicants → positions → sink, with each applicant's
/// "unplaced" arc to the sink at cost B (lexicographic objective).
/// </summary>
public static class CostScaling
{
    public static (int[] Assignment, int Assigned, long Cost, Stats Stats) Solve(AssignmentProblem p, int alpha = 10)
    {
        var net = new Network(p, 0, p.Applicants, 0, p.Positions);
        net.Run(alpha);
        var assignment = new int[p.Applicants];
        var assigned = 0;
        long cost = 0;
        for (var i = 0; i < p.Applicants; i++)
        {
            assignment[i] = -1;
            for (var a = net.First[i]; a < net.First[i + 1] - 1; a++)
                if (net.Cap[a] == 0) { assignment[i] = net.Head[a] - p.Applicants; assigned++; cost += net.Cost[a]; break; }
        }
        return (assignment, assigned, cost, net.S);
    }

    /// <summary>
    /// Solves one component — applicants [a0, a1) and positions [p0, p1) of the state's problem, whose pairs stay inside
    /// it — and writes its optimum and exact duals into the state in the successive-shortest-paths solver's terms.
    /// </summary>
    internal static void SolveInto(CapacitatedAssignment.State state, int a0, int a1, int p0, int p1)
    {
        for (var i = a0; i < a1; i++) state.Assignment[i] = -1;
        for (var j = p0; j < p1; j++) { state.Load[j] = 0; state.Holders[j] = null!; }
        var net = new Network(state.P, a0, a1, p0, p1);
        net.Run(10);
        var (row, column) = net.Duals(state.Big);
        for (var i = 0; i < net.N; i++)
        {
            var applicant = a0 + i;
            state.Assignment[applicant] = -1;
            for (var a = net.First[i]; a < net.First[i + 1] - 1; a++)
            {
                if (net.Cap[a] != 0) continue;
                var position = p0 + net.Head[a] - net.N;
                state.Assignment[applicant] = position;
                state.AssignedCost[applicant] = net.Cost[a];
                (state.Holders[position] ??= []).Add(applicant);
                state.Load[position]++;
                break;
            }
            // uᵢ = rowᵢ − B. A placed applicant's private option is free (potential 0: rowᵢ ≤ B); an unplaced one's is tight.
            state.DummyPotential[applicant] = state.Assignment[applicant] >= 0 ? 0 : state.Big - row[i];
        }
        for (var j = 0; j < net.M; j++) state.ColumnPotential[p0 + j] = -column[j];
    }

    public sealed class Stats
    {
        public long Pushes, Relabels, SinkRelabels, Refines, Updates, UpdateTicks, SinkTicks;
        public override string ToString() => $"refines {Refines} pushes {Pushes} relabels {Relabels} sink relabels {SinkRelabels} updates {Updates} update s {UpdateTicks / (double)System.Diagnostics.Stopwatch.Frequency:0.00} sink s {SinkTicks / (double)System.Diagnostics.Stopwatch.Frequency:0.00}";
    }

    public sealed class Network
    {
        public readonly int N, M, Nodes, T;
        public readonly int[] First, Head, Sister, Cap, Cost;
        public readonly long[] Price;
        public readonly int[] Excess, Current;
        public readonly long K; // cost multiplier: ε < 1 on K·c means optimal on c
        public readonly Stats S = new();

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
            var arcs = First[Nodes];
            Head = new int[arcs]; Sister = new int[arcs]; Cap = new int[arcs]; Cost = new int[arcs];
            var fill = new int[Nodes];
            Array.Copy(First, fill, Nodes);
            void Add(int u, int v, int cap, int cost)
            {
                int a = fill[u]++, b = fill[v]++;
                Head[a] = v; Sister[a] = b; Cap[a] = cap; Cost[a] = cost;
                Head[b] = u; Sister[b] = a; Cap[b] = 0; Cost[b] = -cost;
            }
            for (var i = 0; i < N; i++)
                for (var k = p.Start[a0 + i]; k < p.Start[a0 + i + 1]; k++) Add(i, N + p.Position[k] - p0, 1, p.Cost[k]);
            for (var i = 0; i < N; i++) Add(Src, i, 1, 0); // the applicant's last arc is the reverse of Src → i
            for (var j = 0; j < M; j++) Add(N + j, T, p.Capacity[p0 + j], 0);
            K = Nodes + 1;
            Price = new long[Nodes];
            Excess = new int[Nodes];
            Current = new int[Nodes];
        }

        public readonly int Src;
        public int Flow;

        /// <summary>Maximum flow Src → T: each applicant its cheapest position with room, then Dinic's blocking flows.</summary>
        public void MaxFlow()
        {
            for (var i = 0; i < N; i++)
            {
                int best = -1, bestCost = int.MaxValue;
                for (var a = First[i]; a < First[i + 1] - 1; a++)
                {
                    var j = Head[a];
                    var room = First[j + 1] - 1; // the position's arc to T
                    if (Cap[room] > 0 && Cost[a] < bestCost) { bestCost = Cost[a]; best = a; }
                }
                if (best < 0) continue;
                var toT = First[Head[best] + 1] - 1;
                var fromS = Sister[First[i + 1] - 1];
                foreach (var a in new[] { fromS, best, toT }) { Cap[a]--; Cap[Sister[a]]++; }
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
                        if (Cap[a] > 0 && level[Head[a]] < 0) { level[Head[a]] = level[v] + 1; queue[tail++] = Head[a]; }
                }
                if (level[T] < 0) break;
                for (var v = 0; v < Nodes; v++) Current[v] = First[v];
                while (true)
                {
                    var v = Src;
                    var depth = 0;
                    var found = false;
                    while (true)
                    {
                        if (v == T) { found = true; break; }
                        var advanced = false;
                        for (; Current[v] < First[v + 1]; Current[v]++)
                        {
                            var a = Current[v];
                            var w = Head[a];
                            if (Cap[a] > 0 && level[w] == level[v] + 1) { stack[depth++] = a; v = w; advanced = true; break; }
                        }
                        if (advanced) continue;
                        level[v] = -1;
                        if (depth == 0) break;
                        var back = stack[--depth];
                        v = Head[Sister[back]];
                        Current[v]++;
                    }
                    if (!found) break;
                    for (var d = 0; d < depth; d++) { var a = stack[d]; Cap[a]--; Cap[Sister[a]]++; }
                    Flow++;
                }
            }
        }

        public void Run(int alpha)
        {
            var sw0 = System.Diagnostics.Stopwatch.StartNew();
            MaxFlow();
            if (Environment.GetEnvironmentVariable("QADAM_CS_TRACE") == "1") Console.Error.WriteLine($"max flow {Flow} {sw0.Elapsed.TotalSeconds:0.00}s");
            long maxCost = 0;
            for (var a = 0; a < Cost.Length; a++) maxCost = Math.Max(maxCost, Math.Abs((long)Cost[a]));
            var eps = maxCost * K;
            do
            {
                eps = Math.Max(1, eps / alpha);
                var (p0, r0, sw) = (S.Pushes, S.Relabels, System.Diagnostics.Stopwatch.StartNew());
                Refine(eps);
                S.Refines++;
                if (Environment.GetEnvironmentVariable("QADAM_CS_TRACE") == "1") Console.Error.WriteLine($"eps {eps} pushes {S.Pushes - p0} relabels {S.Relabels - r0} {sw.Elapsed.TotalSeconds:0.00}s");
            } while (eps > 1);
        }

        private readonly Queue<int> active = new();

        private void Refine(long eps)
        {
            // Saturate every residual arc of negative reduced cost: the pseudo-flow is then 0-optimal.
            for (var v = 0; v < Nodes; v++)
            {
                var pv = Price[v];
                for (var a = First[v]; a < First[v + 1]; a++)
                {
                    var r = Cap[a];
                    if (r > 0 && Cost[a] * K + pv - Price[Head[a]] < 0)
                    {
                        Cap[a] = 0; Cap[Sister[a]] += r;
                        Excess[v] -= r; Excess[Head[a]] += r;
                    }
                }
            }
            for (var v = 0; v < Nodes; v++) Current[v] = First[v];
            GlobalUpdate(eps);
            for (var v = 0; v < Nodes; v++) if (Excess[v] > 0) active.Enqueue(v);
            sinceUpdate = 0;
            while (active.TryDequeue(out var v))
            {
                if (Excess[v] <= 0) continue;
                if (v == T) { var sw = System.Diagnostics.Stopwatch.StartNew(); Discharge(v, eps); S.SinkTicks += sw.ElapsedTicks; }
                else Discharge(v, eps);
                if (sinceUpdate > UpdateEvery * Nodes)
                {
                    GlobalUpdate(eps);
                    sinceUpdate = 0;
                }
            }
        }

        public static double UpdateEvery = double.Parse(Environment.GetEnvironmentVariable("QADAM_CS_UPD") ?? "0.5", System.Globalization.CultureInfo.InvariantCulture);
        private long sinceUpdate;
        private const int Limit = 1 << 16;
        private int[]? dist, bucketHead;
        private readonly List<long> entries = new(); // (node << 32) | next

        /// <summary>
        /// Goldberg's price update: d(v) = the fewest ε-steps from v to a deficit along residual arcs (an arc of reduced cost c
        /// counts ⌊c/ε⌋ + 1), found with buckets from the deficits backwards; every price is lowered by ε·d(v) (unscanned nodes by
        /// the level reached), which keeps ε-optimality and makes an admissible path from every excess towards a deficit.
        /// </summary>
        private void GlobalUpdate(long eps)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            try { GlobalUpdate0(eps); } finally { S.UpdateTicks += sw.ElapsedTicks; }
        }

        private void GlobalUpdate0(long eps)
        {
            S.Updates++;
            dist ??= new int[Nodes];
            bucketHead ??= new int[Limit];
            Array.Fill(dist, int.MaxValue);
            Array.Fill(bucketHead, -1);
            entries.Clear();
            var toReach = 0;
            for (var v = 0; v < Nodes; v++)
            {
                if (Excess[v] > 0) toReach++;
                else if (Excess[v] < 0) { dist[v] = 0; entries.Add(((long)v << 32) | (uint)bucketHead[0]); bucketHead[0] = entries.Count - 1; }
            }
            var level = 0;
            for (; level < Limit && toReach > 0; level++)
            {
                while (bucketHead[level] >= 0 && toReach > 0)
                {
                    var e = entries[bucketHead[level]];
                    bucketHead[level] = (int)(uint)e;
                    var v = (int)(e >> 32);
                    if (dist[v] != level) continue;
                    dist[v] = -1 - level; // scanned
                    if (Excess[v] > 0) toReach--;
                    var pv = Price[v];
                    for (var a = First[v]; a < First[v + 1]; a++)
                    {
                        var b = Sister[a];
                        if (Cap[b] == 0) continue;
                        var w = Head[a];
                        var dw = dist[w];
                        if (dw < 0) continue;
                        var rc = Cost[b] * K + Price[w] - pv;
                        var len = rc < 0 ? 0 : rc / eps + 1;
                        var nd = level + len;
                        if (nd >= dw || nd >= Limit) continue;
                        dist[w] = (int)nd;
                        entries.Add(((long)w << 32) | (uint)bucketHead[nd]);
                        bucketHead[nd] = entries.Count - 1;
                    }
                }
                if (toReach == 0) break;
            }
            for (var v = 0; v < Nodes; v++)
            {
                var d = dist[v] < 0 ? -1 - dist[v] : level;
                if (d > 0) { Price[v] -= eps * d; Current[v] = First[v]; }
            }
        }

        /// <summary>
        /// Exact duals of the optimum in the one-phase form (each applicant's "unplaced" arc to T at cost B): potentials d with
        /// c + d(u) − d(v) ≥ 0 on every residual arc, found by label correcting from the final prices (within one unit of
        /// feasible: the optimum has no negative cycle, so it ends). Returns each applicant's level d(T) − d(i) and each
        /// position's price d(T) − d(j), 0 for a position with room.
        /// </summary>
        public (long[] Row, long[] Column) Duals(long big)
        {
            var d = new long[Nodes];
            for (var v = 0; v < Nodes; v++) d[v] = Math.DivRem(Price[v], K) is var (q, r) && r < 0 ? q - 1 : q;
            var unplaced = new List<int>();
            for (var i = 0; i < N; i++) if (Cap[First[i + 1] - 1] == 0) unplaced.Add(i);
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
                    if (Cap[a] > 0 && Head[a] != Src) Relax(Head[a], d[u] + Cost[a]);
                if (u < N && Cap[First[u + 1] - 1] > 0) Relax(T, d[u] + big);   // placed: its unplaced arc is free
                if (u == T) foreach (var i in unplaced) Relax(i, d[T] - big);      // unplaced: the arc carries it, −B back
            }
            var row = new long[N];
            for (var i = 0; i < N; i++) row[i] = d[T] - d[i];
            var column = new long[M];
            for (var j = 0; j < M; j++) column[j] = Cap[First[N + j + 1] - 1] > 0 ? 0 : Math.Max(0, d[T] - d[N + j]);
            return (row, column);
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
                    if (Cap[a] == 0) continue;
                    var w = Head[a];
                    if (Cost[a] * K + pv - Price[w] >= 0) continue;
                    var delta = Math.Min(Excess[v], Cap[a]);
                    Cap[a] -= delta; Cap[Sister[a]] += delta;
                    Excess[v] -= delta;
                    var before = Excess[w];
                    Excess[w] += delta;
                    S.Pushes++;
                    if (before <= 0 && Excess[w] > 0) active.Enqueue(w);
                    if (Excess[v] == 0) break;
                }
                if (Excess[v] == 0) { Current[v] = a; return; }
                // Relabel: the highest price that leaves some residual arc at reduced cost −ε.
                var best = long.MinValue;
                var bestArc = -1;
                for (var b = First[v]; b < end; b++)
                {
                    if (Cap[b] == 0) continue;
                    var cand = Price[Head[b]] - Cost[b] * K;
                    if (cand > best) { best = cand; bestArc = b; }
                }
                if (bestArc < 0) throw new InvalidOperationException("a node with excess has no residual arc");
                Price[v] = best - eps;
                Current[v] = bestArc;
                S.Relabels++;
                sinceUpdate++;
                if (v == T) S.SinkRelabels++;
            }
        }
    }
}
