using Npgsql;
using Qadam.Data;

namespace Qadam.Web.Tests.Platform;

public sealed class DatabaseOptionsTests
{
    [Fact]
    public void Postgres_PreparesRepeatedStatements_AndSkipsThePoolReset()
    {
        var options = new DatabaseOptions { Provider = "Postgres", ConnectionString = "Host=127.0.0.1;Port=5432;Username=qadam;Password='No Reset On Close'" };
        var b = new NpgsqlConnectionStringBuilder(options.EffectiveConnectionString);
        Assert.Equal(64, b.MaxAutoPrepare);
        Assert.Equal(2, b.AutoPrepareMinUsages);
        Assert.True(b.NoResetOnClose);
        Assert.Equal("No Reset On Close", b.Password);
        Assert.Equal(5432, b.Port);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;maxautoprepare=0;NoResetOnClose=false")]
    public void Postgres_KeepsWhatTheConnectionStringSets(string connectionString)
    {
        var options = new DatabaseOptions { Provider = "Postgres", ConnectionString = connectionString };
        var b = new NpgsqlConnectionStringBuilder(options.EffectiveConnectionString);
        Assert.Equal(0, b.MaxAutoPrepare);
        Assert.False(b.NoResetOnClose);
    }

    [Fact]
    public void Sqlite_ConnectionStringIsLeftAlone()
    {
        Assert.Equal("Data Source=x.db", new DatabaseOptions { ConnectionString = "Data Source=x.db" }.EffectiveConnectionString);
        Assert.Equal("Data Source=data/qadam.db", new DatabaseOptions().EffectiveConnectionString);
    }
}
