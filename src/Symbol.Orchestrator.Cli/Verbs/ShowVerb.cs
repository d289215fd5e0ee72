using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Verbs;

/// <summary><c>show RUN_ID</c>: one run with its jobs, attempts, outputs, errors and logs; exit 1 if the store has no such run.</summary>
internal static class ShowVerb
{
    public static Command Create(CliContext context)
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run, as `runs` lists it." }.NotBlank();
        var json = CommonOptions.Json();
        var run = new RunOptions();
        var command = new Command("show", "Show one run: its jobs, attempts, outputs, errors and logs.") { runId, json };
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
            var id = parsed.GetRequiredValue(runId);
            if (await store.GetRunAsync(id, ct) is not { } record)
            {
                context.WriteError($"the store {stores.Location} holds no run '{id}'");
                return ExitCodes.Failed;
            }
            var jobs = await store.GetJobsAsync(id, ct);
            var attempts = await store.GetAttemptsAsync(id, ct);
            DateTimeOffset? pausedSince = (await store.ListPausedAsync(ct)).TryGetValue(record.Workflow, out var since) ? since : null;
            if (parsed.GetValue(json))
                ReportJson.Write(context.Out, RunReport.From(record, jobs, attempts) with { WorkflowPaused = pausedSince is not null });
            else
                WriteText(context.Out, record, jobs, attempts, pausedSince);
            return ExitCodes.Ok;
        });
        return command;
    }

    // Errors and log lines are the scripts' text: each line is escaped, and each log line keeps a line of its own.
    private static void WriteText(TextWriter output, RunRecord run, IReadOnlyList<JobRecord> jobs, IReadOnlyList<AttemptRecord> attempts, DateTimeOffset? pausedSince)
    {
        output.WriteLine(RunText.Summary(run));
        output.WriteLine(TerminalText.Escape($"  workflow {run.Workflow} ({run.DefinitionPath}), {EnumText.Name(run.Trigger)}, scheduled {Iso.Format(run.ScheduledAt)}"));
        if (pausedSince is { } since)
            output.WriteLine(TerminalText.Escape($"  workflow {run.Workflow} is paused now (since {Iso.FormatSeconds(since)}): its fires are skipped until `orchestrator unpause {run.Workflow}`"));
        // Jobs first, then the handlers under a heading of their own.
        var headed = false;
        foreach (var job in jobs.OrderBy(j => HandlerDefinition.IsHandlerName(j.Job)))
        {
            if (!headed && HandlerDefinition.IsHandlerName(job.Job))
            {
                output.WriteLine(RunText.HandlersHeading);
                headed = true;
            }
            output.WriteLine(RunText.JobLine(job, run.Status));
            foreach (var attempt in attempts.Where(a => a.Job == job.Job))
            {
                output.WriteLine("    " + RunText.AttemptLine(attempt));
                foreach (var line in attempt.Logs)
                    output.WriteLine($"      | {TerminalText.Escape(line)}");
            }
        }
    }
}
