using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// A store that behaves as the host process dying at a chosen point: it lets <paramref name="creations"/> runs be
/// created, then every write after that (the next creation included) fails and commits nothing, as if the process
/// were gone. Reads still work, so a test can look; what was committed before is all the next host finds.
/// </summary>
internal sealed class CrashingStore(IStateStore inner, int creations) : IStateStore
{
    private int _created;
    private volatile bool _dead;

    public bool Crashed => _dead;

    public async Task<bool> TryCreateRunAsync(RunRecord run, IReadOnlyList<string> jobs, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _created) > creations)
            _dead = true;
        Alive();
        return await inner.TryCreateRunAsync(run, jobs, owner, lease, cancellationToken);
    }

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default) => inner.GetRunAsync(runId, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(string? workflow, int limit, CancellationToken cancellationToken = default) =>
        inner.ListRunsAsync(workflow, limit, cancellationToken);

    public Task<IReadOnlyList<JobRecord>> GetJobsAsync(string runId, CancellationToken cancellationToken = default) => inner.GetJobsAsync(runId, cancellationToken);

    public Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default) =>
        inner.GetAttemptsAsync(runId, cancellationToken);

    public Task SetRunStatusAsync(string runId, RunStatus status, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Write(() => inner.SetRunStatusAsync(runId, status, at, cancellationToken));

    public Task StartAttemptAsync(string runId, string job, int attempt, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Write(() => inner.StartAttemptAsync(runId, job, attempt, at, cancellationToken));

    public Task FinishAttemptAsync(AttemptFinish finish, CancellationToken cancellationToken = default) =>
        Write(() => inner.FinishAttemptAsync(finish, cancellationToken));

    public Task SetJobStatusAsync(string runId, IReadOnlyList<string> jobs, JobStatus status, CancellationToken cancellationToken = default) =>
        Write(() => inner.SetJobStatusAsync(runId, jobs, status, cancellationToken));

    public Task<DateTimeOffset?> GetWatermarkAsync(string workflow, CancellationToken cancellationToken = default) =>
        inner.GetWatermarkAsync(workflow, cancellationToken);

    public Task AdvanceWatermarkAsync(string workflow, DateTimeOffset instant, CancellationToken cancellationToken = default) =>
        Write(() => inner.AdvanceWatermarkAsync(workflow, instant, cancellationToken));

    public Task<IReadOnlyList<RunRecord>> ClaimInterruptedRunsAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        Alive();
        return inner.ClaimInterruptedRunsAsync(owner, lease, cancellationToken);
    }

    public Task<bool> TryLeaseRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        Alive();
        return inner.TryLeaseRunAsync(runId, owner, lease, cancellationToken);
    }

    public Task RenewLeasesAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        Write(() => inner.RenewLeasesAsync(owner, lease, cancellationToken));

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private Task Write(Func<Task> write)
    {
        Alive();
        return write();
    }

    private void Alive()
    {
        if (_dead)
            throw new StateStoreException("simulated crash: the host died before this write");
    }
}
