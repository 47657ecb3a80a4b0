using Microsoft.AspNetCore.Http.Features;

namespace Qadam.Web.Platform;

public sealed class RequestLimitsOptions
{
    public const string Section = "RequestLimits";
    /// <summary>Largest request body accepted, in bytes (imports will raise it on their own endpoints).</summary>
    public long MaxBodyBytes { get; set; } = 1_000_000;
    /// <summary>Largest upload of a data set (evaluation studies), in bytes.</summary>
    public long MaxUploadBytes { get; set; } = 50_000_000;
}

/// <summary>Refuses oversized bodies with 413 before anything reads them, whatever the server.</summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<RequestLimitsOptions> options)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path;
        var max = path.StartsWithSegments("/api/v1/evaluation") || path.StartsWithSegments("/Evaluation") ? options.Value.MaxUploadBytes : options.Value.MaxBodyBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = max;
        if (http.Request.ContentLength > max)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(title: "The request body is too large.", statusCode: 413).ExecuteAsync(http);
            return;
        }
        await next(http);
    }
}
