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
        ConnectionString is null
            ? IsPostgres ? throw new InvalidOperationException("Database:ConnectionString is required for PostgreSQL.") : "Data Source=data/qadam.db"
            : IsPostgres ? WithPostgresDefaults(ConnectionString) : ConnectionString;

    /// <summary>
    /// PostgreSQL defaults, each unless the connection string sets it itself:
    /// <list type="bullet">
    /// <item>statements a connection sends repeatedly are prepared on the server (Npgsql's automatic preparation): every
    /// request sends the same few statements (account check, the use case's queries, the audit insert), and parsing and
    /// planning them each time was about a quarter of the database's CPU per audited creation;</item>
    /// <item>a connection going back to the pool is not reset (<c>No Reset On Close</c>): Qadam keeps no session state
    /// (its only lock is a transaction's <c>pg_advisory_xact_lock</c>; no <c>SET</c>, temporary tables or
    /// <c>LISTEN</c>), and the reset was five more statements for every connection a request opened.</item>
    /// </list>
    /// Measured in bench/README.md (creation under load).
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        // The keys as written (case-insensitive), so a value set to its default still counts as set.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Sets(string setting) => given.ContainsKey(setting) || given.ContainsKey(setting.Replace(" ", "", StringComparison.Ordinal));
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets("Max Auto Prepare"))
        {
            b.MaxAutoPrepare = 64;
            if (!Sets("Auto Prepare Min Usages")) b.AutoPrepareMinUsages = 2;
        }
        if (!Sets("No Reset On Close")) b.NoResetOnClose = true;
        return b.ConnectionString;
    }

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
