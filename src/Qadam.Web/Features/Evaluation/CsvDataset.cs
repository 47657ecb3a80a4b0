using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Qadam.Statistics;

namespace Qadam.Web.Features.Evaluation;

/// <summary>A comparison data set from a CSV file (header row; comma, semicolon or tab separated; UTF-8).</summary>
public sealed class CsvDataset
{
    private readonly Dictionary<string, string[]> columns;

    private CsvDataset(Dictionary<string, string[]> columns, int rows) { this.columns = columns; Rows = rows; }

    public int Rows { get; }
    public IEnumerable<string> ColumnNames => columns.Keys;

    public static CsvDataset Read(TextReader reader)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true, TrimOptions = TrimOptions.Trim, BadDataFound = null };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
            throw new DatasetException("The file has no header row.");
        var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new DatasetException($"The column '{duplicate.Key}' appears twice in the header.");
        var values = header.Select(_ => new List<string>()).ToArray();
        while (csv.Read())
        {
            var line = csv.Parser.Row;
            if (csv.Parser.Count != header.Length)
                throw new DatasetException($"Line {line} has {csv.Parser.Count} fields; the header has {header.Length}.");
            for (var j = 0; j < header.Length; j++) values[j].Add(csv.GetField(j) ?? "");
        }
        if (values[0].Count == 0) throw new DatasetException("The file has a header but no data rows.");
        return new CsvDataset(header.Select((h, j) => (h, values[j].ToArray())).ToDictionary(x => x.h, x => x.Item2, StringComparer.Ordinal), values[0].Count);
    }

    public static CsvDataset Read(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(reader);
    }

    /// <summary>The same data set restricted to some rows.</summary>
    public CsvDataset Subset(IReadOnlyList<int> rows) =>
        new(columns.ToDictionary(c => c.Key, c => rows.Select(i => c.Value[i]).ToArray(), StringComparer.Ordinal), rows.Count);

    /// <summary>Only the given columns, as CSV text (what a study keeps of an upload).</summary>
    public string ToCsv(IEnumerable<string> names)
    {
        var keep = names.Distinct().ToList();
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var n in keep) csv.WriteField(n);
            csv.NextRecord();
            for (var i = 0; i < Rows; i++)
            {
                foreach (var n in keep) csv.WriteField(Text(n)[i]);
                csv.NextRecord();
            }
        }
        return writer.ToString();
    }

    public string[] Text(string name) =>
        columns.TryGetValue(name, out var v) ? v : throw new DatasetException($"No column '{name}'. Columns: {string.Join(", ", columns.Keys)}.");

    /// <summary>Numbers (invariant culture); an empty cell is missing (NaN), anything else that is not a number is an error.</summary>
    public double[] Numbers(string name)
    {
        var text = Text(name);
        var result = new double[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i].Length == 0 || text[i] is "NA" or "NaN") { result[i] = double.NaN; continue; }
            if (!double.TryParse(text[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]))
                throw new DatasetException($"Column '{name}', data row {i + 1}: the value is not a number.");
        }
        return result;
    }

    public bool IsNumeric(string name) => Text(name).All(v => v.Length == 0 || v is "NA" or "NaN" || double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    /// <summary>1/0, true/false, yes/no.</summary>
    public bool[] Flags(string name)
    {
        var text = Text(name);
        return text.Select((v, i) => v.ToLowerInvariant() switch
        {
            "1" or "true" or "yes" or "1.0" => true,
            "0" or "false" or "no" or "0.0" => false,
            _ => throw new DatasetException($"Column '{name}', data row {i + 1}: the value is not 0/1 (treated or not)."),
        }).ToArray();
    }

    /// <summary>Covariates as the engine takes them: numeric columns as numbers, others as categories.</summary>
    public IReadOnlyList<CovariateColumn> Covariates(IEnumerable<string> names) =>
        names.Select(n => IsNumeric(n) ? new CovariateColumn(n, Numbers(n)) : new CovariateColumn(n, Text: Text(n))).ToList();

    /// <summary>Cluster ids from any column (each distinct value one cluster).</summary>
    public int[] Clusters(string name)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        return Text(name).Select(v => ids.TryGetValue(v, out var id) ? id : ids[v] = ids.Count).ToArray();
    }

    // Messages name the column and row, never the cell's value: a mistaken upload must not copy personal data into errors.
}

public sealed class DatasetException(string message) : Exception(message);
