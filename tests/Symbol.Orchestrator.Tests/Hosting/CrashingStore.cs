using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Tests.State;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// A store that behaves as the host process dying at a chosen point: it lets <paramref name="creations"/> runs be
/// created, then every write after that (the next creation included) fails and commits nothing, as if the process
/// were gone. Reads still work, so a test can look; what was committed before is all the next host finds.
/// </summary>
internal sealed class CrashingStore(IStateStore inner, int creations) : ForwardingStore(inner)
{
    private int _created;
    private volatile bool _dead;

    public bool Crashed => _dead;

    public override async Task<RunCreation> TryCreateRunAsync(RunRecord run, IReadOnlyList<string> jobs, string owner, TimeSpan lease, int? maxActive = null,
        CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _created) > creations)
            _dead = true;
        return await Write(() => base.TryCreateRunAsync(run, jobs, owner, lease, maxActive, cancellationToken));
    }

    public override Task SetRunStatusAsync(string runId, RunStatus status, DateTimeOffset at, long leaseToken, CancellationToken cancellationToken = default) =>
        Write(() => base.SetRunStatusAsync(runId, status, at, leaseToken, cancellationToken));

    public override Task StartAttemptAsync(string runId, string job, int attempt, DateTimeOffset at, long leaseToken, CancellationToken cancellationToken = default) =>
        Write(() => base.StartAttemptAsync(runId, job, attempt, at, leaseToken, cancellationToken));

    public override Task FinishAttemptAsync(AttemptFinish finish, CancellationToken cancellationToken = default) =>
        Write(() => base.FinishAttemptAsync(finish, cancellationToken));

    public override Task SetJobStatusAsync(string runId, IReadOnlyList<string> jobs, JobStatus status, long leaseToken, CancellationToken cancellationToken = default) =>
        Write(() => base.SetJobStatusAsync(runId, jobs, status, leaseToken, cancellationToken));

    public override Task AdvanceWatermarkAsync(string workflow, DateTimeOffset instant, CancellationToken cancellationToken = default) =>
        Write(() => base.AdvanceWatermarkAsync(workflow, instant, cancellationToken));

    public override Task<IReadOnlyList<RunRecord>> ClaimInterruptedRunsAsync(string owner, TimeSpan lease, IReadOnlyCollection<string>? goneOwners = null, CancellationToken cancellationToken = default) =>
        Write(() => base.ClaimInterruptedRunsAsync(owner, lease, goneOwners, cancellationToken));

    public override Task<IReadOnlyList<TakenOverRun>> ClaimExpiredRunsAsync(string owner, TimeSpan lease, int limit, CancellationToken cancellationToken = default) =>
        Write(() => base.ClaimExpiredRunsAsync(owner, lease, limit, cancellationToken));

    public override Task<long?> TryLeaseRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        Write(() => base.TryLeaseRunAsync(runId, owner, lease, cancellationToken));

    public override Task RenewLeasesAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        Write(() => base.RenewLeasesAsync(owner, lease, cancellationToken));

    // Throws before the call reaches the real store.
    private T Write<T>(Func<T> write)
    {
        if (_dead)
            throw new StateStoreException("simulated crash: the host died before this write");
        return write();
    }
}
