using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Cli.Output;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Operations;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Verbs;

/// <summary>
/// <c>backfill WORKFLOW --from ISO --to ISO [--dry-run] [--param k=v]… [--no-wait]</c>: a run for each fire instant of the
/// workflow's schedules in [from, to] that has none, with the scheduled run id (so the schedule never fires it again, and a
/// second backfill adds nothing), queued oldest first in one write; then the host alive on the store runs them, or this
/// process does, within the workflow's <c>concurrency</c>. Exit 0 when every run succeeded, 1 when one did not.
/// </summary>
internal static class BackfillVerb
{
    public static Command Create(CliContext context)
    {
        var workflow = new Argument<string>("WORKFLOW") { Description = "The workflow, by name, in the workflows folder the configuration names." }.NotBlank();
        var from = CommonOptions.Time("--from", "The range's first instant, included: ISO 8601; without an offset, in the workflow's time zone; a date alone is its midnight.");
        from.Required = true;
        var to = CommonOptions.Time("--to", "The range's last instant, included, read as --from is; not in the future (the schedule runs the future).");
        to.Required = true;
        var dryRun = new Option<bool>("--dry-run") { Description = "List each fire instant with the run it already has, or 'new'; queue and run nothing." };
        var param = CommonOptions.Param();
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the runs are queued: the host on the store runs them, or the next host started, or the same backfill again." };
        var json = CommonOptions.Json();
        var run = new RunOptions();
        var command = new Command("backfill", "Run a workflow for each past fire instant in a range that has no run yet: on the running host, or here when none runs.")
        {
            workflow, from, to, dryRun, param, noWait, json,
        };
        run.AddTo(command);
        command.SetAction((parsed, ct) => RunAsync(
            new Request(parsed.GetRequiredValue(workflow), parsed.GetValue(from)!, parsed.GetValue(to)!, parsed.GetValue(dryRun), parsed.GetValue(param) ?? [],
                parsed.GetValue(noWait), parsed.GetValue(json)),
            run.RunnerServices(parsed, context), context, ct));
        return command;
    }

    private sealed record Request(string Workflow, string From, string To, bool DryRun, string[] Params, bool NoWait, bool Json);

    private static async Task<int> RunAsync(Request request, ServiceProvider? services, CliContext context, CancellationToken ct)
    {
        await using var disposing = services;
        if (services is null)
            return ExitCodes.Failed;
        var settings = services.GetRequiredService<IOptions<OrchestratorOptions>>().Value;
        if (FlowLoader.LoadWorkflow([settings.WorkflowsPath], request.Workflow, context, settings) is not { } workflow)
            return ExitCodes.Failed;
        if (Refused(request, workflow, context, out var from, out var to, out var instants) is { } exit)
            return exit;
        var stores = services.GetRequiredService<IStateStoreFactory>();
        // A host alive on the store runs what is queued; this process runs it only when none is.
        var host = request.DryRun ? null : stores.LiveHostOwner();
        var runHere = !request.DryRun && !request.NoWait && host is null;
        RunSession? session = null;
        IStateStore? store = null;
        try
        {
            if (runHere)
                store = (session = await RunSession.OpenAsync(services, context, request.Json, ct, jobLines: false))?.Store;
            // A dry run writes nothing: without a store, every instant is new.
            else if (!request.DryRun || stores.Exists)
                store = await StateAccess.OpenAsync(stores, context, ct);
            if (store is null && !(request.DryRun && !stores.Exists))
                return ExitCodes.Failed;
            var found = await Backfill.FindAsync(store, workflow.Name, instants, ct);
            if (request.DryRun)
                return DryRun(request, workflow, from, to, found, context);
            return await QueueAndRunAsync(request, workflow, from, to, found, store!, session, host, stores, context, ct);
        }
        finally
        {
            if (session is not null)
                await session.DisposeAsync();
            else if (store is not null)
                await store.DisposeAsync();
        }
    }

    /// <summary>
    /// Reads the range in the workflow's zone and finds its fire instants; or says why not and returns the exit code: 2 for a
    /// range wrong in itself (--to before --from, or in the future), 1 for one this workflow cannot take.
    /// </summary>
    private static int? Refused(Request request, WorkflowDefinition workflow, CliContext context, out DateTimeOffset from, out DateTimeOffset to,
        out IReadOnlyList<DateTimeOffset> instants)
    {
        instants = [];
        from = CommonOptions.ReadTime(request.From, workflow.TimeZone)!.Value;
        to = CommonOptions.ReadTime(request.To, workflow.TimeZone)!.Value;
        try
        {
            instants = Backfill.Instants(workflow, from, to, context.Time.GetUtcNow(), "--from", "--to");
            return null;
        }
        catch (OperationException e)
        {
            context.WriteError(e.Message);
            return e.Field is null ? ExitCodes.Failed : ExitCodes.Usage;
        }
    }

    private static int DryRun(Request request, WorkflowDefinition workflow, DateTimeOffset from, DateTimeOffset to, List<BackfillFire> found, CliContext context)
    {
        var existing = found.Count(i => i.Existing is not null);
        if (request.Json)
        {
            ReportJson.Write(context.Out, Report(workflow, from, to, dryRun: true, found.Select(i => Item(i, i.Existing is null ? "new" : null)), 0, existing, null, []));
            return ExitCodes.Ok;
        }
        context.Out.WriteLine(TerminalText.Escape($"backfill {workflow.Name}: {Count(found.Count, "fire instant")} from {Iso.Format(from)} to {Iso.Format(to)} (dry run: nothing is queued)"));
        foreach (var instant in found)
            context.Out.WriteLine(TerminalText.Escape($"  {Iso.Format(instant.At),-25}  {instant.RunId,-40}  {Status(instant.Existing) ?? "new"}"));
        context.Out.WriteLine($"would queue {Count(found.Count - existing, "run")} ({Count(existing, "instant")} already had one)");
        return ExitCodes.Ok;
    }

    private static async Task<int> QueueAndRunAsync(Request request, WorkflowDefinition workflow, DateTimeOffset from, DateTimeOffset to, List<BackfillFire> found,
        IStateStore store, RunSession? session, string? host, IStateStoreFactory stores, CliContext context, CancellationToken ct)
    {
        var (created, toRun) = await Backfill.QueueAsync(store, workflow, found, CommonOptions.ParamsJson(request.Params), ct);
        var existing = found.Count(i => i.Existing is not null);
        var progressOut = request.Json ? context.Error : context.Out;
        var stillQueued = found.Count(i => i.Existing is { IsQueued: true });
        progressOut.WriteLine(TerminalText.Escape($"queued {Count(created.Count, "run")} of {workflow.Name} ({Count(existing, "instant")} already had one"
                                                  + (stillQueued > 0 ? $", {stillQueued} of them still queued" : "") + ")"));

        IReadOnlyList<RunRecord> ended = [];
        var stopped = false;
        if (toRun.Count > 0)
        {
            if (request.NoWait)
                progressOut.WriteLine(TerminalText.Escape(host is not null
                    ? $"the host {host} runs them; `orchestrator runs --workflow {workflow.Name}` shows how they go"
                    : $"no host is running on this store: they wait for one (`orchestrator run`), or for this backfill again"));
            else
            {
                using var progress = new BackfillProgress(progressOut, toRun.Count, context.Live && !request.Json);
                if (session is not null)
                    ended = await BackfillRuns.RunHereAsync(session, workflow, toRun, progress, context, ct);
                else
                {
                    progressOut.WriteLine(TerminalText.Escape($"the host {host} runs them (Ctrl+C stops following them, not the runs)"));
                    ended = await BackfillRuns.FollowAsync(stores, store, workflow.Name, toRun, progress, context, ct);
                }
                stopped = ct.IsCancellationRequested;
                var outcomes = ended.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {EnumText.Name(g.Key)}");
                progressOut.WriteLine($"{Count(ended.Count, "run")} ended: {string.Join(", ", outcomes)}");
            }
        }
        if (request.Json)
        {
            var endedById = ended.ToDictionary(r => r.RunId, StringComparer.Ordinal);
            var (gone, now) = (stores.GoneHostOwners(), context.Time.GetUtcNow());
            var runs = toRun.Select(r => RunSummary.From(endedById.GetValueOrDefault(r.RunId) ?? r, gone, now)).ToArray();
            ReportJson.Write(context.Out, Report(workflow, from, to, dryRun: false,
                found.Select(i => Item(i, i.Existing is null || i.Existing.IsQueued ? "queued" : null)), created.Count, existing, host,
                runs));
        }
        var failed = stopped || ended.Any(r => r.Status != RunStatus.Succeeded) || (!request.NoWait && ended.Count < toRun.Count);
        return failed ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static BackfillReport Report(WorkflowDefinition workflow, DateTimeOffset from, DateTimeOffset to, bool dryRun, IEnumerable<BackfillInstant> instants,
        int queued, int existing, string? host, IReadOnlyList<RunSummary> runs) =>
        new(workflow.Name, Iso.Format(from), Iso.Format(to), dryRun, instants.ToArray(), queued, existing, host, runs);

    private static BackfillInstant Item(BackfillFire instant, string? status) =>
        new(Iso.Format(instant.At), instant.RunId, status ?? Status(instant.Existing)!);

    private static string? Status(RunRecord? run) => run is null ? null : run.IsQueued ? "queued" : EnumText.Name(run.Status);

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} {noun}s";
}
