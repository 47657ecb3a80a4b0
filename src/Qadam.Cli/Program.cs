return await Qadam.Cli.CliApp.RunAsync(args);
