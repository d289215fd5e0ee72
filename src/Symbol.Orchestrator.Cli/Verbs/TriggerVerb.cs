using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Verbs;

/// <summary>
/// <c>trigger PATH [--workflow NAME] [--param k=v]…</c>: runs one workflow now, in this process, printing each job as
/// it finishes; exit 0 if the run succeeded, 1 if not. The run is recorded in the store like any other.
/// </summary>
internal static class TriggerVerb
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("PATH") { Description = "The .flow file (or a folder of them) holding the workflow." }.NotBlank(whiteSpaceAllowed: true);
        var workflow = CommonOptions.Workflow();
        var param = CommonOptions.Param();
        var force = new Option<bool>("--force") { Description = "Run even when the workflow already has as many active runs as its concurrency allows." };
        var json = CommonOptions.Json();
        var run = new RunOptions();
        var command = new Command("trigger", "Run one workflow now, in this process, and wait for it; exit 0 if it succeeded, 1 if not.") { path, workflow, param, force, json };
        run.AddTo(command);
        command.SetAction((parsed, ct) => RunAsync(parsed.GetRequiredValue(path), parsed.GetValue(workflow), parsed.GetValue(param) ?? [],
            parsed.GetValue(force), parsed.GetValue(json), run.RunnerServices(parsed, context), context, ct));
        return command;
    }

    private static async Task<int> RunAsync(string path, string? only, string[] parameters, bool force, bool json, ServiceProvider? services, CliContext context,
        CancellationToken ct)
    {
        await using var disposing = services;
        if (services is null)
            return ExitCodes.Failed;
        var settings = services.GetRequiredService<IOptions<OrchestratorOptions>>().Value;
        WorkflowDefinition workflow;
        if (only is not null)
        {
            // Only the named workflow's file must be valid: errors elsewhere in the folder are warnings here.
            if (FlowLoader.LoadWorkflow([path], only, context, settings) is not { } named)
                return ExitCodes.Failed;
            workflow = named;
        }
        else
        {
            if (FlowLoader.LoadWorkflows([path], null, context, settings) is not { } workflows)
                return ExitCodes.Failed;
            if (workflows.Count != 1)
            {
                context.WriteError(workflows.Count == 0
                    ? $"{path} declares no workflow"
                    : $"{path} declares {workflows.Count} workflows ({string.Join(", ", workflows.Select(w => w.Name))}): choose one with --workflow");
                return ExitCodes.Usage;
            }
            workflow = workflows[0];
        }
        await using var session = await RunSession.OpenAsync(services, context, json, ct);
        if (session is null)
            return ExitCodes.Failed;
        // A pause holds the schedule, not a person: the run goes ahead, and the note says the schedule stays held.
        if ((await session.Store.ListPausedAsync(ct)).TryGetValue(workflow.Name, out var pausedSince))
            context.Error.WriteLine(TerminalText.Escape($"note: workflow {workflow.Name} is paused (since {Iso.FormatSeconds(pausedSince)}): this manual run goes ahead; "
                                                        + $"its scheduled fires stay skipped until `orchestrator unpause {workflow.Name}`"));
        try
        {
            // A manual run counts toward concurrency as a scheduled one does: the store counts the active runs of every process in the
            // write that creates this one, so two triggers (or a trigger and a host) never both take the last slot.
            var now = context.Time.GetUtcNow();
            var bound = force ? (int?)null : await session.StoreBoundAsync(workflow, now, ct);
            var (outcome, created) = await session.Executor.CreateAsync(workflow, RunTrigger.Manual, now, CommonOptions.ParamsJson(parameters), bound);
            if (outcome == RunCreation.AtLimit)
            {
                var active = await session.ActiveRunsAsync(workflow.Name, now, ct);
                context.WriteError($"workflow '{workflow.Name}' is at its concurrency limit ({workflow.Concurrency}): active "
                                   + $"{string.Join(", ", active.Select(r => $"{r.RunId} ({r.LeaseOwner})"))}; wait for one to end, or add --force to run it anyway");
                return ExitCodes.Failed;
            }
            using var view = session.Watch(workflow.RunRecordNames);
            var finished = await session.Executor.RunCreatedAsync(created, workflow, ct);
            return await session.ReportAsync(finished, json, context);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            context.Error.WriteLine("stopped: the running jobs are recorded as interrupted; a host started on this store resumes the run");
            return ExitCodes.Failed;
        }
    }
}
