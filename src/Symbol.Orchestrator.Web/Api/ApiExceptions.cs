using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>
/// No stack trace reaches a user: a request that fails is logged and answered <c>{ "error": "…" }</c> (503 when the
/// store cannot be read, 500 otherwise); an API answer with a status and no body (a method not allowed) gets one too.
/// </summary>
internal sealed class ApiExceptions(RequestDelegate next, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger("Symbol.Orchestrator.Web");

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null
                && context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                await ApiError.Of(context.Response.StatusCode, $"{context.Request.Method} {context.Request.Path}: {ReasonPhrases.GetReasonPhrase(context.Response.StatusCode).ToLowerInvariant()}")
                    .ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            _log.RequestFailed(e, context.Request.Method, context.Request.Path);
            var answer = e is StateStoreException
                ? ApiError.Unavailable($"the state store cannot be read: {FirstLine(e.Message)}")
                : ApiError.Of(StatusCodes.Status500InternalServerError, $"{context.Request.Method} {context.Request.Path} failed: {FirstLine(e.Message)}");
            await answer.ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd();
}
