using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>
/// Reads a request's JSON body, or the 400 that says what is wrong with it: an endpoint gets either, never an
/// exception (ASP.NET Core's own binding answers a bad body with an empty 400).
/// </summary>
internal static class ApiBody
{
    /// <summary>The body as <typeparamref name="T"/> (null when there is none), or the error to answer with.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context) where T : class
    {
        var request = context.Request;
        if (request.ContentLength == 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
            return (null, null);
        if (!request.HasJsonContentType())
            return (null, ApiError.BadRequest($"the body must be JSON (Content-Type: application/json), found '{request.ContentType}'"));
        try
        {
            return (await JsonSerializer.DeserializeAsync<T>(request.Body, ApiJson.Options, context.RequestAborted).ConfigureAwait(false), null);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } path ? $" at {path[2..]}" : "";
            return (null, ApiError.BadRequest($"the body is not the JSON expected{where}: {e.Message.Split(" Path:")[0]}"));
        }
    }
}
