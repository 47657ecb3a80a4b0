using System.Buffers.Binary;

namespace Qadam.Web.Platform.Pdf;

/// <summary>The parts of a TrueType font a PDF needs: Unicode → glyph id (cmap format 4), advance widths, metrics.</summary>
public sealed class TrueTypeFont
{
    private readonly Dictionary<int, ushort> glyphOf = [];
    private readonly ushort[] advance;

    public byte[] Data { get; }
    public int UnitsPerEm { get; }
    public short Ascender { get; }
    public short Descender { get; }
    public (short XMin, short YMin, short XMax, short YMax) BoundingBox { get; }

    public TrueTypeFont(byte[] data)
    {
        Data = data;
        var tables = new Dictionary<string, int>();
        var count = U16(4);
        for (var t = 0; t < count; t++)
        {
            var rec = 12 + 16 * t;
            tables[System.Text.Encoding.ASCII.GetString(data, rec, 4)] = (int)U32(rec + 8);
        }
        foreach (var required in new[] { "head", "hhea", "hmtx", "cmap", "maxp" })
            if (!tables.ContainsKey(required)) throw new InvalidDataException($"The font has no '{required}' table.");
        var head = tables["head"];
        UnitsPerEm = U16(head + 18);
        BoundingBox = (S16(head + 36), S16(head + 38), S16(head + 40), S16(head + 42));
        var hhea = tables["hhea"];
        Ascender = S16(hhea + 4);
        Descender = S16(hhea + 6);
        var metrics = U16(hhea + 34);
        var glyphs = U16(tables["maxp"] + 4);
        advance = new ushort[glyphs];
        for (var g = 0; g < glyphs; g++) advance[g] = U16(tables["hmtx"] + 4 * Math.Min(g, metrics - 1));
        ReadCmap(tables["cmap"]);
    }

    public ushort Glyph(int codePoint) => glyphOf.TryGetValue(codePoint, out var g) ? g : (ushort)0;

    /// <summary>Advance width in thousandths of the font size (PDF's glyph space).</summary>
    public int Width(ushort glyph) => advance[Math.Min(glyph, advance.Length - 1)] * 1000 / UnitsPerEm;

    private void ReadCmap(int cmap)
    {
        var subtables = U16(cmap + 2);
        var offset = -1;
        for (var s = 0; s < subtables; s++)
        {
            var rec = cmap + 4 + 8 * s;
            if (U16(rec) == 3 && U16(rec + 2) == 1) { offset = cmap + (int)U32(rec + 4); break; } // Windows, Unicode BMP
        }
        if (offset < 0 || U16(offset) != 4) throw new InvalidDataException("The font has no Unicode (format 4) character map.");
        var segments = U16(offset + 6) / 2;
        int ends = offset + 14, starts = ends + 2 * segments + 2, deltas = starts + 2 * segments, ranges = deltas + 2 * segments;
        for (var s = 0; s < segments; s++)
        {
            int end = U16(ends + 2 * s), start = U16(starts + 2 * s), delta = S16(deltas + 2 * s), rangeOffset = U16(ranges + 2 * s);
            if (start == 0xFFFF) break;
            for (var c = start; c <= end; c++)
            {
                int glyph;
                if (rangeOffset == 0) glyph = (c + delta) & 0xFFFF;
                else
                {
                    var at = ranges + 2 * s + rangeOffset + 2 * (c - start);
                    glyph = U16(at);
                    if (glyph != 0) glyph = (glyph + delta) & 0xFFFF;
                }
                if (glyph != 0) glyphOf[c] = (ushort)glyph;
            }
        }
    }

    private ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(Data.AsSpan(at));
    private short S16(int at) => BinaryPrimitives.ReadInt16BigEndian(Data.AsSpan(at));
    private uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan(at));
}
