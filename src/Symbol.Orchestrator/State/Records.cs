namespace Symbol.Orchestrator.State;

public enum RunStatus { Pending, Running, Succeeded, Failed, Cancelled }

/// <summary>A job's state. <see cref="Cancelled"/>: its attempt was running when the run was cancelled (jobs not started by then are <see cref="Skipped"/>).</summary>
public enum JobStatus { Pending, Running, Succeeded, Failed, Skipped, Cancelled }

/// <summary>
/// Why a run exists: its schedule fired, a missed fire was caught up, someone triggered it, or a backfill queued it
/// for a past fire instant (with the scheduled run id, so the schedule never fires that instant again).
/// </summary>
public enum RunTrigger { Schedule, Catchup, Manual, Backfill }

/// <summary>
/// How one attempt at a job ended. <see cref="Interrupted"/>: the host died or stopped under it; it does not use up a retry.
/// <see cref="Cancelled"/>: the run was cancelled while it ran.
/// </summary>
public enum AttemptOutcome { Running, Succeeded, Failed, Interrupted, Cancelled }

/// <summary>
/// A run of a workflow. It carries the definition it started with (<see cref="DefinitionJson"/>: a
/// JSON object mapping the .flow file's path, and each .js file it uses, to its text), so it
/// finishes, and resumes, with that definition whatever changes on disk.
/// </summary>
public sealed record RunRecord(
    string RunId,
    string Workflow,
    RunStatus Status,
    RunTrigger Trigger,
    DateTimeOffset ScheduledAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string DefinitionPath,
    string DefinitionJson,
    string ParamsJson)
{
    /// <summary>The id of a scheduled (or caught-up) run: derived from the workflow and the instant, so the store can refuse a second one.</summary>
    public static string ScheduledRunId(string workflow, DateTimeOffset scheduledAt) =>
        $"{workflow}@{scheduledAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}";

    /// <summary>The host working on the run, as a store reads it; ignored when a run is created.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>When <see cref="LeaseOwner"/>'s lease runs out unless renewed; after it, another host may claim the run.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>
    /// Which claim of the run this is: 1 when it is created, one more at every claim after (<see cref="IStateStore.TryLeaseRunAsync"/>,
    /// <see cref="IStateStore.TryTakeQueuedRunAsync"/>, <see cref="IStateStore.ClaimInterruptedRunsAsync"/>, <see cref="IStateStore.ClaimExpiredRunsAsync"/>);
    /// 0 while it was never leased (queued). Every write about the run's work carries the token it was claimed under, and the
    /// store refuses a stale one (<see cref="LeaseLostException"/>), so a host that lost the lease records nothing more.
    /// </summary>
    public long LeaseToken { get; init; }

    /// <summary>When someone asked the run to stop (<see cref="IStateStore.RequestCancelAsync"/>); the holder of its lease acts on it.</summary>
    public DateTimeOffset? CancelRequestedAt { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the run's trace, recorded when it was created while someone traced the orchestrator; null
    /// otherwise. A run resumed, retried or taken over continues that trace (docs/telemetry.md).
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>
    /// A run waiting in the store for a host (or the process that queued it) to take it: pending, and never leased
    /// (<see cref="IStateStore.EnqueueRunsAsync"/>). It counts toward no concurrency until it is taken.
    /// </summary>
    public bool IsQueued => Status == RunStatus.Pending && LeaseOwner is null;

    /// <summary>
    /// Nobody works on the run at <paramref name="now"/>: it is queued (never leased), or its holder's lease ran out. Nobody would
    /// act on a cancel request for it, so whoever asks for one takes the run and cancels it.
    /// </summary>
    public bool HasNoHolder(DateTimeOffset now) => IsQueued || LeaseExpiresAt is { } expires && expires <= now;

    /// <summary>True once the run has ended: succeeded, failed or cancelled.</summary>
    public bool IsFinished => Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;
}

/// <summary>
/// A run <see cref="IStateStore.ClaimExpiredRunsAsync"/> took over: the run as it is now (leased to the new owner, under its
/// new token), and the owner whose lease ran out, and when.
/// </summary>
public sealed record TakenOverRun(RunRecord Run, string? PreviousOwner, DateTimeOffset? ExpiredAt);

/// <summary>A run to create with its jobs (in declaration order), as <see cref="IStateStore.EnqueueRunsAsync"/> takes them.</summary>
public sealed record NewRun(RunRecord Run, IReadOnlyList<string> Jobs);

/// <summary>
/// A job within a run: its state, attempts so far and, once it succeeded, its output (JSON).
/// <see cref="Attempts"/> counts the attempts that use up retries: started and not
/// <see cref="AttemptOutcome.Interrupted"/>, since the job was last set pending for a retry of the run.
/// Attempt numbers never repeat: the next one is <see cref="LastAttempt"/> + 1.
/// </summary>
public sealed record JobRecord(
    string RunId,
    string Job,
    JobStatus Status,
    int Attempts,
    string? OutputJson,
    string? Error,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>The highest attempt number recorded for the job, interrupted ones included; 0 before the first.</summary>
    public int LastAttempt { get; init; }

    /// <summary>
    /// How long the job's scripts ran: the sum of its attempts' start-to-end times, the waits before retries left
    /// out (a job retried after a 10 s backoff ran 2 s, not 12). An attempt the host died under has no end and adds
    /// nothing; null before any attempt ended.
    /// </summary>
    public TimeSpan? RunTime { get; init; }
}

/// <summary>One attempt at a job, with the lines its script logged.</summary>
public sealed record AttemptRecord(
    string RunId,
    string Job,
    int Attempt,
    AttemptOutcome Outcome,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    IReadOnlyList<string> Logs)
{
    /// <summary>The host that ran the attempt: the run's lease owner when it started; null in a store written before owners were kept.</summary>
    public string? Owner { get; init; }
}

/// <summary>
/// The end of an attempt, written durably in one step: the attempt, the job's new state and its output, under the lease
/// token the run was claimed with (<see cref="RunRecord.LeaseToken"/>).
/// </summary>
public sealed record AttemptFinish(
    string RunId,
    string Job,
    int Attempt,
    AttemptOutcome Outcome,
    DateTimeOffset FinishedAt,
    string? OutputJson,
    string? Error,
    IReadOnlyList<string> Logs,
    JobStatus NewJobStatus,
    long LeaseToken);
