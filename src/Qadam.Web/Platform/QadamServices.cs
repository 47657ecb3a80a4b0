using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qadam.Data;
using Qadam.Privacy;
using Qadam.Web.Platform.Auditing;

namespace Qadam.Web.Platform;

/// <summary>What the web host and the CLI share: configuration sources, options, keys, database and audit.</summary>
public static class QadamServices
{
    /// <summary>
    /// Configuration shipped beside the binaries is read first (lowest precedence), so the web app and the
    /// CLI see the same settings from any working directory; appsettings in the working directory and
    /// environment variables still override it. The database path stays relative to the working directory.
    /// </summary>
    public static void AddShippedConfiguration(IConfigurationManager configuration, string environmentName)
    {
        var baseDir = AppContext.BaseDirectory;
        configuration.Sources.Insert(0, Json(Path.Combine(baseDir, "appsettings.json")));
        configuration.Sources.Insert(1, Json(Path.Combine(baseDir, $"appsettings.{environmentName}.json")));

        static Microsoft.Extensions.Configuration.Json.JsonConfigurationSource Json(string path)
        {
            var source = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
            source.ResolveFileProvider();
            return source;
        }
    }

    public static IServiceCollection AddQadamCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.Section))
            .Validate(o => !o.Validate().Any(), "Privacy keys are missing or malformed (see Privacy:* settings).")
            .ValidateOnStart();
        services.AddSingleton(sp => new FieldCipher(sp.GetRequiredService<IOptions<PrivacyOptions>>().Value));
        services.AddSingleton(sp => new BlindIndex(sp.GetRequiredService<IOptions<PrivacyOptions>>().Value));
        services.AddSingleton<StampsInterceptor>();
        // Pooled (ADR 0019): setting up a context's internal services cost about a tenth of a search's server time.
        services.AddDbContextPool<QadamDbContext>((sp, o) =>
        {
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Apply(o);
            o.AddInterceptors(sp.GetRequiredService<StampsInterceptor>());
        });
        services.AddScoped<AuditLog>();
        services.AddSingleton<AuditChainer>();
        return services;
    }

    /// <summary>Refuses to run in production with missing or published development secrets.</summary>
    public static void EnsureProductionSecrets(IHostEnvironment environment, IConfiguration configuration)
    {
        if (IsDemoEnvironment(environment)) return;
        var privacy = configuration.GetSection(PrivacyOptions.Section).Get<PrivacyOptions>() ?? new PrivacyOptions();
        var problems = privacy.Validate().ToList();
        if (privacy.UsesPublicDevelopmentKeys)
            problems.Add("Privacy keys are the published development keys.");
        if (problems.Count > 0)
            throw new InvalidOperationException(
                $"Refusing to start in the '{environment.EnvironmentName}' environment with default or missing secrets: " +
                string.Join(" ", problems) + " Generate keys with `qadam keys new` and set them through configuration.");
    }

    public static bool IsDemoEnvironment(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Demo") || environment.IsEnvironment("Testing");

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
        await db.Database.MigrateAsync(ct);
        await ReferenceData.EnsureAsync(db, ct);
        // The migration that adds access keys leaves them empty: derive them once for the people already there (ADR 0014).
        if (!await db.PersonKeys.AnyAsync(ct) && await db.People.IgnoreQueryFilters().AnyAsync(ct))
            await PersonKeys.RebuildAllAsync(db.UseScope(AccessScope.System), db.Now, ct);
        // The migration that adds pairs of name words empties the name tokens: derive them again from the names.
        if (await NameTokenRebuild.NeededAsync(db, ct))
            await NameTokenRebuild.RebuildAsync(db.UseScope(AccessScope.System), scope.ServiceProvider.GetRequiredService<BlindIndex>(), ct);
    }
}
