using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Symbol.Orchestrator.Reports;

namespace Symbol.Orchestrator.Web.Api;

/// <summary><c>GET /api/diagnostics</c>: the workflows folder as <c>validate --json</c> sees it now, each problem also as <c>path:line:column: message</c>.</summary>
internal static class DiagnosticsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/diagnostics", (HostView host) => host.Compilation is not { } compilation
            ? ApiError.Unavailable("the host has not compiled the workflows folder yet; try again in a moment")
            : Results.Json(new ValidateReport(!compilation.HasErrors, compilation.Files.Select(FileReport.WithText).ToArray()), ApiJson.Options));
    }
}
