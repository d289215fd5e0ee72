using System.Collections.Concurrent;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.Execution;

/// <summary>
/// A store that passes every call to a real one, logs attempt starts and finishes in the order they
/// reach the real store, and lets a test hold back or refuse one job's attempt start.
/// </summary>
internal sealed class InterceptedStore(IStateStore inner) : IStateStore
{
    private readonly ConcurrentDictionary<string, Func<Task>> _beforeStart = new();
    private readonly ConcurrentQueue<string> _writes = new();

    /// <summary>"start a 1", "finish a 1", … as the real store received them.</summary>
    public IReadOnlyList<string> Writes => _writes.ToArray();

    /// <summary>Runs <paramref name="hook"/> before <paramref name="job"/>'s attempt start reaches the store; a throw refuses it.</summary>
    public void BeforeStart(string job, Func<Task> hook) => _beforeStart[job] = hook;

    public async Task StartAttemptAsync(string runId, string job, int attempt, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (_beforeStart.TryGetValue(job, out var hook))
            await hook();
        await inner.StartAttemptAsync(runId, job, attempt, at, cancellationToken);
        _writes.Enqueue($"start {job} {attempt}");
    }

    public async Task FinishAttemptAsync(AttemptFinish finish, CancellationToken cancellationToken = default)
    {
        _writes.Enqueue($"finish {finish.Job} {finish.Attempt}");
        await inner.FinishAttemptAsync(finish, cancellationToken);
    }

    public Task<bool> TryCreateRunAsync(RunRecord run, IReadOnlyList<string> jobs, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        inner.TryCreateRunAsync(run, jobs, owner, lease, cancellationToken);

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default) => inner.GetRunAsync(runId, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(string? workflow, int limit, CancellationToken cancellationToken = default) =>
        inner.ListRunsAsync(workflow, limit, cancellationToken);

    public Task<IReadOnlyList<JobRecord>> GetJobsAsync(string runId, CancellationToken cancellationToken = default) => inner.GetJobsAsync(runId, cancellationToken);

    public Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default) =>
        inner.GetAttemptsAsync(runId, cancellationToken);

    public Task SetRunStatusAsync(string runId, RunStatus status, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        inner.SetRunStatusAsync(runId, status, at, cancellationToken);

    public Task SetJobStatusAsync(string runId, IReadOnlyList<string> jobs, JobStatus status, CancellationToken cancellationToken = default) =>
        inner.SetJobStatusAsync(runId, jobs, status, cancellationToken);

    public Task<DateTimeOffset?> GetWatermarkAsync(string workflow, CancellationToken cancellationToken = default) =>
        inner.GetWatermarkAsync(workflow, cancellationToken);

    public Task AdvanceWatermarkAsync(string workflow, DateTimeOffset instant, CancellationToken cancellationToken = default) =>
        inner.AdvanceWatermarkAsync(workflow, instant, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ClaimInterruptedRunsAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        inner.ClaimInterruptedRunsAsync(owner, lease, cancellationToken);

    public Task<bool> TryLeaseRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        inner.TryLeaseRunAsync(runId, owner, lease, cancellationToken);

    public Task RenewLeasesAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        inner.RenewLeasesAsync(owner, lease, cancellationToken);

    // The harness owns the real store.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
