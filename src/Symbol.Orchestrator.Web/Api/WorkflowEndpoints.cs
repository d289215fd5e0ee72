using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Symbol.Orchestrator.Web.Api;

/// <summary><c>GET /api/workflows</c> and <c>GET /api/workflows/{name}</c>: the workflows loaded now, from the host's live catalog.</summary>
internal static class WorkflowEndpoints
{
    private const int DefaultCount = 10;
    private const int MaxCount = 1000;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/workflows", async (HostView host, CancellationToken ct) =>
        {
            var summaries = await host.SummariesAsync(host.Workflows.ToList(), ct).ConfigureAwait(false);
            return Results.Json(new WorkflowsDocument(summaries), ApiJson.Options);
        });

        api.MapGet("/workflows/{name}", async (string name, HttpRequest request, HostView host, CancellationToken ct) =>
        {
            var (count, bad) = QueryValues.Int(request, "count", DefaultCount, 1, MaxCount);
            if (bad is not null)
                return bad;
            if (host.Find(name) is not { } workflow)
                return ApiError.NotFound(host.Unknown(name));
            var summary = (await host.SummariesAsync([workflow], ct).ConfigureAwait(false))[0];
            return Results.Json(WorkflowDetail.From(summary, host.Preview(workflow, count), host.FileDiagnostics(workflow.Position.Path)), ApiJson.Options);
        });
    }
}

/// <summary><c>GET /api/workflows</c>: every workflow loaded now, sorted by name.</summary>
internal sealed record WorkflowsDocument(IReadOnlyList<WorkflowSummary> Workflows);
