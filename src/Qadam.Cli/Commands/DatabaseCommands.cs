using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Qadam.Web.Features.Demo;
using Qadam.Web.Platform;

namespace Qadam.Cli.Commands;

public static class DatabaseCommands
{
    public static Command Migrate(Func<Microsoft.Extensions.Hosting.IHost> host, TextWriter output)
    {
        var migrate = new Command("migrate", "Create or upgrade the database schema and reference data.");
        migrate.SetAction(async (_, ct) =>
        {
            using var h = host();
            await QadamServices.MigrateAsync(h.Services, ct);
            await output.WriteLineAsync("Database is up to date.");
            return 0;
        });
        return migrate;
    }

    public static Command Seed(Func<Microsoft.Extensions.Hosting.IHost> host, TextWriter output)
    {
        var people = new Option<int>("--people") { Description = "How many synthetic people.", DefaultValueFactory = _ => 300 };
        var synthetic = new Option<int?>("--synthetic") { Description = "Add N synthetic people across the country (with consents and some scheme applications), for load tests; demo/development environments only." };
        var seed = new Command("seed", "Fill an empty database with demo data, or add --synthetic N people (demo/development environments only).");
        seed.Options.Add(people);
        seed.Options.Add(synthetic);
        seed.SetAction(async (parse, ct) =>
        {
            using var h = host();
            await QadamServices.MigrateAsync(h.Services, ct);
            await using var scope = h.Services.CreateAsyncScope();
            if (parse.GetValue(synthetic) is { } n)
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                var written = await scope.ServiceProvider.GetRequiredService<SyntheticSeeder>().SeedAsync(n, ct: ct);
                await output.WriteLineAsync($"{written} synthetic people seeded in {started.Elapsed.TotalSeconds:0.0} s.");
                return 0;
            }
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(parse.GetValue(people), ct);
            await output.WriteLineAsync(seeded ? "Demo data seeded." : "The database already has data; nothing seeded.");
            return 0;
        });
        return seed;
    }
}
