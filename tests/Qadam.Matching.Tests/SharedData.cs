namespace Qadam.Matching.Tests;

/// <summary>Reference instances live in ../shared/data beside the repository (or QADAM_SHARED_DATA); never copied in.</summary>
public static class SharedData
{
    public static string File(string name)
    {
        if (Environment.GetEnvironmentVariable("QADAM_SHARED_DATA") is { Length: > 0 } root) return Path.Combine(root, "matching", name);
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !Directory.Exists(Path.Combine(dir, "..", "shared", "data"))) dir = Path.GetDirectoryName(dir);
        return dir is null
            ? throw new DirectoryNotFoundException("shared/data not found beside the repository; set QADAM_SHARED_DATA to its path.")
            : Path.GetFullPath(Path.Combine(dir, "..", "shared", "data", "matching", name));
    }
}
