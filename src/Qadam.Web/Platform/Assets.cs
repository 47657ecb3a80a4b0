using System.Security.Cryptography;

namespace Qadam.Web.Platform;

/// <summary>
/// The one stylesheet, embedded in the assembly and served with a content hash in its URL, so it is
/// cached for a year and re-fetched only when it changes (weak connections), wherever the binary runs.
/// </summary>
public static class Assets
{
    private static readonly Lazy<(byte[] Bytes, string Hash)> Css = new(() =>
    {
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream("Qadam.Web.Assets.site.css")!;
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        var bytes = ms.ToArray();
        return (bytes, Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
    });

    public static string CssUrl => $"/assets/site.{Css.Value.Hash}.css";

    public static void MapAssets(this IEndpointRouteBuilder app) =>
        app.MapGet("/assets/site.{hash}.css", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(Css.Value.Bytes, "text/css; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
}
