namespace Qadam.Matching;

/// <summary>
/// Exact solver for the lexicographic objective (most applicants placed, then least total cost).
/// Each applicant gets a private "unplaced" option of cost 0 while real pairs cost c − B, with
/// B = 1 + Σᵢ maxⱼ cᵢⱼ, so any extra placement outweighs any cost; applicants are then added one at a time
/// by a shortest augmenting path over reduced costs (Jonker–Volgenant style successive shortest paths,
/// potentials kept dual-feasible). The private option makes every row assignable, so each augmentation is
/// optimal for the rows added so far, including trading who is placed. Connected components are
/// independent and solved in parallel; results do not depend on scheduling.
/// </summary>
public static class CapacitatedAssignment
{
    public static AssignmentSolution Solve(AssignmentProblem problem)
    {
        var n = problem.Applicants;
        var m = problem.Positions;
        long big = 1;
        for (var i = 0; i < n; i++)
        {
            var max = 0;
            for (var k = problem.Start[i]; k < problem.Start[i + 1]; k++) max = Math.Max(max, problem.Cost[k]);
            big += max;
        }
        var state = Optimum(problem, big);

        long total = 0;
        var assigned = 0;
        var price = new long[m];
        var reservation = new long[n];
        for (var j = 0; j < m; j++) price[j] = -state.ColumnPotential[j];
        for (var i = 0; i < n; i++)
        {
            var j = state.Assignment[i];
            if (j >= 0)
            {
                assigned++;
                total += state.AssignedCost[i];
                reservation[i] = big - state.DummyPotential[i] >= 0 ? big - state.DummyPotential[i] : 0;
            }
            else reservation[i] = big - state.DummyPotential[i];
        }
        var rowLevel = new long[n];
        for (var i = 0; i < n; i++) rowLevel[i] = big + state.RowPotential(i);
        return new AssignmentSolution(state.Assignment, assigned, total, price, reservation) { RowLevel = rowLevel, ColumnLevel = price };
    }

    /// <summary>
    /// Components with at least this many applicants are solved by cost scaling (<see cref="CostScaling"/>): the shortest-path
    /// searches grow with a component's size, cost scaling about linearly (docs/decisions/0020-cost-scaling-for-national-components.md).
    /// </summary>
    internal const int CostScalingFrom = 20_000;

    /// <summary>Tests set it to send components of other sizes to cost scaling (0: all of them), for the calls in their own flow.</summary>
    internal static readonly AsyncLocal<int?> CostScalingFromOverride = new();

    /// <summary>
    /// The optimum with a placement weight <paramref name="big"/> (any value above 1 + Σᵢ maxⱼ cᵢⱼ gives the same
    /// assignment) and its duals: for every allowed pair cᵢⱼ − big − uᵢ − vⱼ ≥ 0, tight on the pairs used, where
    /// vⱼ = <see cref="State.ColumnPotential"/> (0 while a position has room, never above 0) and uᵢ is
    /// <see cref="State.RowPotential"/>. The network solver starts from it.
    /// </summary>
    internal static State Optimum(AssignmentProblem problem, long big)
    {
        var components = Components(problem);
        // Relabelled so that each component's applicants, positions and pairs are contiguous in memory (at national scale a
        // region's searches otherwise touch cache lines spread over the whole country's arrays). Order is kept within a
        // component, so every choice and tie-break is the same as on the original labels and the result is identical.
        var (local, applicantOf, positionOf, spans) = Relabel(problem, components);
        var state = new State(local, big);
        var costScalingFrom = CostScalingFromOverride.Value ?? CostScalingFrom;
        GreedyStart(state);
        Parallel.ForEach(spans, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => new Search(local.Applicants, local.Positions), (span, _, search) =>
        {
            if (span.End - span.Start >= costScalingFrom)
            {
                int first = int.MaxValue, last = -1;
                for (var k = local.Start[span.Start]; k < local.Start[span.End]; k++) { first = Math.Min(first, local.Position[k]); last = Math.Max(last, local.Position[k]); }
                // (No pairs: the applicant stays unplaced, as the searches would leave it.)
                if (last < 0 || CostScaling.SolveInto(state, span.Start, span.End, first, last + 1)) return search;
            }
            for (var applicant = span.Start; applicant < span.End; applicant++)
                if (state.Assignment[applicant] < 0) search.Add(state, applicant);
            return search;
        }, _ => { });
        return state.Back(problem, applicantOf, positionOf);
    }

    /// <summary>
    /// The problem with components' applicants and positions numbered consecutively (largest component first), each in
    /// its original relative order, and pairs in the same order per applicant; with the maps back to the original labels.
    /// </summary>
    private static (AssignmentProblem Local, int[] ApplicantOf, int[] PositionOf, List<(int Start, int End)> Spans) Relabel(AssignmentProblem p, List<int[]> components)
    {
        int n = p.Applicants, m = p.Positions;
        var applicantOf = new int[n];
        var positionOf = new int[m];
        var newPosition = Enumerable.Repeat(-1, m).ToArray();
        var spans = new List<(int, int)>(components.Count);
        int a = 0, b = 0;
        foreach (var component in components)
        {
            spans.Add((a, a + component.Length));
            foreach (var i in component) applicantOf[a++] = i;
            // The component's positions in ascending original order (the relative order GreedyStart's tie-break uses).
            var positions = new List<int>();
            foreach (var i in component)
                for (var k = p.Start[i]; k < p.Start[i + 1]; k++)
                    if (newPosition[p.Position[k]] == -1) { newPosition[p.Position[k]] = -2; positions.Add(p.Position[k]); }
            positions.Sort();
            foreach (var j in positions) { newPosition[j] = b; positionOf[b++] = j; }
        }
        // Positions no applicant can take (capacity unused): after every component.
        for (var j = 0; j < m; j++)
            if (newPosition[j] == -1) { newPosition[j] = b; positionOf[b++] = j; }
        var start = new int[n + 1];
        var position = new int[p.Pairs];
        var cost = new int[p.Pairs];
        for (var i = 0; i < n; i++)
        {
            var o = applicantOf[i];
            var at = start[i];
            for (var k = p.Start[o]; k < p.Start[o + 1]; k++, at++) { position[at] = newPosition[p.Position[k]]; cost[at] = p.Cost[k]; }
            start[i + 1] = at;
        }
        var capacity = new int[m];
        for (var j = 0; j < m; j++) capacity[j] = p.Capacity[positionOf[j]];
        return (new AssignmentProblem(n, capacity, start, position, cost, validated: true), applicantOf, positionOf, spans);
    }

    /// <summary>
    /// Each applicant whose cheapest allowed position (lowest index among equals) still has room takes it.
    /// With every potential at 0 this is dual-feasible — the taken pair is tight, every other pair of that
    /// applicant has non-negative reduced cost, free positions keep potential 0 — so it is an optimal start
    /// for the applicants placed, and the exact augmentations continue from it for everyone else.
    /// </summary>
    private static void GreedyStart(State s)
    {
        var p = s.P;
        for (var i = 0; i < p.Applicants; i++)
        {
            int best = -1, bestCost = int.MaxValue;
            for (var k = p.Start[i]; k < p.Start[i + 1]; k++)
                if (p.Cost[k] < bestCost || (p.Cost[k] == bestCost && p.Position[k] < best)) { bestCost = p.Cost[k]; best = p.Position[k]; }
            if (best < 0 || s.Load[best] >= p.Capacity[best]) continue;
            (s.Holders[best] ??= []).Add(i);
            s.Load[best]++;
            s.Assignment[i] = best;
            s.AssignedCost[i] = bestCost;
        }
    }

    /// <summary>Connected components of the applicant–position graph, applicants in ascending order within each.</summary>
    internal static List<int[]> Components(AssignmentProblem p)
    {
        var sets = new DisjointSets(p.Applicants + p.Positions);
        for (var i = 0; i < p.Applicants; i++)
            for (var k = p.Start[i]; k < p.Start[i + 1]; k++) sets.Union(i, p.Applicants + p.Position[k]);
        var groups = new Dictionary<int, List<int>>();
        for (var i = 0; i < p.Applicants; i++)
        {
            var r = sets.Find(i);
            if (!groups.TryGetValue(r, out var list)) groups[r] = list = [];
            list.Add(i);
        }
        // Largest first, so the parallel loop does not end waiting on one big component.
        return groups.Values.OrderByDescending(g => g.Count).Select(g => g.ToArray()).ToList();
    }

    /// <summary>Shared solution state; components touch disjoint parts of it.</summary>
    internal sealed class State
    {
        public readonly AssignmentProblem P;
        public readonly long Big;
        public readonly int[] Assignment;          // real position or −1 (= at its private dummy, or not yet added)
        public readonly long[] ColumnPotential;    // v_j of real positions
        public readonly long[] DummyPotential;     // v of each applicant's private dummy
        public readonly int[] Load;
        public readonly int[] AssignedCost;        // cost of each applicant's current real position
        public readonly List<int>[] Holders;        // applicants assigned to each position

        /// <summary>uᵢ: tight on the pair a placed applicant holds, or on an unplaced applicant's private option (whose cost is 0).</summary>
        public long RowPotential(int i) => Assignment[i] >= 0 ? AssignedCost[i] - Big - ColumnPotential[Assignment[i]] : -DummyPotential[i];

        /// <summary>The same state on the original labels of <paramref name="original"/> (this one's labels map back through the two arrays).</summary>
        public State Back(AssignmentProblem original, int[] applicantOf, int[] positionOf)
        {
            var s = new State(original, Big);
            for (var i = 0; i < P.Applicants; i++)
            {
                var o = applicantOf[i];
                s.Assignment[o] = Assignment[i] < 0 ? -1 : positionOf[Assignment[i]];
                s.DummyPotential[o] = DummyPotential[i];
                s.AssignedCost[o] = AssignedCost[i];
            }
            for (var j = 0; j < P.Positions; j++)
            {
                var o = positionOf[j];
                s.ColumnPotential[o] = ColumnPotential[j];
                s.Load[o] = Load[j];
                if (Holders[j] is { } holders) s.Holders[o] = holders.Select(h => applicantOf[h]).ToList();
            }
            return s;
        }

        public State(AssignmentProblem p, long big)
        {
            P = p;
            Big = big;
            Assignment = Enumerable.Repeat(-1, p.Applicants).ToArray();
            ColumnPotential = new long[p.Positions];
            DummyPotential = new long[p.Applicants];
            Load = new int[p.Positions];
            AssignedCost = new int[p.Applicants];
            Holders = new List<int>[p.Positions];
        }
    }

    /// <summary>Per-thread Dijkstra scratch space. Columns 0..M−1 are positions, M+i is applicant i's dummy.</summary>
    private sealed class Search(int n, int m)
    {
        private readonly long[] dist = new long[m + n];
        private readonly int[] seen = new int[m + n];       // epoch when dist was set
        private readonly bool[] done = new bool[m + n];
        private readonly int[] predRow = new int[m + n];    // applicant through which a column was reached
        private readonly int[] predCol = new int[n];        // column through which an applicant was reached
        private readonly int[] predCost = new int[m + n];   // cost of the pair that reached a column
        private readonly List<int> settled = [];
        private readonly PriorityQueue<int, long> heap = new();
        private int epoch;

        public void Add(State s, int start)
        {
            var p = s.P;
            epoch++;
            settled.Clear();
            heap.Clear();
            // Start row: its reduced costs need no potential of its own (a constant shift of every distance).
            for (var k = p.Start[start]; k < p.Start[start + 1]; k++)
                Relax(p.Position[k], p.Cost[k] - s.Big - s.ColumnPotential[p.Position[k]], start, p.Cost[k]);
            Relax(m + start, -s.DummyPotential[start], start, 0);

            int free;
            long freeDist;
            while (true)
            {
                if (!heap.TryDequeue(out var col, out var d)) throw new InvalidOperationException("no augmenting path (cannot happen: the dummy is always free)");
                if (done[col] || d != dist[col]) continue;
                done[col] = true;
                settled.Add(col);
                if (col >= m)
                {
                    // A dummy is free when its applicant is the start row or sits at a real position.
                    var owner = col - m;
                    if (owner == start || s.Assignment[owner] >= 0) { free = col; freeDist = d; break; }
                    continue;
                }
                if (s.Load[col] < p.Capacity[col]) { free = col; freeDist = d; break; }
                var vj = s.ColumnPotential[col];
                if (s.Holders[col] is not { } holders) continue; // capacity 0: a dead end
                foreach (var holder in holders)
                {
                    // holder's potential makes its matched edge tight: u = c − B − v_col.
                    long u = s.AssignedCost[holder] - s.Big - vj;
                    predCol[holder] = col;
                    for (var k = p.Start[holder]; k < p.Start[holder + 1]; k++)
                    {
                        var j = p.Position[k];
                        if (j == col) continue;
                        Relax(j, d + p.Cost[k] - s.Big - s.ColumnPotential[j] - u, holder, p.Cost[k]);
                    }
                    Relax(m + holder, d - s.DummyPotential[holder] - u, holder, 0);
                }
            }

            // Keep reduced costs non-negative: shift potentials of the columns settled before the free one.
            foreach (var c in settled)
            {
                if (c == free) continue;
                var delta = dist[c] - freeDist;
                if (c < m) s.ColumnPotential[c] += delta; else s.DummyPotential[c - m] += delta;
            }

            // Augment: walk back from the free column, moving each applicant one step along the path.
            var column = free;
            while (true)
            {
                var row = predRow[column];
                var previous = row == start ? -2 : predCol[row];
                Move(s, row, column, predCost[column]);
                if (row == start) break;
                column = previous;
            }
        }

        private static void Move(State s, int row, int column, int cost)
        {
            var m = s.P.Positions;
            var old = s.Assignment[row];
            if (old >= 0) { s.Holders[old].Remove(row); s.Load[old]--; }
            if (column < m)
            {
                (s.Holders[column] ??= []).Add(row);
                s.Load[column]++;
                s.Assignment[row] = column;
                s.AssignedCost[row] = cost;
            }
            else s.Assignment[row] = -1; // its own dummy: unplaced
        }

        private void Relax(int col, long d, int row, int cost)
        {
            if (seen[col] != epoch) { seen[col] = epoch; done[col] = false; dist[col] = long.MaxValue; }
            if (done[col] || d >= dist[col]) return;
            dist[col] = d;
            predRow[col] = row;
            predCost[col] = cost;
            heap.Enqueue(col, d);
        }
    }
}
