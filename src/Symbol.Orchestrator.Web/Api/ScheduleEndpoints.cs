using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Planning;
using Symbol.Orchestrator.Reports;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>
/// <c>GET /api/schedule?hours=24</c> (docs/api.md): the fires of every workflow in the coming hours, in one answer, for the
/// dashboard's timeline: one request whatever the number of workflows, not one each.
/// </summary>
internal static class ScheduleEndpoints
{
    private const int DefaultHours = 24;
    private const int MaxHours = 168;

    /// <summary>The most fires listed for one workflow; one firing more often in the window says so with <c>more</c>.</summary>
    public const int MaxFires = 1000;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/schedule", async (HttpRequest request, HostView host, CancellationToken ct) =>
        {
            var (hours, bad) = QueryValues.Int(request, "hours", DefaultHours, 1, MaxHours);
            if (bad is not null)
                return bad;
            var from = host.Now;
            var until = from.AddHours(hours);
            var paused = await host.Store.ListPausedAsync(ct).ConfigureAwait(false);
            var workflows = host.Workflows.Select(w => ScheduledWorkflow.From(w, host, until, paused.ContainsKey(w.Name))).ToList();
            return Results.Json(new ScheduleDocument(Iso.Format(from), Iso.Format(until), workflows), ApiJson.Options);
        });
}

/// <summary><c>GET /api/schedule</c>: the window, and each workflow's fires in it.</summary>
internal sealed record ScheduleDocument(string From, string Until, IReadOnlyList<ScheduledWorkflow> Workflows);

/// <summary>One workflow's fires from now to <c>until</c>, in its own zone, at most <see cref="ScheduleEndpoints.MaxFires"/>.</summary>
/// <param name="More">True when it fires more often than that in the window: the list stops before <c>until</c>.</param>
/// <param name="Dst">Of its next <see cref="ScheduleEndpoints.MaxFires"/> fires, in the window or after it, those a DST change moved or
/// merged: a daily job's next DST change is months ahead, and worth knowing before the night it happens.</param>
internal sealed record ScheduledWorkflow(
    string Name,
    string Timezone,
    IReadOnlyList<string> Schedules,
    IReadOnlyList<string> SchedulesInWords,
    bool Paused,
    IReadOnlyList<string> Fires,
    bool More,
    IReadOnlyList<DstReport> Dst)
{
    public static ScheduledWorkflow From(WorkflowDefinition workflow, HostView host, DateTimeOffset until, bool paused)
    {
        var preview = host.Preview(workflow, ScheduleEndpoints.MaxFires + 1);
        var inWindow = preview.Next.TakeWhile(f => f.At < until).ToList();
        var more = inWindow.Count > ScheduleEndpoints.MaxFires;
        var shown = inWindow.Take(ScheduleEndpoints.MaxFires).ToList();
        return new(
            workflow.Name,
            workflow.TimeZone.Id,
            workflow.Schedules.Select(s => s.Text).ToArray(),
            workflow.Schedules.Select(s => ScheduleWords.Describe(s.Text)).ToArray(),
            paused,
            shown.Select(f => Iso.Format(f.At)).ToArray(),
            more,
            DstReport.Of(preview.Next.Take(ScheduleEndpoints.MaxFires)));
    }
}
