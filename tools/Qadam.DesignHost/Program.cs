Console.WriteLine("Design-time host for `dotnet ef`; not a runnable program.");
