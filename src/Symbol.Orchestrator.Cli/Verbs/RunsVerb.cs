using System.CommandLine;
using Symbol.Orchestrator.Cli.Output;
using Symbol.Orchestrator.Language;

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
            await using var store = await run.OpenExistingStoreAsync(parsed, context, ct);
            if (store is null)
                return ExitCodes.Failed;
            var runs = await store.ListRunsAsync(parsed.GetValue(workflow), parsed.GetValue(limit), ct);
            if (parsed.GetValue(json))
            {
                CliJson.Write(context.Out, RunsReport.From(runs));
                return ExitCodes.Ok;
            }
            if (runs.Count == 0)
                context.Out.WriteLine("no runs");
            foreach (var r in runs.Select(RunSummary.From))
                context.Out.WriteLine(TerminalText.Escape($"{r.RunId,-48} {r.Status,-10} {r.Trigger,-9} scheduled {r.ScheduledAt}  finished {r.FinishedAt ?? "-"}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
