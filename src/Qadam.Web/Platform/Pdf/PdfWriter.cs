using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Qadam.Web.Platform.Pdf;

/// <summary>
/// A small PDF 1.7 writer for reports: A4 pages, text in one embedded Unicode TrueType font (Identity-H with a
/// ToUnicode map, so Kazakh and Russian render and can be searched and copied), lines, rectangles and circles.
/// </summary>
public sealed class PdfWriter(TrueTypeFont font)
{
    public const double Width = 595.28, Height = 841.89, Margin = 50;
    private readonly List<StringBuilder> pages = [];
    private readonly SortedDictionary<ushort, int> used = [];
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private StringBuilder Page => pages.Count > 0 ? pages[^1] : NewPage();

    public StringBuilder NewPage() { pages.Add(new StringBuilder()); return pages[^1]; }

    public double TextWidth(string text, double size) => text.Sum(ch => (double)font.Width(font.Glyph(ch))) * size / 1000;

    public void Text(double x, double y, double size, string text, double gray = 0)
    {
        var hex = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var g = font.Glyph(rune.Value);
            used[g] = rune.Value;
            hex.Append(g.ToString("X4", C));
        }
        Page.Append(C, $"BT {gray:0.###} g /F1 {size:0.##} Tf {x:0.##} {Height - y:0.##} Td <{hex}> Tj ET\n");
    }

    /// <summary>Writes text wrapped to a width; returns the y below the last line.</summary>
    public double Paragraph(double x, double y, double width, double size, string text, double gray = 0)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && TextWidth(candidate, size) > width)
            {
                Text(x, y, size, line.ToString(), gray);
                y += size * 1.35;
                line.Clear().Append(word);
            }
            else line.Clear().Append(candidate);
        }
        if (line.Length > 0) { Text(x, y, size, line.ToString(), gray); y += size * 1.35; }
        return y;
    }

    public void Line(double x1, double y1, double x2, double y2, double width = 0.5, double gray = 0) =>
        Page.Append(C, $"{gray:0.###} G {width:0.##} w {x1:0.##} {Height - y1:0.##} m {x2:0.##} {Height - y2:0.##} l S\n");

    public void Rect(double x, double y, double w, double h, double gray) =>
        Page.Append(C, $"{gray:0.###} g {x:0.##} {Height - y - h:0.##} {w:0.##} {h:0.##} re f\n");

    public void Circle(double x, double y, double r, bool filled, double gray = 0)
    {
        const double k = 0.5523;
        var cy = Height - y;
        Page.Append(C, $"{gray:0.###} G {gray:0.###} g 0.8 w {x + r:0.##} {cy:0.##} m ");
        Page.Append(C, $"{x + r:0.##} {cy + k * r:0.##} {x + k * r:0.##} {cy + r:0.##} {x:0.##} {cy + r:0.##} c ");
        Page.Append(C, $"{x - k * r:0.##} {cy + r:0.##} {x - r:0.##} {cy + k * r:0.##} {x - r:0.##} {cy:0.##} c ");
        Page.Append(C, $"{x - r:0.##} {cy - k * r:0.##} {x - k * r:0.##} {cy - r:0.##} {x:0.##} {cy - r:0.##} c ");
        Page.Append(C, $"{x + k * r:0.##} {cy - r:0.##} {x + r:0.##} {cy - k * r:0.##} {x + r:0.##} {cy:0.##} c {(filled ? "f" : "S")}\n");
    }

    public byte[] Save(string title)
    {
        var objects = new List<byte[]>();
        int Add(byte[] body) { objects.Add(body); return objects.Count; }
        static byte[] A(string s) => Encoding.ASCII.GetBytes(s);
        static byte[] Stream(string dict, byte[] data)
        {
            var compressed = Deflate(data);
            return [.. A($"<< {dict} /Length {compressed.Length} /Filter /FlateDecode >>\nstream\n"), .. compressed, .. A("\nendstream")];
        }

        if (pages.Count == 0) NewPage();
        var catalog = Add([]);          // filled in below, once the page tree's number is known
        var pageTree = Add([]);
        var fontFile = Add(Stream($"/Length1 {font.Data.Length}", font.Data));
        var (x0, y0, x1, y1) = font.BoundingBox;
        int S(int v) => v * 1000 / font.UnitsPerEm;
        var descriptor = Add(A($"<< /Type /FontDescriptor /FontName /QadamSans /Flags 32 /FontBBox [{S(x0)} {S(y0)} {S(x1)} {S(y1)}] /ItalicAngle 0 " +
            $"/Ascent {S(font.Ascender)} /Descent {S(font.Descender)} /CapHeight {S(font.Ascender)} /StemV 80 /FontFile2 {fontFile} 0 R >>"));
        var widths = string.Join(" ", used.Keys.Select(g => $"{g} [{font.Width(g)}]"));
        var cid = Add(A($"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /QadamSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> " +
            $"/FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /DW 1000 /W [{widths}] >>"));
        var cmap = new StringBuilder("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def " +
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n");
        foreach (var chunk in used.Chunk(100))
        {
            cmap.Append(C, $"{chunk.Length} beginbfchar\n");
            foreach (var (g, cp) in chunk)
                cmap.Append(C, $"<{g:X4}> <{string.Concat(Encoding.BigEndianUnicode.GetBytes(char.ConvertFromUtf32(cp)).Select(b => b.ToString("X2", C)))}>\n");
            cmap.Append("endbfchar\n");
        }
        cmap.Append("endcmap CMapName currentdict /CMap defineresource pop end end");
        var toUnicode = Add(Stream("", Encoding.ASCII.GetBytes(cmap.ToString())));
        var type0 = Add(A($"<< /Type /Font /Subtype /Type0 /BaseFont /QadamSans /Encoding /Identity-H /DescendantFonts [{cid} 0 R] /ToUnicode {toUnicode} 0 R >>"));
        var kids = new List<int>();
        foreach (var page in pages)
        {
            var content = Add(Stream("", Encoding.ASCII.GetBytes(page.ToString())));
            kids.Add(Add(A($"<< /Type /Page /Parent {pageTree} 0 R /MediaBox [0 0 {Width.ToString(C)} {Height.ToString(C)}] " +
                $"/Resources << /Font << /F1 {type0} 0 R >> >> /Contents {content} 0 R >>")));
        }
        objects[pageTree - 1] = A($"<< /Type /Pages /Kids [{string.Join(" ", kids.Select(k => $"{k} 0 R"))}] /Count {kids.Count} >>");
        objects[catalog - 1] = A($"<< /Type /Catalog /Pages {pageTree} 0 R >>");
        var info = Add(A($"<< /Title <FEFF{string.Concat(Encoding.BigEndianUnicode.GetBytes(title).Select(b => b.ToString("X2", C)))}> /Producer (Qadam) >>"));

        using var ms = new MemoryStream();
        ms.Write(A("%PDF-1.7\n"));
        ms.Write([0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A]); // binary marker comment
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(ms.Position);
            ms.Write(A($"{i + 1} 0 obj\n"));
            ms.Write(objects[i]);
            ms.Write(A("\nendobj\n"));
        }
        var xref = ms.Position;
        var sb = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append(C, $"{o:D10} 00000 n \n");
        sb.Append(C, $"trailer\n<< /Size {objects.Count + 1} /Root {catalog} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        ms.Write(A(sb.ToString()));
        return ms.ToArray();
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
        return output.ToArray();
    }
}
