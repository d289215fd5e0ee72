using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.State;

/// <summary>A store that passes every call to a real one; test stores override the calls they intercept.</summary>
internal abstract class ForwardingStore(IStateStore inner) : IStateStore
{
    protected IStateStore Inner { get; } = inner;

    public virtual Task<RunCreation> TryCreateRunAsync(RunRecord run, IReadOnlyList<string> jobs, string owner, TimeSpan lease, int? maxActive = null,
        CancellationToken cancellationToken = default) =>
        Inner.TryCreateRunAsync(run, jobs, owner, lease, maxActive, cancellationToken);

    public virtual Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default) => Inner.GetRunAsync(runId, cancellationToken);

    public virtual Task<IReadOnlyList<RunRecord>> GetRunsAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken = default) =>
        Inner.GetRunsAsync(runIds, cancellationToken);

    public virtual Task<long?> TryTakeQueuedRunAsync(string runId, string owner, TimeSpan lease, DateTimeOffset at, int? maxActive = null,
        CancellationToken cancellationToken = default) =>
        Inner.TryTakeQueuedRunAsync(runId, owner, lease, at, maxActive, cancellationToken);

    public virtual Task<IReadOnlyList<RunRecord>> ListRunsAsync(string? workflow, int limit, CancellationToken cancellationToken = default) =>
        Inner.ListRunsAsync(workflow, limit, cancellationToken);

    public virtual Task<IReadOnlyList<RunRecord>> ListRunsPageAsync(string? workflow, RunStatus? status, int limit, RunCursor? before = null,
        CancellationToken cancellationToken = default) =>
        Inner.ListRunsPageAsync(workflow, status, limit, before, cancellationToken);

    public virtual Task<IReadOnlyDictionary<string, RunRecord>> GetLastRunsAsync(IReadOnlyCollection<string> workflows, CancellationToken cancellationToken = default) =>
        Inner.GetLastRunsAsync(workflows, cancellationToken);

    public virtual Task<IReadOnlyList<RunRecord>> ListActiveRunsAsync(string workflow, CancellationToken cancellationToken = default) =>
        Inner.ListActiveRunsAsync(workflow, cancellationToken);

    public virtual Task<IReadOnlyList<JobRecord>> GetJobsAsync(string runId, CancellationToken cancellationToken = default) => Inner.GetJobsAsync(runId, cancellationToken);

    public virtual Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default) =>
        Inner.GetAttemptsAsync(runId, cancellationToken);

    public virtual Task SetRunStatusAsync(string runId, RunStatus status, DateTimeOffset at, long leaseToken, CancellationToken cancellationToken = default) =>
        Inner.SetRunStatusAsync(runId, status, at, leaseToken, cancellationToken);

    public virtual Task StartAttemptAsync(string runId, string job, int attempt, DateTimeOffset at, long leaseToken, CancellationToken cancellationToken = default) =>
        Inner.StartAttemptAsync(runId, job, attempt, at, leaseToken, cancellationToken);

    public virtual Task FinishAttemptAsync(AttemptFinish finish, CancellationToken cancellationToken = default) =>
        Inner.FinishAttemptAsync(finish, cancellationToken);

    public virtual Task SetJobStatusAsync(string runId, IReadOnlyList<string> jobs, JobStatus status, long leaseToken, CancellationToken cancellationToken = default) =>
        Inner.SetJobStatusAsync(runId, jobs, status, leaseToken, cancellationToken);

    public virtual Task<DateTimeOffset?> GetWatermarkAsync(string workflow, CancellationToken cancellationToken = default) =>
        Inner.GetWatermarkAsync(workflow, cancellationToken);

    public virtual Task<IReadOnlyDictionary<string, DateTimeOffset>> GetWatermarksAsync(IReadOnlyCollection<string> workflows, CancellationToken cancellationToken = default) =>
        Inner.GetWatermarksAsync(workflows, cancellationToken);

    public virtual Task AdvanceWatermarkAsync(string workflow, DateTimeOffset instant, CancellationToken cancellationToken = default) =>
        Inner.AdvanceWatermarkAsync(workflow, instant, cancellationToken);

    public virtual Task<IReadOnlyList<RunRecord>> ClaimInterruptedRunsAsync(string owner, TimeSpan lease, IReadOnlyCollection<string>? goneOwners = null, CancellationToken cancellationToken = default) =>
        Inner.ClaimInterruptedRunsAsync(owner, lease, goneOwners, cancellationToken);

    public virtual Task<IReadOnlyList<TakenOverRun>> ClaimExpiredRunsAsync(string owner, TimeSpan lease, int limit, CancellationToken cancellationToken = default) =>
        Inner.ClaimExpiredRunsAsync(owner, lease, limit, cancellationToken);

    public virtual Task<long?> TryLeaseRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        Inner.TryLeaseRunAsync(runId, owner, lease, cancellationToken);

    public virtual Task RenewLeasesAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        Inner.RenewLeasesAsync(owner, lease, cancellationToken);

    public virtual Task<IReadOnlyList<string>> EnqueueRunsAsync(IReadOnlyList<NewRun> runs, CancellationToken cancellationToken = default) =>
        Inner.EnqueueRunsAsync(runs, cancellationToken);

    public virtual Task<IReadOnlyList<RunRecord>> ListQueuedRunsAsync(string? workflow, int limit, CancellationToken cancellationToken = default) =>
        Inner.ListQueuedRunsAsync(workflow, limit, cancellationToken);

    public virtual Task<RunRecord?> RequestCancelAsync(string runId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Inner.RequestCancelAsync(runId, at, cancellationToken);

    public virtual Task<IReadOnlyList<RunRecord>> ListCancelRequestsAsync(string owner, CancellationToken cancellationToken = default) =>
        Inner.ListCancelRequestsAsync(owner, cancellationToken);

    public virtual Task<bool> SetPausedAsync(string workflow, bool paused, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Inner.SetPausedAsync(workflow, paused, at, cancellationToken);

    public virtual Task<IReadOnlyDictionary<string, DateTimeOffset>> ListPausedAsync(CancellationToken cancellationToken = default) =>
        Inner.ListPausedAsync(cancellationToken);

    public virtual ValueTask DisposeAsync() => Inner.DisposeAsync();
}
