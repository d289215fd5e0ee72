using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Verbs;

/// <summary><c>runs [--workflow NAME] [--limit N]</c>: run history, newest first.</summary>
internal static class RunsVerb
{
    public static Command Create(CliContext context)
    {
        var workflow = CommonOptions.Workflow();
        var limit = new Option<int>("--limit") { Description = "At most this many runs (default 20).", HelpName = "N", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
                result.AddError("--limit must be 1 or more");
        });
        var json = CommonOptions.Json();
        var run = new RunOptions();
        var command = new Command("runs", "List runs, newest first.") { workflow, limit, json };
        run.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            await using var services = run.Services(parsed, context);
            if (services is null)
                return ExitCodes.Failed;
            var stores = services.GetRequiredService<IStateStoreFactory>();
            await using var store = await StateAccess.OpenExistingAsync(stores, context, ct);
            if (store is null)
                return ExitCodes.Failed;
            var only = parsed.GetValue(workflow);
            var runs = await store.ListRunsAsync(only, parsed.GetValue(limit), ct);
            var paused = (await store.ListPausedAsync(ct)).Where(p => only is null || p.Key == only).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            var report = RunsReport.From(runs, stores.GoneHostOwners(), context.Time.GetUtcNow(), paused);
            if (parsed.GetValue(json))
            {
                ReportJson.Write(context.Out, report);
                return ExitCodes.Ok;
            }
            // Above the table: a paused workflow's runs stop, and the table alone would not say why.
            foreach (var (name, since) in paused)
                context.Out.WriteLine(TerminalText.Escape($"paused: {name} (since {Iso.FormatSeconds(since)}; `orchestrator unpause {name}` resumes it)"));
            if (runs.Count == 0)
            {
                context.Out.WriteLine("no runs");
                return ExitCodes.Ok;
            }
            // ELAPSED: first start to end, as a wall clock measures it (a retry days later included); show has each job's run time.
            context.Out.WriteLine(Line("RUN", "STATUS", "TRIGGER", "SCHEDULED", "ELAPSED", "OWNER", ""));
            foreach (var (record, r) in runs.Zip(report.Runs))
            {
                var elapsed = r.DurationMs is { } ms ? DurationText.Format(TimeSpan.FromMilliseconds(ms)) : "-";
                var note = r.StaleReason is { } why ? $"(stale: {why})" : "";
                // A manual run's instant has fractions of a second that its id already carries: the column keeps whole seconds.
                var scheduled = Iso.FormatSeconds(record.ScheduledAt);
                context.Out.WriteLine(TerminalText.Escape(Line(r.RunId, r.Status, r.Trigger, scheduled, elapsed, r.Owner ?? "-", note)));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    // The stale note goes last, after the owner it names, so the columns before it stay aligned:
    // running  manual  2026-…  -  vm:123  (stale: host vm:123 gone; resumes at the next start)
    private static string Line(string run, string status, string trigger, string scheduled, string elapsed, string owner, string note) =>
        $"{run,-48} {status,-10} {trigger,-9} {scheduled,-25} {elapsed,-9} {owner,-16} {note}".TrimEnd();
}
