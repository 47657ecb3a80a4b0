namespace Qadam.Web.Platform.Pdf;

public sealed class ReportOptions
{
    public const string Section = "Reports";
    /// <summary>A Unicode TrueType font with Cyrillic and Kazakh letters (Debian: fonts-dejavu-core).</summary>
    public string FontPath { get; set; } = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
}

public sealed class ReportFontMissingException(string message) : Exception(message);

/// <summary>Loads the report font once; a missing font is a clear, recoverable error, not a crash.</summary>
public sealed class ReportFont(Microsoft.Extensions.Options.IOptions<ReportOptions> options)
{
    private readonly Lazy<TrueTypeFont?> font = new(() => File.Exists(options.Value.FontPath) ? new TrueTypeFont(File.ReadAllBytes(options.Value.FontPath)) : null);

    public TrueTypeFont? Font => font.Value;
    public string Path => options.Value.FontPath;
}
