namespace Qadam.Matching;

/// <summary>CSAP v1 (shared/data/matching/README.md): "CSAP 1", "N M E", M capacities, then E triples "i j cost".</summary>
public static class CsapFormat
{
    public static AssignmentProblem Parse(ReadOnlySpan<byte> data)
    {
        var pos = 0;
        // Comment lines only at the top, '#' in column 1.
        while (pos < data.Length && data[pos] == (byte)'#')
        {
            var nl = data[pos..].IndexOf((byte)'\n');
            pos = nl < 0 ? data.Length : pos + nl + 1;
        }
        SkipSpace(data, ref pos);
        if (!data[pos..].StartsWith("CSAP"u8)) throw new FormatException("not a CSAP file (missing the CSAP magic word)");
        pos += 4;
        if (ReadInt(data, ref pos) != 1) throw new FormatException("unsupported CSAP version");
        var n = ReadInt(data, ref pos);
        var m = ReadInt(data, ref pos);
        var e = ReadInt(data, ref pos);
        var capacity = new int[m];
        for (var j = 0; j < m; j++) capacity[j] = ReadInt(data, ref pos);
        var applicant = new int[e];
        var position = new int[e];
        var cost = new int[e];
        var start = new int[n + 1];
        for (var k = 0; k < e; k++)
        {
            applicant[k] = ReadInt(data, ref pos);
            position[k] = ReadInt(data, ref pos);
            cost[k] = ReadInt(data, ref pos);
            if ((uint)applicant[k] >= (uint)n || (uint)position[k] >= (uint)m) throw new FormatException($"pair {k} is out of range");
            start[applicant[k] + 1]++;
        }
        for (var i = 0; i < n; i++) start[i + 1] += start[i];
        var fill = (int[])start.Clone();
        var pPos = new int[e];
        var pCost = new int[e];
        for (var k = 0; k < e; k++) { var at = fill[applicant[k]]++; pPos[at] = position[k]; pCost[at] = cost[k]; }
        return new AssignmentProblem(n, capacity, start, pPos, pCost);
    }

    private static void SkipSpace(ReadOnlySpan<byte> d, ref int pos)
    {
        while (pos < d.Length && d[pos] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') pos++;
    }

    private static int ReadInt(ReadOnlySpan<byte> d, ref int pos)
    {
        SkipSpace(d, ref pos);
        if (pos >= d.Length) throw new FormatException("unexpected end of file");
        var negative = d[pos] == (byte)'-';
        if (negative) pos++;
        var v = 0L;
        var digits = 0;
        while (pos < d.Length && (uint)(d[pos] - '0') <= 9) { v = v * 10 + (d[pos++] - '0'); digits++; }
        if (digits == 0 || v > int.MaxValue) throw new FormatException($"expected an integer at byte {pos}");
        return (int)(negative ? -v : v);
    }
}
