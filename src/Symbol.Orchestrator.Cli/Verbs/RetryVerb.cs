using System.CommandLine;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Cli.Verbs;

/// <summary>
/// <c>retry RUN_ID [--job NAME]</c>: runs a finished run's failed, cancelled and skipped jobs again (or one job and what is
/// downstream of it) with the definition the run recorded, reusing the outputs of the jobs that succeeded.
/// </summary>
internal static class RetryVerb
{
    public static Command Create(CliContext context)
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run, as `runs` lists it." }.NotBlank();
        var job = new Option<string?>("--job") { Description = "Only this job and the jobs downstream of it (then the handlers); or a handler alone: --job 'on failure'.", HelpName = "NAME" }.NotBlank();
        var json = CommonOptions.Json();
        var run = new RunOptions();
        var command = new Command("retry", "Run a finished run's failed, cancelled and skipped jobs again (or one job), reusing the outputs of those that succeeded.") { runId, job, json };
        run.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            await using var services = run.RunnerServices(parsed, context);
            if (services is null)
                return ExitCodes.Failed;
            var asJson = parsed.GetValue(json);
            await using var session = await RunSession.OpenAsync(services, context, asJson, ct);
            if (session is null)
                return ExitCodes.Failed;
            try
            {
                var id = parsed.GetRequiredValue(runId);
                using var view = session.Watch([]);
                if (await session.Executor.RetryAsync(id, parsed.GetValue(job), ct) is { } finished)
                    return await session.ReportAsync(finished, asJson, context);
                // Exit 0: the run is where a retry would take it, and a script's `retry ID || alert` has nothing to alert about.
                var run = (await session.Store.GetRunAsync(id, ct))!;
                // With --json, stdout holds only the run's document.
                (asJson ? context.Error : context.Out).WriteLine(
                    TerminalText.Escape($"nothing to retry: run {id} {EnumText.Name(run.Status)} (no failed or skipped job; --job NAME runs one again)"));
                if (asJson)
                    ReportJson.Write(context.Out, await RunReport.LoadAsync(session.Store, run));
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                context.WriteError(e.Message);
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
