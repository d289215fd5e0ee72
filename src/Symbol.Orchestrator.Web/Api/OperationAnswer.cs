using Microsoft.AspNetCore.Http;
using Symbol.Orchestrator.Operations;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>
/// An operation's answer, or the error it was refused with: <see cref="OperationFailure.BadRequest"/> is 400,
/// <see cref="OperationFailure.NotFound"/> 404, <see cref="OperationFailure.Conflict"/> 409, each <c>{ "error": "…" }</c>.
/// </summary>
internal static class OperationAnswer
{
    public static async Task<IResult> Of(Func<Task<IResult>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (OperationException refused)
        {
            return refused.Failure switch
            {
                OperationFailure.NotFound => ApiError.NotFound(refused.Message),
                OperationFailure.Conflict => ApiError.Conflict(refused.Message),
                _ => ApiError.BadRequest(refused.Message),
            };
        }
    }

    /// <summary>202 with the run the host took on: it runs in the background, and <c>GET /api/runs/{id}</c> shows how it goes.</summary>
    public static IResult Accepted(string runId) =>
        Results.Json(new RunAccepted(runId), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
}

/// <summary>The answer to a trigger or a retry: the run's id, at once.</summary>
internal sealed record RunAccepted(string RunId);
