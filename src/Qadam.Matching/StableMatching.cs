namespace Qadam.Matching;

/// <summary>
/// Who prefers whom. Defaults: an applicant prefers a lower pair cost (then the lower position index);
/// a position prefers a lower pair cost too (then the lower applicant index) — replace with the
/// employer's own ranking (e.g. skills held, distance) where the scheme has one.
/// </summary>
public sealed class Preferences(AssignmentProblem problem, Func<int, int, int, long>? positionKey = null)
{
    /// <summary>Smaller is better for the applicant.</summary>
    public long ApplicantKey(int applicant, int position, int cost) => (long)cost * problem.Positions + position;

    /// <summary>Smaller is better for the position.</summary>
    public long PositionKey(int position, int applicant, int cost) =>
        positionKey?.Invoke(position, applicant, cost) ?? (long)cost * problem.Applicants + applicant;
}

public sealed record BlockingPair(int Applicant, int Position);

/// <summary>Applicant-proposing deferred acceptance (Gale–Shapley with capacities), and the blocking pairs of any assignment.</summary>
public static class StableMatching
{
    public static AssignmentSolution Solve(AssignmentProblem p, Preferences prefs)
    {
        var order = new int[p.Pairs];
        for (var i = 0; i < p.Applicants; i++)
        {
            var idx = Enumerable.Range(p.Start[i], p.Start[i + 1] - p.Start[i]).OrderBy(k => prefs.ApplicantKey(i, p.Position[k], p.Cost[k])).ToArray();
            Array.Copy(idx, 0, order, p.Start[i], idx.Length);
        }
        var next = (int[])p.Start[..^1].Clone();
        var held = new PriorityQueue<int, long>[p.Positions]; // worst-first: the max key is dequeued when over capacity
        var assignment = Enumerable.Repeat(-1, p.Applicants).ToArray();
        var cost = new int[p.Applicants];
        var free = new Queue<int>(Enumerable.Range(0, p.Applicants));
        while (free.TryDequeue(out var i))
        {
            if (next[i] >= p.Start[i + 1]) continue; // exhausted its list: stays unplaced
            var k = order[next[i]++];
            var j = p.Position[k];
            if (p.Capacity[j] == 0) { free.Enqueue(i); continue; }
            var queue = held[j] ??= new PriorityQueue<int, long>(Comparer<long>.Create((a, b) => b.CompareTo(a)));
            queue.Enqueue(i, prefs.PositionKey(j, i, p.Cost[k]));
            assignment[i] = j;
            cost[i] = p.Cost[k];
            if (queue.Count > p.Capacity[j])
            {
                var rejected = queue.Dequeue();
                assignment[rejected] = -1;
                free.Enqueue(rejected);
            }
        }
        long total = 0;
        var placed = 0;
        for (var i = 0; i < p.Applicants; i++) if (assignment[i] >= 0) { placed++; total += cost[i]; }
        return new AssignmentSolution(assignment, placed, total, new long[p.Positions], new long[p.Applicants]);
    }

    /// <summary>
    /// Pairs (applicant, position) that would both rather have each other than what the assignment gives them:
    /// the applicant prefers the position to its own (or is unplaced), and the position has a free place or
    /// prefers the applicant to its least-preferred holder.
    /// </summary>
    public static IReadOnlyList<BlockingPair> BlockingPairs(AssignmentProblem p, int[] assignment, Preferences prefs)
    {
        var load = new int[p.Positions];
        var worst = Enumerable.Repeat(long.MinValue, p.Positions).ToArray();
        var ownKey = new long[p.Applicants];
        for (var i = 0; i < p.Applicants; i++)
        {
            ownKey[i] = long.MaxValue;
            var j = assignment[i];
            if (j < 0) continue;
            var k = Array.IndexOf(p.Position, j, p.Start[i], p.Start[i + 1] - p.Start[i]);
            load[j]++;
            worst[j] = Math.Max(worst[j], prefs.PositionKey(j, i, p.Cost[k]));
            ownKey[i] = prefs.ApplicantKey(i, j, p.Cost[k]);
        }
        var blocking = new List<BlockingPair>();
        for (var i = 0; i < p.Applicants; i++)
            for (var k = p.Start[i]; k < p.Start[i + 1]; k++)
            {
                var j = p.Position[k];
                if (j == assignment[i] || p.Capacity[j] == 0) continue;
                if (prefs.ApplicantKey(i, j, p.Cost[k]) >= ownKey[i]) continue;
                if (load[j] < p.Capacity[j] || prefs.PositionKey(j, i, p.Cost[k]) < worst[j]) blocking.Add(new BlockingPair(i, j));
            }
        return blocking;
    }
}
