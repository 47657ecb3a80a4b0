using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Qadam.Data;
using Qadam.Privacy;

namespace Qadam.DesignHost;

/// <summary>
/// `dotnet ef migrations add X --project src/Qadam.Migrations.{Sqlite|Postgres} --startup-project tools/Qadam.DesignHost -- {Sqlite|Postgres}`.
/// The key only shapes converters (never used to encrypt anything here).
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<QadamDbContext>
{
    public QadamDbContext CreateDbContext(string[] args)
    {
        var provider = args.FirstOrDefault() ?? "Sqlite";
        var options = new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = provider == "Postgres" ? "Host=localhost;Database=qadam_design" : "Data Source=design.db",
        };
        var builder = new DbContextOptionsBuilder<QadamDbContext>();
        options.Apply(builder);
        var key = Convert.ToBase64String(new byte[32]);
        var cipher = new FieldCipher(new PrivacyOptions { ActiveKeyId = "design", Keys = { ["design"] = key }, BlindIndexKey = key });
        return new QadamDbContext(builder.Options, cipher);
    }
}
