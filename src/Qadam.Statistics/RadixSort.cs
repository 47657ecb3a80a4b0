namespace Qadam.Statistics;

/// <summary>
/// Stable LSD radix sort of row indices by double keys (11-bit digits, 6 passes): O(n), and equal keys
/// keep ascending row order, which is exactly the tie rule the matching and eCDF code need.
/// </summary>
internal static class RadixSort
{
    public static int[] Order(double[] values, int[]? subset = null, bool descending = false)
    {
        var n = subset?.Length ?? values.Length;
        var keys = new ulong[n];
        var idx = new int[n];
        for (var k = 0; k < n; k++)
        {
            var i = subset is null ? k : subset[k];
            idx[k] = i;
            var bits = BitConverter.DoubleToUInt64Bits(values[i] == 0 ? 0.0 : values[i]); // −0 sorts as +0
            var key = (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
            keys[k] = descending ? ~key : key;
        }
        var tmpKeys = new ulong[n];
        var tmpIdx = new int[n];
        var count = new int[2048];
        for (var shift = 0; shift < 64; shift += 11)
        {
            Array.Clear(count);
            foreach (var key in keys) count[(int)((key >> shift) & 2047)]++;
            if (count[(int)((keys.Length > 0 ? keys[0] : 0) >> shift & 2047)] == n) continue; // every key shares this digit
            var sum = 0;
            for (var d = 0; d < 2048; d++) { var c = count[d]; count[d] = sum; sum += c; }
            for (var k = 0; k < n; k++)
            {
                var d = (int)((keys[k] >> shift) & 2047);
                var pos = count[d]++;
                tmpKeys[pos] = keys[k];
                tmpIdx[pos] = idx[k];
            }
            (keys, tmpKeys) = (tmpKeys, keys);
            (idx, tmpIdx) = (tmpIdx, idx);
        }
        return idx;
    }
}
