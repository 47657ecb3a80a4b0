using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Qadam.Data;

/// <summary>
/// Inserts many rows of one entity type at once, outside the change tracker: PostgreSQL's binary COPY, or one prepared
/// INSERT per row on SQLite, inside the caller's transaction. Values pass through the model's own converters (so
/// encrypted columns are encrypted exactly as <see cref="DbContext.SaveChanges()"/> would, and dates are stored the same
/// way), computed in parallel. Store-generated keys (identity columns) are left to the database. The bulk writes of the
/// synthetic data set and of access keys use it; nothing here bypasses validation the entities already passed.
/// </summary>
public static class BulkWriter
{
    private sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping)
    {
        public object? Value(object entity)
        {
            var v = Property.PropertyInfo is { } pi ? pi.GetValue(entity) : Property.FieldInfo!.GetValue(entity);
            if (v is null) return null;
            return Mapping.Converter is { } c ? c.ConvertToProvider(v) : v;
        }

        /// <summary>PostgreSQL's type name without its facets ("character varying(64)" → "character varying").</summary>
        public string PgType => Mapping.StoreType.Split('(')[0];
    }

    public static async Task InsertAsync<T>(QadamDbContext db, IReadOnlyList<T> rows, CancellationToken ct = default) where T : class
    {
        if (rows.Count == 0) return;
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = type.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var columns = type.GetProperties()
            .Where(p => !(p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)) && (p.PropertyInfo is not null || p.FieldInfo is not null))
            .Select(p => new Column(p.GetColumnName(store)!, p, (RelationalTypeMapping)p.GetTypeMapping()))
            .ToArray();
        var values = rows.AsParallel().AsOrdered().Select(r => columns.Select(c => c.Value(r)).ToArray()).ToArray();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
            if (connection is NpgsqlConnection pg)
            {
                await using var importer = await pg.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)", ct);
                foreach (var row in values)
                {
                    await importer.StartRowAsync(ct);
                    for (var i = 0; i < columns.Length; i++)
                        if (row[i] is null) await importer.WriteNullAsync(ct);
                        else await importer.WriteAsync(row[i], columns[i].PgType, ct);
                }
                await importer.CompleteAsync(ct);
                return;
            }
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            var parameters = columns.Select((c, i) => c.Mapping.CreateParameter(command, "@p" + i, null, nullable: true)).ToArray();
            command.Parameters.AddRange(parameters);
            foreach (var row in values)
            {
                for (var i = 0; i < columns.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
