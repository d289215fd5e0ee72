using Microsoft.Extensions.Logging;
using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Hosting;

/// <summary>The host's log events, in one place; run id, workflow and job are fields, not just text.</summary>
internal static partial class HostLog
{
    [LoggerMessage(100, LogLevel.Information, "Started: {Workflows} workflows from {Folder}, state {State}, data {Data}")]
    public static partial void Started(this ILogger logger, int workflows, string folder, string state, string data);

    [LoggerMessage(122, LogLevel.Information, "Start-up took {Total} ms from process start: store {Store} ms, then side by side: script engine warm-up {WarmUp} ms; resume {Resume} ms, compile {Compile} ms, catch-up and scheduling {Place} ms")]
    public static partial void StartupTimes(this ILogger logger, long total, long store, long warmUp, long resume, long compile, long place);

    [LoggerMessage(119, LogLevel.Information, "Next fires: {Summary}")]
    public static partial void NextFires(this ILogger logger, string summary);

    [LoggerMessage(101, LogLevel.Information, "Fire {Workflow} at {ScheduledAt:O} ({Trigger})")]
    public static partial void Fired(this ILogger logger, string workflow, DateTimeOffset scheduledAt, string trigger);

    [LoggerMessage(102, LogLevel.Information, "Skipped {Workflow} at {ScheduledAt:O}: {Active} run(s) active, concurrency {Concurrency}, overlap skip")]
    public static partial void Skipped(this ILogger logger, string workflow, DateTimeOffset scheduledAt, int active, int concurrency);

    // A warning, once per fire dropped: a backlog that fills means the workflow fires faster than its runs end.
    [LoggerMessage(123, LogLevel.Warning, "Dropped {Workflow} at {ScheduledAt:O}: {Waiting} fire(s) already wait for a slot, the bound of overlap queue max {QueueMax} ({Active} run(s) active, concurrency {Concurrency}); it fires faster than its runs end")]
    public static partial void QueueFull(this ILogger logger, string workflow, DateTimeOffset scheduledAt, int waiting, int queueMax, int active, int concurrency);

    [LoggerMessage(103, LogLevel.Debug, "{Workflow} at {ScheduledAt:O} already has a run in the store; not fired again")]
    public static partial void AlreadyFired(this ILogger logger, string workflow, DateTimeOffset scheduledAt);

    [LoggerMessage(105, LogLevel.Information, "Run {RunId} of {Workflow} ended {Status}")]
    public static partial void RunEnded(this ILogger logger, string runId, string workflow, string status);

    // The error arrives as ExecutorLog.FirstLine made it: its first line, escaped.
    [LoggerMessage(124, LogLevel.Warning, "Run {RunId} of {Workflow} ended failed: job {Job} failed: {Error}")]
    public static partial void RunFailed(this ILogger logger, string runId, string workflow, string job, string error);

    [LoggerMessage(106, LogLevel.Error, "Run of {Workflow} at {ScheduledAt:O} failed to run")]
    public static partial void RunCrashed(this ILogger logger, Exception exception, string workflow, DateTimeOffset scheduledAt);

    [LoggerMessage(107, LogLevel.Information, "Resuming run {RunId} of {Workflow}")]
    public static partial void Resuming(this ILogger logger, string runId, string workflow);

    [LoggerMessage(108, LogLevel.Error, "Run {RunId} of {Workflow} could not be resumed")]
    public static partial void ResumeFailed(this ILogger logger, Exception exception, string runId, string workflow);

    [LoggerMessage(109, LogLevel.Information, "Catch-up {Workflow}: {Count} missed fire(s) since {Watermark:O} (catchup {Mode})")]
    public static partial void CatchingUp(this ILogger logger, string workflow, int count, DateTimeOffset watermark, string mode);

    // Diagnostics arrive as Diagnostic.ToString(), whose control characters are already escaped.
    [LoggerMessage(110, LogLevel.Error, "{Diagnostic}")]
    public static partial void CompileError(this ILogger logger, string diagnostic);

    [LoggerMessage(111, LogLevel.Warning, "{Diagnostic}")]
    public static partial void CompileWarning(this ILogger logger, string diagnostic);

    /// <summary>The file's name is escaped as diagnostics are: any name can be saved in the folder, "\e[2J.flow" too.</summary>
    public static void KeptPrevious(this ILogger logger, string file) => LogKeptPrevious(logger, TerminalText.Escape(file));

    [LoggerMessage(112, LogLevel.Warning, "{File} has errors: its previous version keeps running", EventName = nameof(KeptPrevious))]
    private static partial void LogKeptPrevious(ILogger logger, string file);

    [LoggerMessage(113, LogLevel.Information, "Reload: {Summary}")]
    public static partial void Reloaded(this ILogger logger, string summary);

    [LoggerMessage(114, LogLevel.Error, "Reload failed; the workflows in force are unchanged")]
    public static partial void ReloadFailed(this ILogger logger, Exception exception);

    [LoggerMessage(115, LogLevel.Information, "Stopping: no new fire or job starts; waiting up to {Grace} for the running jobs of {Runs} active run(s) (their jobs not started resume at the next start); {Queued} queued fire(s) dropped unrecorded, left to the next start's catch-up")]
    public static partial void Stopping(this ILogger logger, TimeSpan grace, int runs, int queued);

    [LoggerMessage(116, LogLevel.Warning, "Grace period over: the remaining runs were cancelled, recorded as interrupted, and resume at the next start")]
    public static partial void GraceExpired(this ILogger logger);

    [LoggerMessage(117, LogLevel.Information, "Stopped")]
    public static partial void Stopped(this ILogger logger);

    [LoggerMessage(121, LogLevel.Information, "Queued {Workflow} at {ScheduledAt:O} ({Trigger}): {Active} run(s) active, concurrency {Concurrency}; it starts when a slot frees")]
    public static partial void Queued(this ILogger logger, string workflow, DateTimeOffset scheduledAt, string trigger, int active, int concurrency);

    [LoggerMessage(120, LogLevel.Information, "Dropped {Workflow} at {ScheduledAt:O} ({Trigger}) while it waited for a slot: its workflow was removed or the host is stopping; no run was recorded")]
    public static partial void Dropped(this ILogger logger, string workflow, DateTimeOffset scheduledAt, string trigger);

    [LoggerMessage(125, LogLevel.Warning, "Reading the store for {Poller} failed; it is read again in a moment")]
    public static partial void PollFailed(this ILogger logger, Exception exception, string poller);

    [LoggerMessage(140, LogLevel.Information, "Paused {Workflow} (since {Since:O}): its fires are skipped until unpaused")]
    public static partial void Paused(this ILogger logger, string workflow, DateTimeOffset since);

    [LoggerMessage(141, LogLevel.Information, "Unpaused {Workflow}: next fire {Next}")]
    public static partial void Unpaused(this ILogger logger, string workflow, string next);

    // Once per fire, scheduled or caught up: the watermark moves past it, so unpausing does not catch it up.
    [LoggerMessage(142, LogLevel.Information, "Skipped {Workflow} at {ScheduledAt:O} ({Trigger}): paused since {Since:O}")]
    public static partial void SkippedPaused(this ILogger logger, string workflow, DateTimeOffset scheduledAt, string trigger, DateTimeOffset since);

    [LoggerMessage(144, LogLevel.Warning, "Took over run {RunId} from {Owner}: its lease expired at {ExpiredAt:O}")]
    public static partial void TookOver(this ILogger logger, string runId, string owner, DateTimeOffset? expiredAt);

    [LoggerMessage(145, LogLevel.Warning, "Fire {Workflow} at {ScheduledAt:O} could not be recorded ({Error}); it keeps its place and tries again in {Wait}")]
    public static partial void FireRetrying(this ILogger logger, string workflow, DateTimeOffset scheduledAt, string error, string wait);

    [LoggerMessage(143, LogLevel.Information, "Taking queued run {RunId} of {Workflow}")]
    public static partial void TakingQueued(this ILogger logger, string runId, string workflow);

    [LoggerMessage(146, LogLevel.Error, "Run {RunId} of {Workflow} could not be run to its end")]
    public static partial void RunNotCarried(this ILogger logger, Exception exception, string runId, string workflow);

    // The operations the API asks of the host (docs/api.md), a line each, as the verbs' effects are seen in the host's log.
    [LoggerMessage(147, LogLevel.Information, "Trigger {Workflow} (requested): run {RunId}{Forced}")]
    public static partial void Triggered(this ILogger logger, string workflow, string runId, string forced);

    [LoggerMessage(148, LogLevel.Information, "Retry of run {RunId} (requested): {Jobs}")]
    public static partial void RetryRequested(this ILogger logger, string runId, string jobs);

    [LoggerMessage(149, LogLevel.Information, "Cancel of run {RunId} (requested)")]
    public static partial void CancelAsked(this ILogger logger, string runId);

    [LoggerMessage(150, LogLevel.Information, "Backfill {Workflow} (requested): {Queued} run(s) queued from {From:O} to {To:O}, {Existing} instant(s) already had one")]
    public static partial void BackfillQueued(this ILogger logger, string workflow, int queued, DateTimeOffset from, DateTimeOffset to, int existing);

    [LoggerMessage(151, LogLevel.Warning, "Could not read the store to look at {Count} fire(s) due at {ScheduledAt:O} that other hosts fire first ({Error}); not taken over here")]
    public static partial void StandbyLookFailed(this ILogger logger, int count, DateTimeOffset scheduledAt, string error);

    [LoggerMessage(118, LogLevel.Error, "The host failed")]
    public static partial void HostFailed(this ILogger logger, Exception exception);
}
