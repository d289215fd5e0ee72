using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Planning;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Verbs;

/// <summary>
/// <c>preview PATH</c>: a dry run of each workflow (schedules, zone, next fires with DST notes, job layers,
/// catch-up runs). Pure: it computes from the compiled files and the clock, runs nothing and writes nothing; it reads the
/// store, when there is one, only to mark paused workflows.
/// </summary>
internal static class PreviewVerb
{
    private const int DefaultCount = 10;
    // With --until and no --count, every fire up to --until, within reason.
    private const int UntilCount = 10_000;

    public static Command Create(CliContext context)
    {
        var paths = CommonOptions.Paths(".flow files, or folders (every *.flow below them).");
        var count = new Option<int?>("--count")
        {
            Description = $"How many fires per workflow (default {DefaultCount}; with --until, all up to it, at most {UntilCount}).",
            HelpName = "N",
            // Parsed here rather than validated afterwards: a validator that reads a value which failed to convert throws.
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                    return n;
                result.AddError($"--count must be a whole number, 0 or more; found '{text}'");
                return null;
            },
        };
        var from = CommonOptions.Time("--from", "The instant the preview starts from, i.e. the host starts at (default now). Without an offset: the workflow's zone.");
        var until = CommonOptions.Time("--until", "No fire after this instant.");
        var downSince = CommonOptions.Time("--down-since", "The host was down since this instant: show the catch-up runs it would make when started at --from.");
        var workflow = CommonOptions.Workflow();
        var json = CommonOptions.Json();
        var config = RunOptions.ConfigOption();
        var state = new Option<string?>("--state")
        {
            Description = "The state store whose paused workflows are marked (default .orchestrator/state.db); read only if it exists, never created.",
            HelpName = "FILE",
        }.NotBlank();
        var command = new Command("preview", "Show each workflow's next fires, DST notes, job plan and catch-up runs, without running anything.")
        {
            paths, count, from, until, downSince, workflow, json, config, state,
        };
        command.SetAction(async (parsed, ct) =>
        {
            await using var services = RunOptions.CompileServices(parsed.GetValue(config), parsed.GetValue(state), context);
            if (services is null)
                return ExitCodes.Failed;
            var settings = services.GetRequiredService<IOptions<OrchestratorOptions>>().Value;
            var paused = await PausedAsync(services.GetRequiredService<IStateStoreFactory>(), context, ct);
            var request = new Request(parsed.GetValue(from), parsed.GetValue(until), parsed.GetValue(downSince), parsed.GetValue(count));
            return Run(parsed.GetRequiredValue(paths), parsed.GetValue(workflow), request, parsed.GetValue(json), settings, paused, context);
        });
        return command;
    }

    /// <summary>
    /// The workflows paused in the store, if there is a store: preview writes nothing, so a missing one is not created,
    /// and one it cannot read only costs the marks.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, DateTimeOffset>> PausedAsync(IStateStoreFactory stores, CliContext context, CancellationToken ct)
    {
        if (!stores.Exists)
            return new Dictionary<string, DateTimeOffset>();
        try
        {
            await using var store = await stores.OpenAsync(ct);
            return await store.ListPausedAsync(ct);
        }
        catch (StateStoreException e)
        {
            context.Error.WriteLine(TerminalText.Escape($"warning: {e.Message}; paused workflows are not marked"));
            return new Dictionary<string, DateTimeOffset>();
        }
    }

    private sealed record Request(string? From, string? Until, string? DownSince, int? Count)
    {
        // Times without an offset are read in each workflow's zone, like an "at" in its file.
        public PreviewOptions For(WorkflowDefinition workflow, DateTimeOffset now) => new(
            CommonOptions.ReadTime(From, workflow.TimeZone) ?? now,
            CommonOptions.ReadTime(Until, workflow.TimeZone),
            Count ?? (Until is null ? DefaultCount : UntilCount),
            CommonOptions.ReadTime(DownSince, workflow.TimeZone));
    }

    private static int Run(string[] paths, string? only, Request request, bool json, OrchestratorOptions settings, IReadOnlyDictionary<string, DateTimeOffset> paused,
        CliContext context)
    {
        if (FlowLoader.LoadWorkflows(paths, only, context, settings) is not { } workflows)
            return ExitCodes.Failed;
        var now = context.Time.GetUtcNow();
        // Each preview is a pure function of its workflow, so they are computed side by side.
        var previews = workflows.AsParallel().AsOrdered().Select(w => WorkflowPreview.Create(w, request.For(w, now))).ToArray();
        if (json)
            ReportJson.Write(context.Out, new PreviewReport(previews.Select(p => WorkflowReport.From(p) with { Paused = paused.ContainsKey(p.Workflow.Name) }).ToArray()));
        else
            foreach (var preview in previews)
                WriteText(context.Out, preview, request.DownSince is not null, paused.TryGetValue(preview.Workflow.Name, out var since) ? since : null);
        return ExitCodes.Ok;
    }

    private static void WriteText(TextWriter output, WorkflowPreview preview, bool showCatchup, DateTimeOffset? pausedSince)
    {
        var workflow = preview.Workflow;
        // Its next fires are still listed: they are the instants a host skips while it stays paused.
        var paused = pausedSince is { } since ? $"  paused since {Iso.FormatSeconds(since)}" : "";
        output.WriteLine(TerminalText.Escape($"workflow {workflow.Name}  ({workflow.Position}){paused}"));
        Section(output, "time zone", [workflow.TimeZone.Id]);
        Section(output, "schedules", workflow.Schedules.Count == 0 ? ["none: runs only when triggered"] : workflow.Schedules.Select(s => s.Text));
        Section(output, "next", preview.Next.Count == 0 ? ["none"] : preview.Next.Select(f => f.DstNote is null ? Iso.Format(f.At) : $"{Iso.Format(f.At)}  DST: {f.DstNote}"));
        if (showCatchup)
        {
            var policy = EnumText.Name(workflow.Catchup.Mode) + (workflow.Catchup.Within is { } within ? $" within {DurationText.Format(within)}" : "");
            Section(output, "catch-up", preview.Catchup.Count == 0 ? [$"none (catchup {policy})"] : preview.Catchup.Select(Iso.Format).Append($"({preview.Catchup.Count} with catchup {policy})"));
        }
        Section(output, "plan", preview.Plan.Count == 0 ? ["no jobs"] : preview.Plan.Select((layer, i) => $"{i + 1}. {string.Join(", ", layer)}"));
        if (workflow.Handlers.Count > 0)
            Section(output, "handlers", workflow.Handlers.Select(h => $"{h.Name,-11} {When(h.When)}"));
        output.WriteLine();
    }

    private static string When(HandlerKind kind) => kind switch
    {
        HandlerKind.Failure => "after the jobs, when the run failed",
        HandlerKind.Success => "after the jobs, when the run succeeded",
        _ => "after the jobs and any handler above, whatever the run's outcome",
    };

    private static void Section(TextWriter output, string title, IEnumerable<string> lines)
    {
        var label = $"  {title,-10} ";
        foreach (var line in lines)
        {
            output.WriteLine(TerminalText.Escape(label + line));
            label = new string(' ', label.Length);
        }
    }
}
