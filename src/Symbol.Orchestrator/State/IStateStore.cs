namespace Symbol.Orchestrator.State;

/// <summary>
/// The durable record of runs, jobs, attempts, outputs, logs and per-workflow fire watermarks.
/// Designed for several hosts sharing one store: run ids are unique in the store, runs are
/// worked on under a lease held by one owner, and every operation is safe to call concurrently.
/// Every write has completed durably when its task completes. Lease expiry is read from the
/// <see cref="TimeProvider"/> the store is built with. A write that names a run, job or attempt the
/// store does not hold in the state it needs throws <see cref="InvalidOperationException"/> and changes
/// nothing; a store that cannot be read or written throws <see cref="StateStoreException"/>.
/// <para>
/// Fencing: every claim of a run increments its <see cref="RunRecord.LeaseToken"/> (a created run has 1), and every write about
/// a run's work (<see cref="StartAttemptAsync"/>, <see cref="FinishAttemptAsync"/>, <see cref="SetJobStatusAsync"/>,
/// <see cref="SetRunStatusAsync"/>) carries the token its writer claimed the run under. The check is part of the write
/// itself (one statement or transaction), so a write with a stale token changes nothing and throws
/// <see cref="LeaseLostException"/>: a host that paused past its lease can never record a result for a job another host now runs.
/// </para>
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    /// <summary>
    /// Creates a run and its jobs (all <see cref="JobStatus.Pending"/>), leased to <paramref name="owner"/> under lease token 1. <see cref="RunCreation.Exists"/> if a run
    /// with that id exists: a fire is acted on once. With <paramref name="maxActive"/>, the workflow's active runs (counted as
    /// <see cref="ListActiveRunsAsync"/> counts them) are counted in the same transaction as the insert, serialised per workflow across
    /// every writer of the store, and a run that would make more than <paramref name="maxActive"/> is refused: <see cref="RunCreation.AtLimit"/>,
    /// nothing written (an existing run wins: it is <see cref="RunCreation.Exists"/>, not at the limit).
    /// A <see cref="RunTrigger.Schedule"/> or <see cref="RunTrigger.Catchup"/> run also advances its workflow's watermark to its
    /// <see cref="RunRecord.ScheduledAt"/> (as <see cref="AdvanceWatermarkAsync"/>, never backward) in the same write when the run exists after it:
    /// a fire counts as acted on exactly when its run exists, so a crash can never leave the watermark past a fire that has no run.
    /// </summary>
    Task<RunCreation> TryCreateRunAsync(RunRecord run, IReadOnlyList<string> jobs, string owner, TimeSpan lease, int? maxActive = null,
        CancellationToken cancellationToken = default);

    Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The runs among <paramref name="runIds"/> that the store holds, in no particular order: one read for many (a backfill's instants).</summary>
    Task<IReadOnlyList<RunRecord>> GetRunsAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken = default);

    /// <summary>Runs, newest first: by start (a run not started yet by its scheduled instant), then scheduled instant, then id.</summary>
    Task<IReadOnlyList<RunRecord>> ListRunsAsync(string? workflow, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of runs for the API: newest scheduled first (by <see cref="RunRecord.ScheduledAt"/>, then by id, descending: two
    /// things that never change), of one workflow and one status or of all, at most <paramref name="limit"/>, only those after
    /// <paramref name="before"/> in that order. Passing each page's last run as the next page's <paramref name="before"/>
    /// neither repeats nor skips a run while runs are added or change state. Indexed, so a page costs the same at any depth.
    /// </summary>
    Task<IReadOnlyList<RunRecord>> ListRunsPageAsync(string? workflow, RunStatus? status, int limit, RunCursor? before = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest run of each of <paramref name="workflows"/> in one read (the API's list of workflows with their last runs), newest
    /// as <see cref="ListRunsPageAsync"/> orders them: by <see cref="RunRecord.ScheduledAt"/>, then by id, so each workflow's last run
    /// is the top of its page of runs. Keyed by workflow; a workflow with no run is not in the answer. Indexed: one lookup a workflow.
    /// </summary>
    Task<IReadOnlyDictionary<string, RunRecord>> GetLastRunsAsync(IReadOnlyCollection<string> workflows, CancellationToken cancellationToken = default);

    /// <summary>
    /// The runs of <paramref name="workflow"/> that are still being worked on: pending or running, under a lease that
    /// has not expired (a run left running by a process that died counts until its lease runs out), oldest first.
    /// </summary>
    Task<IReadOnlyList<RunRecord>> ListActiveRunsAsync(string workflow, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JobRecord>> GetJobsAsync(string runId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a run's state as of <paramref name="at"/>: running records its first start, a final state its finish. A finished
    /// run set running again (a retry) loses its finish and its <see cref="RunRecord.CancelRequestedAt"/>.
    /// </summary>
    /// <exception cref="LeaseLostException"><paramref name="leaseToken"/> is not the run's: it was claimed since, and nothing changed.</exception>
    Task SetRunStatusAsync(string runId, RunStatus status, DateTimeOffset at, long leaseToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the start of an attempt, by the run's lease owner (<see cref="AttemptRecord.Owner"/>), and marks the job running.
    /// Attempt numbers never repeat within a job (see <see cref="JobRecord.LastAttempt"/>).
    /// </summary>
    /// <exception cref="LeaseLostException"><paramref name="leaseToken"/> is not the run's: it was claimed since, and nothing changed.</exception>
    Task StartAttemptAsync(string runId, string job, int attempt, DateTimeOffset at, long leaseToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the end of an attempt, the job's new state and output together. Many small finishes may
    /// share one commit. Throws <see cref="LeaseLostException"/> when <see cref="AttemptFinish.LeaseToken"/> is stale (another
    /// owner claimed the run since: this result is dropped), and <see cref="InvalidOperationException"/> if the attempt is no
    /// longer running.
    /// </summary>
    Task FinishAttemptAsync(AttemptFinish finish, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets jobs' states without an attempt: skipped downstream of a failure, or pending again for a
    /// retry of the run, which clears the job's output, error, times and counted attempts.
    /// </summary>
    /// <exception cref="LeaseLostException"><paramref name="leaseToken"/> is not the run's: it was claimed since, and nothing changed.</exception>
    Task SetJobStatusAsync(string runId, IReadOnlyList<string> jobs, JobStatus status, long leaseToken, CancellationToken cancellationToken = default);

    /// <summary>The latest fire instant acted on for a workflow, or null if the store has never seen it.</summary>
    Task<DateTimeOffset?> GetWatermarkAsync(string workflow, CancellationToken cancellationToken = default);

    /// <summary>
    /// The watermarks of <paramref name="workflows"/> in one read (a standby host's look at every fire due at one instant); a
    /// workflow the store has never seen is not in the answer.
    /// </summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetWatermarksAsync(IReadOnlyCollection<string> workflows, CancellationToken cancellationToken = default);

    /// <summary>Moves a workflow's watermark forward to <paramref name="instant"/>; never backward.</summary>
    Task AdvanceWatermarkAsync(string workflow, DateTimeOffset instant, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes over every <see cref="RunStatus.Running"/> (or still <see cref="RunStatus.Pending"/>, but not queued) run
    /// whose lease has expired, is held by <paramref name="owner"/> (a restart of a host with a fixed name), or is
    /// held by one of <paramref name="goneOwners"/> (hosts known to be gone, see <see cref="SqliteHostLock"/>), bumps their
    /// <see cref="RunRecord.LeaseToken"/>, marks their running attempts <see cref="AttemptOutcome.Interrupted"/> with no end (it was not seen) and their
    /// running jobs pending, and returns them, oldest scheduled first. Interrupted attempts do not count in
    /// <see cref="JobRecord.Attempts"/>. Since it interrupts the owner's own attempts too, a host calls
    /// it at start-up, before it runs anything.
    /// </summary>
    Task<IReadOnlyList<RunRecord>> ClaimInterruptedRunsAsync(string owner, TimeSpan lease, IReadOnlyCollection<string>? goneOwners = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The sweep a running host makes every half lease: takes over at most <paramref name="limit"/> runs that are
    /// <see cref="RunStatus.Running"/> (or <see cref="RunStatus.Pending"/>, but not queued) whose lease has expired and whose
    /// owner is not <paramref name="owner"/>, as <see cref="ClaimInterruptedRunsAsync"/> does (token bumped, running attempts
    /// interrupted, running jobs pending), and returns them with their new token and whose lease ran out when
    /// (<see cref="TakenOverRun"/>), oldest scheduled first. Hosts sweeping at once take different runs. A host's own runs are
    /// never taken: it renews their leases itself.
    /// </summary>
    Task<IReadOnlyList<TakenOverRun>> ClaimExpiredRunsAsync(string owner, TimeSpan lease, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases one run to <paramref name="owner"/> if nobody else holds it: it is queued (never leased), its lease expired,
    /// it is already <paramref name="owner"/>'s, or the run has finished (a retry). Returns the run's new lease token (one more
    /// than before: even a renewal by the same owner is a new claim), or null, changing nothing, when someone else holds it.
    /// Of several owners racing for one run, one wins.
    /// </summary>
    Task<long?> TryLeaseRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Extends the leases <paramref name="owner"/> holds on its running runs.</summary>
    Task RenewLeasesAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates runs queued for whoever takes them (<see cref="RunRecord.IsQueued"/>): <see cref="RunStatus.Pending"/>, with no
    /// owner and no lease, their jobs pending, in one write. A run whose id exists already is left alone (a backfill run has
    /// its scheduled id, so an instant that has a run is never queued twice). Watermarks do not move: a queued run is not a
    /// fire of the schedule. Returns the ids created, in the order given. Take one with <see cref="TryLeaseRunAsync"/>.
    /// </summary>
    Task<IReadOnlyList<string>> EnqueueRunsAsync(IReadOnlyList<NewRun> runs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes a queued run (<see cref="RunRecord.IsQueued"/>) to run it: leases it to <paramref name="owner"/> and marks it running as of
    /// <paramref name="at"/>, in one write (where <see cref="TryLeaseRunAsync"/> and <see cref="SetRunStatusAsync"/> take two, and the lease
    /// alone would also be granted on a run that has finished meanwhile). False, changing nothing, when the run is not queued (any
    /// more): of several takers racing for one run, one wins. With <paramref name="maxActive"/>, also refused when its workflow has that
    /// many active runs, counted in the same transaction, as <see cref="TryCreateRunAsync"/> counts them. Returns the run's new lease
    /// token, or null when refused.
    /// </summary>
    Task<long?> TryTakeQueuedRunAsync(string runId, string owner, TimeSpan lease, DateTimeOffset at, int? maxActive = null, CancellationToken cancellationToken = default);

    /// <summary>Queued runs (<see cref="RunRecord.IsQueued"/>), of one workflow or all, oldest scheduled first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RunRecord>> ListQueuedRunsAsync(string? workflow, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks a pending or running run to stop: records the request's time (the first one is kept) and returns the run as it
    /// is now; a run that has finished is returned unchanged, and an unknown id gives null. Nothing else changes: the holder
    /// of the run's lease sees the request (<see cref="ListCancelRequestsAsync"/>) and cancels the run; a run nobody holds
    /// (queued, or its lease expired) is cancelled by whoever leases it next.
    /// </summary>
    Task<RunRecord?> RequestCancelAsync(string runId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The pending or running runs leased to <paramref name="owner"/> that someone asked to cancel.</summary>
    Task<IReadOnlyList<RunRecord>> ListCancelRequestsAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pauses (or unpauses) a workflow by name, as of <paramref name="at"/>; false when it already was (not). The flag outlives
    /// restarts and reloads, and is kept for a name no workflow has (yet). Watermarks and runs are left alone.
    /// </summary>
    Task<bool> SetPausedAsync(string workflow, bool paused, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The paused workflows and since when each is paused.</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> ListPausedAsync(CancellationToken cancellationToken = default);
}
