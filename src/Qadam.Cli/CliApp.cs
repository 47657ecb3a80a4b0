using System.CommandLine;
using Qadam.Cli.Commands;

namespace Qadam.Cli;

/// <summary>Entry point, callable in-process by tests with configuration overrides and a captured output.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        output ??= Console.Out;
        Microsoft.Extensions.Hosting.IHost Host() => CliHost.Build(overrides);
        var root = new RootCommand("qadam — command-line tools for Qadam (same configuration and ./data as the web app).");
        root.Subcommands.Add(AuditCommands.Build(Host, output));
        root.Subcommands.Add(KeyCommands.Build(Host, output));
        root.Subcommands.Add(DatabaseCommands.Migrate(Host, output));
        root.Subcommands.Add(DatabaseCommands.Seed(Host, output));
        var config = new InvocationConfiguration { Output = output };
        try
        {
            return await root.Parse(args).InvokeAsync(config);
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync("qadam: " + e.Message);
            return 2;
        }
    }
}
