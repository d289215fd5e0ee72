using Microsoft.AspNetCore.Http;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>The API's errors (docs/api.md): <c>{ "error": "…" }</c>, one line that says what and why.</summary>
internal static class ApiError
{
    public static IResult BadRequest(string message) => Of(StatusCodes.Status400BadRequest, message);

    public static IResult Unauthorized(string message) => Of(StatusCodes.Status401Unauthorized, message);

    public static IResult Forbidden(string message) => Of(StatusCodes.Status403Forbidden, message);

    public static IResult NotFound(string message) => Of(StatusCodes.Status404NotFound, message);

    public static IResult Conflict(string message) => Of(StatusCodes.Status409Conflict, message);

    public static IResult Unavailable(string message) => Of(StatusCodes.Status503ServiceUnavailable, message);

    public static IResult Of(int status, string message) => Results.Json(new ErrorBody(message), ApiJson.Options, statusCode: status);
}

/// <summary>The body of every error answer.</summary>
internal sealed record ErrorBody(string Error);
