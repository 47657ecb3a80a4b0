using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Features.Demo;
using Qadam.Web.Platform;

namespace Qadam.Cli;

/// <summary>The same configuration, keys and database as the web app (run from the same directory, it uses the same ./data).</summary>
public static class CliHost
{
    public static IHost Build(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment, ContentRootPath = Directory.GetCurrentDirectory(), Args = [],
        });
        QadamServices.AddShippedConfiguration(builder.Configuration, environment);
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        QadamServices.EnsureProductionSecrets(builder.Environment, builder.Configuration);
        builder.Services.AddQadamCore(builder.Configuration);
        builder.Services.AddSingleton<IAccessScopeSource, SystemAccessScope>();
        builder.Services.AddIdentityCore<AppUser>().AddRoles<AppRole>().AddEntityFrameworkStores<QadamDbContext>();
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddScoped<SyntheticSeeder>();
        // Reports (qadam report): the resources and the PDF font, as the web app has them.
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddOptions<Qadam.Web.Platform.Pdf.ReportOptions>().Bind(builder.Configuration.GetSection(Qadam.Web.Platform.Pdf.ReportOptions.Section));
        builder.Services.AddSingleton<Qadam.Web.Platform.Pdf.ReportFont>();
        return builder.Build();
    }
}
