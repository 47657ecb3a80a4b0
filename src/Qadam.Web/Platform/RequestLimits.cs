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

/// <summary>
/// The API reads JSON (and multipart form data for file uploads): a body in any other content type is answered 415
/// before routing, rather than falling through to the unknown-route 404.
/// </summary>
public sealed class ApiContentTypeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.Path.StartsWithSegments("/api") && (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
            && request.ContentType is { } type && !IsAccepted(type))
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return Results.Problem(title: "Send JSON with Content-Type: application/json (multipart/form-data for file uploads).", statusCode: 415,
                extensions: new Dictionary<string, object?> { ["code"] = "unsupported_media_type" }).ExecuteAsync(http);
        }
        return next(http);
    }

    private static bool IsAccepted(string contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("application/problem+json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
