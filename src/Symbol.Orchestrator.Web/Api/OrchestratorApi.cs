using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>
/// Every endpoint of docs/api.md, mapped here from one file per group: reads (workflows, runs, diagnostics), health,
/// sign-in; the operations (trigger, retry, cancel, pause, backfill) and the event stream add their own groups here.
/// </summary>
internal static class OrchestratorApi
{
    public static void MapOrchestratorApi(this IEndpointRouteBuilder app)
    {
        HealthEndpoints.Map(app);
        var api = app.MapGroup("/api");
        SessionEndpoints.Map(api);
        WorkflowEndpoints.Map(api);
        RunEndpoints.Map(api);
        DiagnosticsEndpoints.Map(api);
        ScheduleEndpoints.Map(api);
        WorkflowOperationsEndpoints.Map(api);
        RunOperationsEndpoints.Map(api);
        EventsEndpoint.Map(api);
        // Anything else under /api is an unknown endpoint, never the dashboard's page.
        api.Map("{**rest}", (HttpContext context) =>
            ApiError.NotFound($"no API endpoint {context.Request.Method} {context.Request.Path} (docs/api.md lists them)"));
    }
}
