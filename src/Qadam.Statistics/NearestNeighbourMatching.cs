namespace Qadam.Statistics;

/// <summary>
/// Which nearest-neighbour routine (ADR 0010). <see cref="MatchIt451"/>: what R's MatchIt 4.5.1 does by default
/// (<c>nn_matchC_vec</c>): the nearest available control below the treated unit's score is taken whenever there is one,
/// because its comparison of the two candidates' distances truncates them to integers (always 0 for scores in (0, 1));
/// it ignores a caliper for the same reason. <see cref="NearestAvailable"/>: the classic greedy rule of MatchIt ≤ 4.5.0
/// and its documentation — the truly nearest available control, ties to the lowest row index, the caliper honoured.
/// </summary>
public enum MatchRule { NearestAvailable, MatchIt451 }

public sealed record MatchOptions(int Ratio = 1, bool Replace = false, double? CaliperSd = null, MatchRule Rule = MatchRule.NearestAvailable);

/// <param name="Weights">MatchIt's matching weights: 1 for matched treated; controls Σ 1/mₜ over the treated they serve,
/// scaled to sum to the number of distinct matched controls; 0 for the unmatched.</param>
/// <param name="Subclass">Pair (or 1:k set) id per unit, −1 when unmatched or when matching with replacement.</param>
public sealed record MatchResult(IReadOnlyList<(int Treated, int Control)> Pairs, double[] Weights, int[] Subclass,
    int MatchedTreated, int DistinctControls, int UnmatchedTreated, double? CaliperWidth);

/// <summary>
/// Greedy nearest-neighbour matching on a score, by one of two rules (<see cref="MatchRule"/>, ADR 0010).
/// <see cref="MatchRule.NearestAvailable"/> (the classic rule of MatchIt ≤ 4.5.0): treated units in descending score
/// order (stable), each takes the nearest still-available control by |Δscore|, ties to the lowest row index; controls
/// farther than the caliper are ineligible; with ratio k, matching goes in k rounds. <see cref="MatchRule.MatchIt451"/>:
/// MatchIt 4.5.1's default routine, step for step. Both O(n log n): path-compressed pointers skip what is used up, so
/// each step finds the next available control in near-constant time.
/// </summary>
public static class NearestNeighbourMatching
{
    public static MatchResult Match(double[] score, bool[] treated, MatchOptions options)
    {
        var n = score.Length;
        if (options.Ratio < 1) throw new StatisticsException("ratio", "The matching ratio must be at least 1.");
        if (options.Rule == MatchRule.MatchIt451) return MatchIt451(score, treated, options);
        double? caliper = options.CaliperSd is { } c ? c * StandardDeviation(score) : null;

        var treatedOrder = SortedBy(score, treated, true, descending: true);
        var controls = SortedBy(score, treated, false, descending: false);
        var pool = new ControlPool(score, controls);

        var matches = new List<int>[n];
        var pairs = new List<(int, int)>();
        var failed = new bool[n];
        for (var round = 0; round < options.Ratio; round++)
            foreach (var t in treatedOrder)
            {
                if (failed[t]) continue;
                var found = options.Replace ? pool.NearestKth(score[t], (matches[t]?.Count) ?? 0, caliper) : pool.TakeNearest(score[t], caliper);
                if (found < 0) { failed[t] = true; continue; }
                (matches[t] ??= []).Add(found);
                pairs.Add((t, found));
            }

        return Result(n, treatedOrder, controls, matches, pairs, options.Replace, caliper);
    }

    /// <summary>
    /// MatchIt 4.5.1's default routine, step for step: all units sorted by score (stable, so equal scores by row index);
    /// treated units in descending score order without replacement (MatchIt's <c>m.order = "largest"</c>), in data order
    /// with replacement (MatchIt forces <c>"data"</c> then); each takes the nearest available control to its left in the
    /// sorted order when one exists, else the nearest to its right; with ratio k, k rounds (where MatchIt means to skip the
    /// controls a unit already has, it skips the control one row after each of them — an off-by-one kept here, so with
    /// replacement a unit can take the same control again); with replacement a control serves at most as many treated
    /// units as there are. Matching stops when
    /// no control is left. A caliper is refused: MatchIt 4.5.1 would ignore it (MatchIt issue #163).
    /// </summary>
    private static MatchResult MatchIt451(double[] score, bool[] treated, MatchOptions options)
    {
        if (options.CaliperSd is not null)
            throw new StatisticsException("caliper_matchit", "MatchIt 4.5.1's default nearest-neighbour routine ignores a caliper (MatchIt issue #163), so nn cannot apply one: use nn-classic for matching within a caliper.");
        var n = score.Length;
        var all = Enumerable.Range(0, n).ToArray();
        var sorted = RadixSort.Order(score, all, descending: false); // sort.list(distance): stable ascending
        var position = new int[n];
        for (var p = 0; p < n; p++) position[sorted[p]] = p;
        var treatedOrder = options.Replace
            ? Enumerable.Range(0, n).Where(i => treated[i]).ToArray()
            : SortedBy(score, treated, true, descending: true);
        var controls = SortedBy(score, treated, false, descending: false);
        var n1 = treatedOrder.Length;
        var reuseMax = options.Replace ? n1 : 1;
        // Skip pointers over positions that hold no available control (treated units, used-up controls); path-compressed.
        var left = new int[n];
        var right = new int[n];
        var available = controls.Length;
        for (var p = 0; p < n; p++) left[p] = right[p] = p;
        void Remove(int p) { left[p] = p - 1; right[p] = p + 1; }
        int FindLeft(int p)
        {
            var root = p;
            while (root >= 0 && left[root] != root) root = left[root];
            while (p >= 0 && left[p] != p) { var nx = left[p]; left[p] = root; p = nx; }
            return root;
        }
        int FindRight(int p)
        {
            var root = p;
            while (root < n && right[root] != root) root = right[root];
            while (p < n && right[p] != p) { var nx = right[p]; right[p] = root; p = nx; }
            return root;
        }
        for (var p = 0; p < n; p++) if (treated[sorted[p]]) Remove(p);

        var times = new int[n];
        var matches = new List<int>[n];
        var pairs = new List<(int, int)>();
        for (var round = 0; round < options.Ratio && available > 0; round++)
            foreach (var t in treatedOrder)
            {
                var row = matches[t];
                var p = position[t];
                // MatchIt 4.5.1 skips a candidate already matched to this unit by comparing its 0-based row with the stored
                // 1-based rows: it really skips the control one row after each earlier match, and can take the same control
                // again (with replacement and ratio > 1). Reproduced as is.
                bool Skipped(int position) => row is not null && row.Contains(sorted[position] - 1);
                var l = FindLeft(p - 1);
                while (l >= 0 && Skipped(l)) l = FindLeft(l - 1);
                var r = FindRight(p + 1);
                while (r < n && Skipped(r)) r = FindRight(r + 1);
                int k;
                if (l >= 0 && r < n)
                    // C's abs(int): each distance is truncated to an integer before the comparison, as in MatchIt 4.5.1.
                    k = Math.Abs(Math.Truncate(score[sorted[l]] - score[t])) <= Math.Abs(Math.Truncate(score[sorted[r]] - score[t])) ? l : r;
                else if (l >= 0) k = l;
                else if (r < n) k = r;
                else continue;
                var control = sorted[k];
                (matches[t] ??= []).Add(control);
                pairs.Add((t, control));
                if (++times[control] >= reuseMax) { Remove(k); available--; }
                if (available == 0) break;
            }
        // Pair ids follow MatchIt's treated order (descending score) either way.
        return Result(n, options.Replace ? SortedBy(score, treated, true, descending: true) : treatedOrder, controls, matches, pairs, options.Replace, null);
    }

    private static MatchResult Result(int n, int[] treatedOrder, int[] controls, List<int>[] matches, List<(int, int)> pairs, bool replace, double? caliper)
    {
        var options = (Replace: replace, Caliper: caliper);
        var weights = new double[n];
        var subclass = Enumerable.Repeat(-1, n).ToArray();
        var pairId = 0;
        foreach (var t in treatedOrder)
        {
            if (matches[t] is not { Count: > 0 } list) continue;
            weights[t] = 1;
            if (!options.Replace) subclass[t] = pairId;
            foreach (var ctrl in list)
            {
                weights[ctrl] += 1.0 / list.Count;
                if (!options.Replace) subclass[ctrl] = pairId;
            }
            pairId++;
        }
        var distinct = 0;
        var controlWeight = 0.0;
        foreach (var i in controls) if (weights[i] > 0) { distinct++; controlWeight += weights[i]; }
        if (controlWeight > 0) foreach (var i in controls) weights[i] *= distinct / controlWeight;
        var matchedTreated = treatedOrder.Count(t => matches[t] is { Count: > 0 });
        return new MatchResult(pairs, weights, subclass, matchedTreated, distinct, treatedOrder.Length - matchedTreated, options.Caliper);
    }

    /// <summary>Units of one group ordered by score (ascending or descending), equal scores by ascending row index.</summary>
    private static int[] SortedBy(double[] score, bool[] treated, bool group, bool descending)
    {
        var members = new List<int>(score.Length);
        for (var i = 0; i < score.Length; i++) if (treated[i] == group) members.Add(i);
        return RadixSort.Order(score, [.. members], descending);
    }

    internal static double StandardDeviation(double[] values)
    {
        var mean = values.Average();
        var ss = 0.0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        return Math.Sqrt(ss / (values.Length - 1));
    }

    /// <summary>Controls grouped by identical score, ascending; within a group, ascending row index.</summary>
    private sealed class ControlPool
    {
        private readonly double[] value;     // distinct scores, ascending
        private readonly int[] start, end;   // group g holds sorted[start[g]..end[g])
        private readonly int[] next;         // next unused position inside each group
        private readonly int[] sorted;
        private readonly int[] left, right;  // skip pointers over empty groups (path-compressed)

        public ControlPool(double[] score, int[] sortedControls)
        {
            sorted = sortedControls;
            var values = new List<double>();
            var starts = new List<int>();
            for (var i = 0; i < sorted.Length; i++)
                if (i == 0 || score[sorted[i]] != score[sorted[i - 1]]) { values.Add(score[sorted[i]]); starts.Add(i); }
            value = [.. values];
            start = [.. starts];
            end = new int[value.Length];
            for (var g = 0; g < value.Length; g++) end[g] = g + 1 < value.Length ? start[g + 1] : sorted.Length;
            next = (int[])start.Clone();
            left = Enumerable.Range(0, value.Length).ToArray();
            right = Enumerable.Range(0, value.Length).ToArray();
        }

        /// <summary>Removes and returns the nearest available control, or −1 (none left, or none within the caliper).</summary>
        public int TakeNearest(double target, double? caliper)
        {
            var g = Choose(target, caliper);
            if (g < 0) return -1;
            var control = sorted[next[g]++];
            if (next[g] == end[g]) { left[g] = g - 1; right[g] = g + 1; }
            return control;
        }

        /// <summary>With replacement: the k-th nearest control (k = 0 for the nearest), controls never used up.</summary>
        public int NearestKth(double target, int k, double? caliper)
        {
            var hi = LowerBound(target);
            int l = hi - 1, r = hi, li = l >= 0 ? start[l] : 0, ri = r < value.Length ? start[r] : 0;
            for (var taken = 0; ; taken++)
            {
                var hasL = l >= 0;
                var hasR = r < value.Length;
                if (!hasL && !hasR) return -1;
                bool takeLeft;
                if (!hasR) takeLeft = true;
                else if (!hasL) takeLeft = false;
                else
                {
                    var dl = target - value[l];
                    var dr = value[r] - target;
                    takeLeft = dl < dr || (dl == dr && sorted[li] < sorted[ri]);
                }
                var d = takeLeft ? target - value[l] : value[r] - target;
                if (caliper is { } cal && d > cal) return -1;
                var control = takeLeft ? sorted[li] : sorted[ri];
                if (taken == k) return control;
                if (takeLeft) { if (++li == end[l]) { l--; if (l >= 0) li = start[l]; } }
                else { if (++ri == end[r]) { r++; if (r < value.Length) ri = start[r]; } }
            }
        }

        private int Choose(double target, double? caliper)
        {
            var hi = LowerBound(target);
            var l = FindLeft(hi - 1);
            var r = FindRight(hi);
            if (l < 0 && r >= value.Length) return -1;
            int g;
            if (r >= value.Length) g = l;
            else if (l < 0) g = r;
            else
            {
                var dl = target - value[l];
                var dr = value[r] - target;
                g = dl < dr || (dl == dr && sorted[next[l]] < sorted[next[r]]) ? l : r;
            }
            var distance = Math.Abs(target - value[g]);
            return caliper is { } c && distance > c ? -1 : g;
        }

        private int LowerBound(double target)
        {
            int lo = 0, hi = value.Length;
            while (lo < hi) { var mid = (lo + hi) >>> 1; if (value[mid] < target) lo = mid + 1; else hi = mid; }
            return lo;
        }

        private int FindLeft(int g)
        {
            var root = g;
            while (root >= 0 && left[root] != root) root = left[root];
            while (g >= 0 && left[g] != g) { var nx = left[g]; left[g] = root; g = nx; }
            return root;
        }

        private int FindRight(int g)
        {
            var root = g;
            while (root < value.Length && right[root] != root) root = right[root];
            while (g < value.Length && right[g] != g) { var nx = right[g]; right[g] = root; g = nx; }
            return root;
        }
    }
}
