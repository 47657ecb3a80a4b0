using System.CommandLine;
using Qadam.Cli.Commands;

namespace Qadam.Cli;

/// <summary>Entry point, callable in-process by tests with configuration overrides and a captured output.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, IReadOnlyDictionary<string, string?>? overrides = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        Microsoft.Extensions.Hosting.IHost Host() => CliHost.Build(overrides);
        var root = new RootCommand("qadam — command-line tools for Qadam (same configuration and ./data as the web app).");
        root.Subcommands.Add(AuditCommands.Build(Host, output));
        root.Subcommands.Add(KeyCommands.Build(Host, output));
        root.Subcommands.Add(DatabaseCommands.Migrate(Host, output));
        root.Subcommands.Add(DatabaseCommands.Seed(Host, output));
        root.Subcommands.Add(AdminCommands.Organisation(Host, output));
        root.Subcommands.Add(AdminCommands.User(Host, output));
        root.Subcommands.Add(EvaluateCommand.Build(output, error));
        root.Subcommands.Add(MatchCommand.Build(output, error));
        root.Subcommands.Add(ReportCommand.Build(Host, output, error));
        var config = new InvocationConfiguration { Output = output, Error = error };
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
