using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Verbs;

/// <summary>
/// <c>pause WORKFLOW</c> and <c>unpause WORKFLOW</c>: set or clear the workflow's pause flag in the store and return.
/// A host running on the store reads the flag within a second and skips the workflow's fires while it is set;
/// manual triggers still run. Setting a flag that is already set is not an error: the workflow is where it was asked to be.
/// </summary>
internal static class PauseVerb
{
    public static Command Pause(CliContext context) => Create(context, pause: true);

    public static Command Unpause(CliContext context) => Create(context, pause: false);

    private static Command Create(CliContext context, bool pause)
    {
        var name = new Argument<string>("WORKFLOW") { Description = "The workflow, by the name its .flow file declares." }.NotBlank();
        var json = CommonOptions.Json();
        var run = new RunOptions();
        var command = pause
            ? new Command("pause", "Pause a workflow: a host running on the store skips its fires until it is unpaused; manual triggers still run.") { name, json }
            : new Command("unpause", "Unpause a workflow: its fires run again from its next fire, without catching up the paused time.") { name, json };
        run.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            await using var services = run.Services(parsed, context);
            return services is null ? ExitCodes.Failed : await RunAsync(parsed.GetRequiredValue(name), pause, parsed.GetValue(json), services, context, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(string workflow, bool pause, bool json, IServiceProvider services, CliContext context, CancellationToken ct)
    {
        var settings = services.GetRequiredService<IOptions<OrchestratorOptions>>().Value;
        var stores = services.GetRequiredService<IStateStoreFactory>();
        var folder = Folder(settings, context);
        var definition = folder.FindWorkflow(workflow);
        var inFolder = definition is not null || folder.Files.Any(f => f.Workflows.Contains(workflow));
        // A name the folder does not declare may still be one the store knows (its file was removed, or is elsewhere):
        // look there, but never create a store only to say the name is unknown.
        if (!inFolder && !stores.Exists)
        {
            context.WriteError(Unknown(workflow, settings, stores, folder, []));
            return ExitCodes.Failed;
        }
        await using var store = await StateAccess.OpenAsync(stores, context, ct);
        if (store is null)
            return ExitCodes.Failed;
        if (!inFolder && !await KnownAsync(store, workflow, ct))
        {
            context.WriteError(Unknown(workflow, settings, stores, folder, await StoreNamesAsync(store, ct)));
            return ExitCodes.Failed;
        }

        var now = context.Time.GetUtcNow();
        var changed = await store.SetPausedAsync(workflow, pause, now, ct);
        // A running host moved the watermark past each paused fire; without one nothing did, and the next start would
        // catch the paused time up. A workflow the store has never seen keeps no watermark, so that it starts from now.
        if (!pause && changed && await store.GetWatermarkAsync(workflow, ct) is not null)
            await store.AdvanceWatermarkAsync(workflow, now, ct);
        DateTimeOffset? since = pause && (await store.ListPausedAsync(ct)).TryGetValue(workflow, out var at) ? at : null;

        if (json)
            ReportJson.Write(context.Out, new PauseReport(workflow, pause, since is { } s ? Iso.Format(s) : null, changed));
        else if (pause)
            context.Out.WriteLine(TerminalText.Escape(
                $"{(changed ? $"paused {workflow}" : $"{workflow} was already paused (since {Iso.FormatSeconds(since!.Value)})")}: "
                + $"its fires are skipped until `orchestrator unpause {workflow}`; manual triggers still run"));
        else
            context.Out.WriteLine(TerminalText.Escape(
                $"{(changed ? $"unpaused {workflow}" : $"{workflow} was not paused")}: next fire {NextFire(definition, inFolder, settings, now)}"));
        return ExitCodes.Ok;
    }

    // The names the folder declares, files with errors included: a broken file's workflow can still be paused.
    private static FlowCompilation Folder(OrchestratorOptions settings, CliContext context) =>
        Directory.Exists(settings.WorkflowsPath) ? FlowLoader.Compile([settings.WorkflowsPath], context, settings) : new FlowCompilation([], []);

    private static async Task<bool> KnownAsync(IStateStore store, string workflow, CancellationToken ct) =>
        await store.GetWatermarkAsync(workflow, ct) is not null
        || (await store.ListPausedAsync(ct)).ContainsKey(workflow)
        || (await store.ListRunsAsync(workflow, 1, ct)).Count > 0;

    // What the store knows by name, for the did-you-mean: paused workflows and those of recent runs.
    private static async Task<IReadOnlyList<string>> StoreNamesAsync(IStateStore store, CancellationToken ct) =>
        (await store.ListPausedAsync(ct)).Keys.Concat((await store.ListRunsAsync(null, 200, ct)).Select(r => r.Workflow)).Distinct().ToList();

    private static string Unknown(string workflow, OrchestratorOptions settings, IStateStoreFactory stores, FlowCompilation folder, IReadOnlyList<string> storeNames)
    {
        var names = folder.Files.SelectMany(f => f.Workflows).Concat(storeNames).Distinct().ToList();
        var where = stores.Exists ? $"{settings.WorkflowsPath} nor in the store {stores.Location}" : settings.WorkflowsPath;
        return $"no workflow named '{workflow}' in {where}{DidYouMean.Suffix(workflow, names)}";
    }

    // The instant the host fires it next, in the workflow's zone as preview shows it; unpausing never fires the paused time.
    private static string NextFire(WorkflowDefinition? workflow, bool inFolder, OrchestratorOptions settings, DateTimeOffset now) =>
        workflow is null
            ? inFolder ? "unknown: its file has errors (orchestrator validate says which)" : $"none: it is not in {settings.WorkflowsPath}"
            : workflow.Schedule is null ? "none: it runs only when triggered"
            : workflow.Schedule.NextAfter(now) is { } next ? Iso.Format(TimeZoneInfo.ConvertTime(next, workflow.TimeZone))
            : "none: its schedule has no fire left";
}
