using System.Security.Cryptography;

namespace Qadam.Web.Platform;

/// <summary>
/// The stylesheet and the one small script, embedded in the assembly and served with a content hash in their URLs, so
/// they are cached for a year and re-fetched only when they change (weak connections), wherever the binary runs. Being
/// files (never inline), they pass the Content-Security-Policy.
/// </summary>
public static class Assets
{
    private static readonly Lazy<(byte[] Bytes, string Hash)> Css = new(() => Load("Qadam.Web.Assets.site.css"));
    private static readonly Lazy<(byte[] Bytes, string Hash)> Js = new(() => Load("Qadam.Web.Assets.site.js"));

    private static (byte[] Bytes, string Hash) Load(string name)
    {
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream(name)!;
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        var bytes = ms.ToArray();
        return (bytes, Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
    }

    public static string CssUrl => $"/assets/site.{Css.Value.Hash}.css";
    public static string JsUrl => $"/assets/site.{Js.Value.Hash}.js";

    public static void MapAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assets/site.{hash}.css", (HttpContext http) => Serve(http, Css.Value.Bytes, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/assets/site.{hash}.js", (HttpContext http) => Serve(http, Js.Value.Bytes, "text/javascript; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext http, byte[] bytes, string type)
    {
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.Bytes(bytes, type);
    }
}
