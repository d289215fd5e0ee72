using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Reports;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>
/// The operations on a run (docs/api.md): <c>POST /api/runs/{id}/retry</c> and <c>/cancel</c>, done by the running host
/// (<see cref="HostOperations"/>) as the <c>retry</c> and <c>cancel</c> verbs do them.
/// </summary>
internal static class RunOperationsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/runs/{id}/retry", async (string id, HttpContext context, HostOperations host) =>
        {
            var (body, error) = await ApiBody.ReadAsync<RetryBody>(context).ConfigureAwait(false);
            if (error is not null)
                return error;
            if (body?.Job is { } job && string.IsNullOrWhiteSpace(job))
                return ApiError.BadRequest("job must name a job of the run (or a handler: \"on failure\"), not be blank");
            return await OperationAnswer.Of(async () =>
                OperationAnswer.Accepted((await host.RetryAsync(id, body?.Job).ConfigureAwait(false)).RunId)).ConfigureAwait(false);
        });

        api.MapPost("/runs/{id}/cancel", (string id, HostOperations host, HostView view) =>
            OperationAnswer.Of(async () =>
            {
                var run = await host.CancelAsync(id).ConfigureAwait(false);
                return Results.Json(await RunReport.LoadAsync(view.Store, run).ConfigureAwait(false), ApiJson.Options,
                    statusCode: StatusCodes.Status202Accepted);
            }));
    }

    /// <summary><c>{ "job": "name" }</c>, optional: that job and what is downstream of it, or a handler alone.</summary>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    private sealed record RetryBody(string? Job);
}
