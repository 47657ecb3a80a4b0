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
        ProblemDetails problem = exception switch
        {
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
            UnauthorizedAccessException => new ProblemDetails { Status = 401, Title = "Sign in first." },
            Pdf.ReportFontMissingException missing => new ProblemDetails { Status = 503, Title = "PDF export is not available on this server.", Detail = missing.Message },
            _ => new ProblemDetails { Status = 500, Title = "Something went wrong on our side. Nothing was saved." },
        };
        if (problem.Status == 500) log.LogError(exception, "Unhandled exception on {Path}", http.Request.Path);
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
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
