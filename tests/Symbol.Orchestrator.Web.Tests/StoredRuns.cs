using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.State;
using Microsoft.Extensions.DependencyInjection;

namespace Symbol.Orchestrator.Web.Tests;

/// <summary>Runs written straight into the host's store, as a host that ran them would have: the API then reads them back.</summary>
internal static class StoredRuns
{
    private static readonly TimeSpan Lease = TimeSpan.FromHours(1);

    /// <summary>A run of <paramref name="workflow"/> (loaded in <paramref name="host"/>) at <paramref name="scheduledAt"/>, its jobs pending, running.</summary>
    public static async Task<RunRecord> CreateAsync(ApiHost host, string workflow, DateTimeOffset scheduledAt, RunTrigger trigger = RunTrigger.Schedule, string? runId = null)
    {
        var definition = host.Services.GetRequiredService<CatalogApplier>().Workflows.Single(w => w.Name == workflow);
        var run = new RunRecord(runId ?? RunRecord.ScheduledRunId(workflow, scheduledAt), workflow, RunStatus.Running, trigger, scheduledAt, scheduledAt, null,
            definition.Position.Path, RunDefinition.Capture(definition), "{}");
        Assert.Equal(RunCreation.Created, await host.Store.TryCreateRunAsync(run, definition.RunRecordNames.ToArray(), "seed", Lease));
        return run with { LeaseToken = 1 };
    }

    /// <summary>Runs <paramref name="job"/> of <paramref name="run"/> once, succeeding with <paramref name="outputJson"/> and <paramref name="logs"/>.</summary>
    public static async Task SucceedAsync(ApiHost host, RunRecord run, string job, string outputJson, params string[] logs)
    {
        await host.Store.StartAttemptAsync(run.RunId, job, 1, run.ScheduledAt, run.LeaseToken);
        await host.Store.FinishAttemptAsync(new AttemptFinish(run.RunId, job, 1, AttemptOutcome.Succeeded, run.ScheduledAt.AddSeconds(1), outputJson, null, logs,
            JobStatus.Succeeded, run.LeaseToken));
    }

    public static Task EndAsync(ApiHost host, RunRecord run, RunStatus status) =>
        host.Store.SetRunStatusAsync(run.RunId, status, run.ScheduledAt.AddSeconds(2), run.LeaseToken);
}
