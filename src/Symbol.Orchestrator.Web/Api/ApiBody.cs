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
            return (null, ApiError.BadRequest($"the body is not the JSON expected{where}: {Plain(e.Message.Split(" Path:")[0])}"));
        }
    }

    // The serializer's words name .NET types ("could not be mapped to any .NET member contained in type '…+BackfillBody'",
    // "could not be converted to …"): a user of the API is told about the field, in the API's words.
    private static string Plain(string message)
    {
        if (message.IndexOf(" could not be mapped to any .NET member", StringComparison.Ordinal) is var cut and > 0)
            return message[..cut].Replace("The JSON property", "no such field:", StringComparison.Ordinal);
        // The type it names is often the body's own record, not the field's: no more can be said than this.
        return message.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal) ? "a value of the wrong type for this field" : message;
    }
}
