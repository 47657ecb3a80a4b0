namespace Qadam.IntegrationTests.Infrastructure;

/// <summary>Reference data lives in ../shared/data beside the repository; tests read it there, never from a copy.</summary>
public static class SharedData
{
    public static string File(string folder, string file)
    {
        if (Environment.GetEnvironmentVariable("QADAM_SHARED_DATA") is { Length: > 0 } root) return Path.Combine(root, folder, file);
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !Directory.Exists(Path.Combine(dir, "..", "shared", "data"))) dir = Path.GetDirectoryName(dir);
        return Path.GetFullPath(Path.Combine(dir ?? throw new DirectoryNotFoundException("shared/data not found beside the repository; set QADAM_SHARED_DATA to its path."), "..", "shared", "data", folder, file));
    }
}
