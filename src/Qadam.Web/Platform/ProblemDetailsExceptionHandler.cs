using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Qadam.Domain;

namespace Qadam.Web.Platform;

/// <summary>The one place that maps failures to RFC 7807 problem details. Never echoes submitted values.</summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var status = StatusOf(exception);
        if (status == 503) http.Response.Headers.RetryAfter = "30";
        if (status == 500) log.LogError(exception, "Unhandled exception on {Path}", http.Request.Path);
        else if (status == 503) log.LogWarning("Database unavailable on {Path}: {Type}", http.Request.Path, exception.GetType().Name);
        // Pages are re-executed to the localised error page (ExceptionHandlingPath) with this status.
        // The middleware has already pointed Request.Path at /Error; the feature keeps the original.
        var path = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path;
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) && path != "/api") return false;
        ProblemDetails problem = exception switch
        {
            _ when status == 503 => new ProblemDetails { Status = 503, Title = "The database is not available right now. Try again shortly.", Extensions = { ["code"] = "database_unavailable" } },
            BadHttpRequestException { InnerException: JsonException json } => new ValidationProblemDetails(
                new Dictionary<string, string[]> { [FieldOf(json.Path)] = ["The value is not valid for this field."] })
            { Status = 400, Title = "The request body is not valid JSON for this operation." },
            BadHttpRequestException { StatusCode: 413 } => new ProblemDetails { Status = 413, Title = "The request body is too large." },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request is not valid.", Detail = SafeDetail(bad) },
            JsonException json => new ValidationProblemDetails(
                new Dictionary<string, string[]> { [FieldOf(json.Path)] = ["The value is not valid for this field."] })
            { Status = 400, Title = "The request body is not valid JSON for this operation." },
            DomainException domain => new ProblemDetails { Status = 409, Title = domain.Message, Extensions = { ["code"] = domain.Code } },
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => new ProblemDetails
                { Status = 409, Title = "The record was changed by someone else. Reload it and try again.", Extensions = { ["code"] = "concurrency" } },
            Security.ForbiddenException => new ProblemDetails { Status = 403, Title = "You are not allowed to do this.", Extensions = { ["code"] = "forbidden" } },
            UnauthorizedAccessException => new ProblemDetails { Status = 401, Title = "Sign in first." },
            Pdf.ReportFontMissingException missing => new ProblemDetails { Status = 503, Title = "PDF export is not available on this server.", Detail = missing.Message },
            _ => new ProblemDetails { Status = 500, Title = "Something went wrong on our side. Nothing was saved." },
        };
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    public static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");

    /// <summary>The status a failure answers with, for the API and for pages alike.</summary>
    public static int StatusOf(Exception exception) => exception switch
    {
        _ when IsDatabaseUnavailable(exception) => 503,
        BadHttpRequestException bad => bad.StatusCode,
        JsonException => 400,
        DomainException or Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => 409,
        Security.ForbiddenException => 403,
        UnauthorizedAccessException => 401,
        Pdf.ReportFontMissingException => 503,
        _ => 500,
    };

    /// <summary>A connection that cannot be opened (server down, refused, timed out) — not a bad query.</summary>
    internal static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is System.Net.Sockets.SocketException or TimeoutException
                || e is Npgsql.NpgsqlException { IsTransient: true } and not Npgsql.PostgresException
                || e is Npgsql.PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" }
                || e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 14 }) // SQLITE_CANTOPEN
                return true;
        return false;
    }

    /// <summary>"$.dateOfBirth" → "dateOfBirth"; the body itself → "body".</summary>
    internal static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }

    private static string SafeDetail(BadHttpRequestException bad) =>
        bad.Message.Contains("Content-Type", StringComparison.OrdinalIgnoreCase) ? "Send JSON with Content-Type: application/json." : "The request could not be read.";
}
