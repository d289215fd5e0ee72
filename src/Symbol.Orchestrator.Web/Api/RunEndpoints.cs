using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Web.Api;

/// <summary><c>GET /api/runs</c> (filtered, paged by cursor) and <c>GET /api/runs/{id}</c> (as <c>show --json</c>, plus its graph's edges), from the host's store.</summary>
internal static class RunEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/runs", async (HttpRequest request, HostView host, CancellationToken ct) =>
        {
            var (limit, bad) = QueryValues.Int(request, "limit", DefaultLimit, 1, MaxLimit);
            if (bad is not null)
                return bad;
            RunStatus? status = null;
            if (QueryValues.Text(request, "status") is { } statusText)
            {
                if (!EnumText.TryParse<RunStatus>(statusText, out var parsed))
                    return ApiError.BadRequest($"status must be one of {string.Join(", ", Enum.GetValues<RunStatus>().Select(EnumText.Name))} (found {statusText})");
                status = parsed;
            }
            RunCursor? before = null;
            if (QueryValues.Text(request, "before") is { } cursorText && (before = RunsPage.ReadCursor(cursorText)) is null)
                return ApiError.BadRequest($"before must be a cursor a page of runs gave as its next (found {cursorText})");
            // The workflow filter takes any name: a workflow removed from the folder still has its history.
            var workflow = QueryValues.Text(request, "workflow");
            // One more than asked says whether an older page exists.
            var runs = await host.Store.ListRunsPageAsync(workflow, status, limit + 1, before, ct).ConfigureAwait(false);
            var page = runs.Take(limit).ToArray();
            var now = host.Now;
            return Results.Json(new RunsPage(
                page.Select(r => RunSummary.From(r, [], now)).ToArray(),
                runs.Count > limit ? RunsPage.Cursor(RunCursor.After(page[^1])) : null), ApiJson.Options);
        });

        api.MapGet("/runs/{id}", async (string id, HostView host, CancellationToken ct) =>
        {
            if (await host.Store.GetRunAsync(id, ct).ConfigureAwait(false) is not { } run)
                return ApiError.NotFound($"no run {id}{await NearRunAsync(host, id, ct).ConfigureAwait(false)}");
            var report = await RunReport.LoadAsync(host.Store, run).ConfigureAwait(false);
            return Results.Json(report with { Edges = Edges(run) }, ApiJson.Options);
        });
    }

    // The edges of the definition the run ran with; a definition that no longer compiles (an older build's) draws no edges.
    private static IReadOnlyList<IReadOnlyList<string>> Edges(RunRecord run)
    {
        try
        {
            return WorkflowDetail.EdgesOf(RunDefinition.Load(run, CompileOptions.Default(run.ScheduledAt)));
        }
        catch (InvalidOperationException)
        {
            return [];
        }
    }

    // A mistyped id is most often a scheduled run's id with a wrong instant: suggest among its workflow's newest runs.
    private static async Task<string> NearRunAsync(HostView host, string id, CancellationToken ct)
    {
        var workflow = id.Split('@')[0];
        var recent = await host.Store.ListRunsPageAsync(workflow, null, 100, null, ct).ConfigureAwait(false);
        return Language.Diagnostics.DidYouMean.Closest(id, recent.Select(r => r.RunId)) is { } near ? $"; did you mean {near}?" : "";
    }
}
