using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Qadam.Web.Features.Scheme;

/// <summary>A file that cannot be read as a table; <see cref="Code"/> is localised as Import.Error.{Code} with <see cref="Args"/>.</summary>
public sealed class ImportFormatException(string code, params object[] args) : Exception($"import.{code}")
{
    public string Code { get; } = code;
    public object[] Args { get; } = args;

    public string Localise(Microsoft.Extensions.Localization.IStringLocalizer l) =>
        string.Format(CultureInfo.CurrentCulture, l["Import.Error." + Code].Value, Args);
}

/// <summary>
/// Reads an uploaded CSV or XLSX into rows of text, within limits an attacker cannot stretch: the workbook's real
/// decompressed size is counted while inflating (not taken from the zip headers), the sheet is read as a stream
/// (OpenXmlReader) with a bound on columns, rows and cells, and a cell reference beyond the table is refused by name.
/// A CSV is UTF-8 (with or without BOM) or UTF-16 with BOM; Windows-1251, common for Russian spreadsheets, is detected and
/// read as such; any other encoding is refused with a message that says so.
/// </summary>
public static class TableReader
{
    public const int MaxRows = 20_000;
    public const int MaxColumns = 64;
    public const long MaxDecompressedBytes = 32 * 1024 * 1024;
    private const int MaxEntries = 200;

    static TableReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (string[] Headers, List<string[]> Rows, string? Encoding) Read(string fileName, byte[] content) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" or ".txt" => ReadCsv(content),
            ".xlsx" => ReadXlsx(content),
            _ => throw new ImportFormatException("FileType"),
        };

    private static (string[], List<string[]>, string?) ReadCsv(byte[] content)
    {
        var (text, encoding) = Decode(content);
        using var reader = new StringReader(text);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true, TrimOptions = TrimOptions.Trim, BadDataFound = null, MissingFieldFound = null };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader()) return ([], [], encoding);
        var headers = csv.HeaderRecord ?? [];
        if (headers.Length > MaxColumns) throw new ImportFormatException("TooManyColumns", MaxColumns);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            if (rows.Count == MaxRows) throw new ImportFormatException("TooManyRows", MaxRows);
            rows.Add(Enumerable.Range(0, headers.Length).Select(i => csv.GetField(i) ?? "").ToArray());
        }
        return (headers, rows, encoding);
    }

    /// <summary>UTF-8 unless the bytes say otherwise; null encoding name for UTF-8.</summary>
    internal static (string Text, string? Encoding) Decode(byte[] content)
    {
        if (content.Length >= 2 && (content[0], content[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
            return (new StreamReader(new MemoryStream(content), detectEncodingFromByteOrderMarks: true).ReadToEnd(), "UTF-16");
        var start = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content, start, content.Length - start), null);
        }
        catch (DecoderFallbackException)
        {
            // Windows-1251: Cyrillic letters are 0xC0–0xFF (and Ёё, Ққ… in 0x80–0xBF); text without them is something else.
            var high = content.Count(b => b >= 0x80);
            var cyrillic = content.Count(b => b >= 0xC0);
            if (high > 0 && cyrillic >= high * 0.6)
                return (System.Text.Encoding.GetEncoding(1251).GetString(content), "Windows-1251");
            throw new ImportFormatException("Encoding");
        }
    }

    private static (string[], List<string[]>, string?) ReadXlsx(byte[] content)
    {
        var (headers, rows) = ReadSheets(content, null).Values.FirstOrDefault();
        return (headers ?? [], rows ?? [], null);
    }

    /// <summary>
    /// Reads the named sheets of a workbook (null: the first sheet), each as a header row and rows, with the same limits as
    /// an import. A named sheet that is missing is simply absent from the result.
    /// </summary>
    public static Dictionary<string, (string[] Headers, List<string[]> Rows)> ReadSheets(byte[] content, IReadOnlyList<string>? names)
    {
        CheckArchive(content);
        try
        {
            using var doc = SpreadsheetDocument.Open(new MemoryStream(content), false);
            var wb = doc.WorkbookPart ?? throw new ImportFormatException("NoSheets");
            var sheets = wb.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            if (sheets.Count == 0) throw new ImportFormatException("NoSheets");
            var chosen = names is null ? [sheets[0]] : sheets.Where(s => names.Contains(s.Name?.Value ?? "", StringComparer.OrdinalIgnoreCase)).ToList();
            var shared = SharedStrings(wb);
            var result = new Dictionary<string, (string[], List<string[]>)>(StringComparer.OrdinalIgnoreCase);
            var cellCount = 0;
            foreach (var sheet in chosen)
            {
                var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
                var all = new List<string[]>();
                using var reader = OpenXmlReader.Create(part);
                while (reader.Read())
                {
                    if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
                    if (all.Count > MaxRows) throw new ImportFormatException("TooManyRows", MaxRows);
                    var row = (Row)reader.LoadCurrentElement()!;
                    var cells = new SortedDictionary<int, string>();
                    foreach (var c in row.Elements<Cell>())
                    {
                        if (++cellCount > (MaxRows + 1) * MaxColumns) throw new ImportFormatException("TooManyCells");
                        var col = c.CellReference?.Value is { } reference
                            ? ColumnIndex(reference) ?? throw new ImportFormatException("CellReference", Cut(reference))
                            : cells.Count == 0 ? 0 : cells.Keys.Max() + 1;
                        if (col >= MaxColumns) throw new ImportFormatException("CellOutsideTable", Cut(c.CellReference?.Value ?? ""), MaxColumns);
                        var raw = c.CellValue?.Text ?? c.InlineString?.InnerText ?? "";
                        cells[col] = c.DataType?.Value == CellValues.SharedString && int.TryParse(raw, out var si) && si >= 0 && si < shared.Count ? shared[si] : raw;
                    }
                    var width = cells.Count == 0 ? 0 : cells.Keys.Max() + 1;
                    all.Add(Enumerable.Range(0, width).Select(i => cells.GetValueOrDefault(i, "")).ToArray());
                }
                var headers = all.Count == 0 ? [] : all[0].Select(h => h.Trim()).Reverse().SkipWhile(string.IsNullOrEmpty).Reverse().ToArray();
                result[sheet.Name?.Value ?? ""] = (headers, all.Skip(1).ToList());
            }
            return result;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException)
        {
            throw new ImportFormatException("NotXlsx");
        }
    }

    private static List<string> SharedStrings(WorkbookPart wb)
    {
        var list = new List<string>();
        if (wb.SharedStringTablePart is not { } part) return list;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                if (list.Count > (MaxRows + 1) * MaxColumns) throw new ImportFormatException("TooManyCells");
                list.Add(((SharedStringItem)reader.LoadCurrentElement()!).InnerText);
            }
        return list;
    }

    /// <summary>Inflates every entry once, counting the bytes that really come out, before anything parses the workbook.</summary>
    private static void CheckArchive(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries) throw new ImportFormatException("NotXlsx");
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var s = entry.Open();
                int n;
                while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
                    if ((total += n) > MaxDecompressedBytes) throw new ImportFormatException("TooLarge", MaxDecompressedBytes / (1024 * 1024));
            }
        }
        catch (InvalidDataException) { throw new ImportFormatException("NotXlsx"); }
    }

    /// <summary>"AB12" → 27; null when the reference is not letters then digits, or lies beyond XFD (16,384 columns).</summary>
    internal static int? ColumnIndex(string reference)
    {
        var n = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            n = n * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (n > 16_384) return null;
        }
        if (i == 0 || i == reference.Length || !reference.AsSpan(i).ToString().All(char.IsAsciiDigit)) return null;
        return n - 1;
    }

    private static string Cut(string s) => Privacy.UnicodeText.Truncate(s, 12);
}
