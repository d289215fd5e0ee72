using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Symbol.Orchestrator.Hosting;

namespace Symbol.Orchestrator.Web.Api;

/// <summary><c>/healthz</c> (the process serves) and <c>/readyz</c> (the host has started and caught up), for probes and supervisors.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Json(new HealthBody("ok"), ApiJson.Options));
        app.MapGet("/readyz", (WorkflowHost host) => host.Ready
            ? Results.Json(new HealthBody("ready"), ApiJson.Options)
            : Results.Json(new HealthBody("starting"), ApiJson.Options, statusCode: StatusCodes.Status503ServiceUnavailable));
    }
}

internal sealed record HealthBody(string Status);
