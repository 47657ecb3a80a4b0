using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Qadam.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    /// <summary><c>Sqlite</c> (embedded default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";
    /// <summary>Defaults to <c>Data Source=data/qadam.db</c> (relative to the working directory) for SQLite.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);

    public string EffectiveConnectionString =>
        ConnectionString ?? (IsPostgres ? throw new InvalidOperationException("Database:ConnectionString is required for PostgreSQL.") : "Data Source=data/qadam.db");

    public void Apply(DbContextOptionsBuilder builder)
    {
        if (IsPostgres)
            builder.UseNpgsql(EffectiveConnectionString, o => o.MigrationsAssembly("Qadam.Migrations.Postgres"));
        else
        {
            EnsureSqliteFolder(EffectiveConnectionString);
            builder.UseSqlite(EffectiveConnectionString, o => o.MigrationsAssembly("Qadam.Migrations.Sqlite"));
        }
        builder.ReplaceService<IModelCacheKeyFactory, QadamModelCacheKeyFactory>();
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
