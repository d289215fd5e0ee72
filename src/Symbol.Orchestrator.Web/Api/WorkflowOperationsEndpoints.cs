using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Operations;
using Symbol.Orchestrator.Reports;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>
/// The operations on a workflow (docs/api.md): <c>POST /api/workflows/{name}/trigger</c>, <c>/pause</c>, <c>/unpause</c> and
/// <c>/backfill</c>, done by the running host (<see cref="HostOperations"/>) with the rules of the verbs of the same names.
/// </summary>
internal static class WorkflowOperationsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/workflows/{name}/trigger", async (string name, HttpContext context, HostOperations host) =>
        {
            var (body, error) = await ApiBody.ReadAsync<TriggerBody>(context).ConfigureAwait(false);
            if (error is not null)
                return error;
            if (ParamsJson(body?.Params, out var paramsJson) is { } badParams)
                return badParams;
            return await OperationAnswer.Of(async () =>
                OperationAnswer.Accepted((await host.TriggerAsync(name, paramsJson, body?.Force ?? false).ConfigureAwait(false)).RunId)).ConfigureAwait(false);
        });

        api.MapPost("/workflows/{name}/pause", (string name, HostOperations host) => PauseAsync(name, true, host));
        api.MapPost("/workflows/{name}/unpause", (string name, HostOperations host) => PauseAsync(name, false, host));

        api.MapPost("/workflows/{name}/backfill", async (string name, HttpContext context, HostOperations host, HostView view) =>
        {
            var (body, error) = await ApiBody.ReadAsync<BackfillBody>(context).ConfigureAwait(false);
            if (error is not null)
                return error;
            if (body?.From is not { } from)
                return ApiError.BadRequest("from is required: the range's first instant, ISO 8601 (without an offset, in the workflow's time zone)");
            if (body.To is not { } to)
                return ApiError.BadRequest("to is required: the range's last instant, ISO 8601 (without an offset, in the workflow's time zone)");
            if (ParamsJson(body.Params, out var paramsJson) is { } badParams)
                return badParams;
            return await OperationAnswer.Of(async () =>
            {
                var outcome = await host.BackfillAsync(name, from, to, body.DryRun ?? false, paramsJson).ConfigureAwait(false);
                // A dry run is an answer; queued runs are work the host has taken on.
                return Results.Json(Report(outcome, outcome.DryRun ? null : host.Owner, view.Now), ApiJson.Options,
                    statusCode: outcome.DryRun ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
            }).ConfigureAwait(false);
        });
    }

    private static Task<IResult> PauseAsync(string name, bool pause, HostOperations host) =>
        OperationAnswer.Of(async () =>
        {
            var outcome = await host.SetPausedAsync(name, pause).ConfigureAwait(false);
            return Results.Json(new PauseReport(outcome.Workflow, outcome.Paused, outcome.Since is { } since ? Iso.Format(since) : null, outcome.Changed),
                ApiJson.Options);
        });

    // As `backfill --json --no-wait` writes it: every instant with its run, the counts, and the runs queued as they are now.
    private static BackfillReport Report(BackfillOutcome outcome, string? host, DateTimeOffset now) => new(
        outcome.Workflow.Name,
        Iso.Format(outcome.From),
        Iso.Format(outcome.To),
        outcome.DryRun,
        outcome.Instants.Select(i => new BackfillInstant(Iso.Format(i.At), i.RunId,
            !outcome.DryRun && i.Existing is null ? "queued" : Backfill.Status(i.Existing))).ToArray(),
        outcome.Queued,
        outcome.Instants.Count(i => i.Existing is not null),
        host,
        outcome.ToRun.Select(r => RunSummary.From(r, [], now)).ToArray());

    /// <summary>The params as JSON text for the run, or the 400 saying they are not an object of names to values.</summary>
    private static IResult? ParamsJson(JsonElement? parameters, out string? json)
    {
        json = null;
        if (parameters is not { } given || given.ValueKind == JsonValueKind.Null)
            return null;
        if (given.ValueKind != JsonValueKind.Object)
            return ApiError.BadRequest($"params must be a JSON object of names to values, as a workflow's params are (found {given.ValueKind.ToString().ToLowerInvariant()})");
        json = given.GetRawText();
        return null;
    }

    /// <summary><c>{ "params": { … }, "force": false }</c>, both optional; an unknown field is refused, so a typo is not silently ignored.</summary>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    private sealed record TriggerBody(JsonElement? Params, bool? Force);

    /// <summary><c>{ "from": ISO, "to": ISO, "dryRun": false, "params": { … } }</c>.</summary>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    private sealed record BackfillBody(string? From, string? To, bool? DryRun, JsonElement? Params);
}
