using Microsoft.Extensions.Logging;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;

namespace Symbol.Orchestrator.Execution;

/// <summary>The executor's log events, in one place.</summary>
internal static partial class ExecutorLog
{
    [LoggerMessage(1, LogLevel.Information, "Run {RunId} started ({Jobs} jobs to run)")]
    public static partial void RunStarted(this ILogger logger, string runId, int jobs);

    // Debug: the host logs each run's end itself, with its workflow and, for a failed run, the error.
    [LoggerMessage(2, LogLevel.Debug, "Run {RunId} {Status}")]
    public static partial void RunFinished(this ILogger logger, string runId, string status);

    [LoggerMessage(7, LogLevel.Information, "Job {Job} of run {RunId} started (attempt {Attempt})")]
    public static partial void JobStarted(this ILogger logger, string runId, string job, int attempt);

    /// <summary><paramref name="attempts"/> as <see cref="State.AttemptCount"/> writes it: <c>2 attempts (1 counted)</c>.</summary>
    [LoggerMessage(8, LogLevel.Information, "Job {Job} of run {RunId} succeeded after {Attempts}")]
    public static partial void JobSucceeded(this ILogger logger, string runId, string job, string attempts);

    /// <summary>The error's first line, escaped: the whole error is in the attempt's warning and in <c>show</c>.</summary>
    public static void JobFailed(this ILogger logger, string runId, string job, string attempts, string? error)
    {
        if (logger.IsEnabled(LogLevel.Warning))
            LogJobFailed(logger, runId, job, attempts, FirstLine(error));
    }

    [LoggerMessage(9, LogLevel.Warning, "Job {Job} of run {RunId} failed after {Attempts}: {Error}", EventName = nameof(JobFailed))]
    private static partial void LogJobFailed(ILogger logger, string runId, string job, string attempts, string error);

    [LoggerMessage(10, LogLevel.Information, "Job {Job} of run {RunId} skipped: upstream {Upstream} {Why}")]
    public static partial void JobSkipped(this ILogger logger, string runId, string job, string upstream, string why);

    /// <summary>
    /// The lines an attempt's script wrote with <c>log()</c> and <c>console.*</c>, once the attempt is over, under the
    /// category <c>Symbol.Orchestrator.Script</c>: <c>console.warn</c> and <c>console.error</c> lines (stored as
    /// <c>warn: …</c>, <c>error: …</c>) at warning, the others at information. Escaped, one log line each.
    /// </summary>
    public static void ScriptLines(this ILogger logger, string runId, string job, IReadOnlyList<string> lines)
    {
        // Checked once: a job that logs nothing, or a host that hides script lines, pays nothing per line.
        if (lines.Count == 0 || !logger.IsEnabled(LogLevel.Warning))
            return;
        var info = logger.IsEnabled(LogLevel.Information);
        foreach (var line in lines)
            if (line.StartsWith(LogCapture.WarnPrefix, StringComparison.Ordinal) || line.StartsWith(LogCapture.ErrorPrefix, StringComparison.Ordinal))
                LogScriptWarning(logger, runId, job, TerminalText.Escape(line));
            else if (info)
                LogScriptLine(logger, runId, job, TerminalText.Escape(line));
    }

    [LoggerMessage(11, LogLevel.Information, "{RunId} {Job}: {Line}", EventName = "ScriptLine")]
    private static partial void LogScriptLine(ILogger logger, string runId, string job, string line);

    [LoggerMessage(12, LogLevel.Warning, "{RunId} {Job}: {Line}", EventName = "ScriptWarning")]
    private static partial void LogScriptWarning(ILogger logger, string runId, string job, string line);

    /// <summary>An error's first line, escaped (<c>Error: empty</c> of a multi-line message or stack), for a one-line summary.</summary>
    public static string FirstLine(string? error)
    {
        if (string.IsNullOrEmpty(error))
            return "no error recorded";
        var end = error.AsSpan().IndexOfAny('\r', '\n');
        return TerminalText.Escape(end < 0 ? error : error[..end]);
    }

    /// <summary>
    /// The error is the script's text: escaped, so <c>throw new Error("x\n12:00:00 info: forged\u001b[2J")</c> is one
    /// log line that neither forges another nor clears the console.
    /// </summary>
    public static void AttemptFailed(this ILogger logger, string runId, string job, int attempt, string? error) =>
        LogAttemptFailed(logger, runId, job, attempt, error is null ? null : TerminalText.Escape(error));

    [LoggerMessage(3, LogLevel.Warning, "Job {Job} of run {RunId} failed attempt {Attempt}: {Error}", EventName = nameof(AttemptFailed))]
    private static partial void LogAttemptFailed(ILogger logger, string runId, string job, int attempt, string? error);

    // A run's handlers are logged as handlers, not jobs, so "Job on failure" never reads as a job of the workflow.

    public static void AttemptStarted(this ILogger logger, string runId, string job, int attempt, bool handler)
    {
        if (handler)
            LogHandlerStarted(logger, runId, job, attempt);
        else
            logger.JobStarted(runId, job, attempt);
    }

    public static void Succeeded(this ILogger logger, string runId, string job, string attempts, bool handler)
    {
        if (handler)
            LogHandlerSucceeded(logger, runId, job, attempts);
        else
            logger.JobSucceeded(runId, job, attempts);
    }

    public static void Failed(this ILogger logger, string runId, string job, string attempts, string? error, bool handler)
    {
        if (!handler)
            logger.JobFailed(runId, job, attempts, error);
        else if (logger.IsEnabled(LogLevel.Warning))
            LogHandlerFailed(logger, runId, job, attempts, FirstLine(error));
    }

    public static void AttemptFailed(this ILogger logger, string runId, string job, int attempt, string? error, bool handler)
    {
        if (!handler)
            logger.AttemptFailed(runId, job, attempt, error);
        else
            LogHandlerAttemptFailed(logger, runId, job, attempt, error is null ? null : TerminalText.Escape(error));
    }

    [LoggerMessage(30, LogLevel.Information, "Handler {Handler} of run {RunId} started (attempt {Attempt})", EventName = "HandlerStarted")]
    private static partial void LogHandlerStarted(ILogger logger, string runId, string handler, int attempt);

    [LoggerMessage(31, LogLevel.Information, "Handler {Handler} of run {RunId} succeeded after {Attempts}", EventName = "HandlerSucceeded")]
    private static partial void LogHandlerSucceeded(ILogger logger, string runId, string handler, string attempts);

    [LoggerMessage(32, LogLevel.Warning, "Handler {Handler} of run {RunId} failed after {Attempts}: {Error} (the run's status is not changed)",
        EventName = "RunHandlerFailed")]
    private static partial void LogHandlerFailed(ILogger logger, string runId, string handler, string attempts, string error);

    [LoggerMessage(33, LogLevel.Warning, "Handler {Handler} of run {RunId} failed attempt {Attempt}: {Error}", EventName = "HandlerAttemptFailed")]
    private static partial void LogHandlerAttemptFailed(ILogger logger, string runId, string handler, int attempt, string? error);

    [LoggerMessage(34, LogLevel.Information, "Handler {Handler} of run {RunId} skipped: the run {Status}", EventName = "HandlerSkipped")]
    public static partial void HandlerSkipped(this ILogger logger, string runId, string handler, string status);

    [LoggerMessage(4, LogLevel.Information, "Run {RunId} stopped; its running attempts are recorded as interrupted and it resumes at the next start")]
    public static partial void RunInterrupted(this ILogger logger, string runId);

    [LoggerMessage(13, LogLevel.Information, "Run {RunId}: cancel requested at {RequestedAt:O}; stopping its jobs")]
    public static partial void CancelRequested(this ILogger logger, string runId, DateTimeOffset requestedAt);

    [LoggerMessage(14, LogLevel.Information, "Job {Job} of run {RunId} cancelled (attempt {Attempt})")]
    public static partial void JobCancelled(this ILogger logger, string runId, string job, int attempt);

    [LoggerMessage(15, LogLevel.Information, "Job {Job} of run {RunId} cancelled before its retry (attempt {Attempt} not started)")]
    public static partial void JobCancelledBeforeRetry(this ILogger logger, string runId, string job, int attempt);

    [LoggerMessage(16, LogLevel.Information, "Job {Job} of run {RunId} skipped: the run was cancelled before it started")]
    public static partial void JobNotStarted(this ILogger logger, string runId, string job);

    [LoggerMessage(17, LogLevel.Warning, "Reading the cancel requests of {Owner} failed; they are read again in a moment")]
    public static partial void CancelPollFailed(this ILogger logger, Exception exception, string owner);

    [LoggerMessage(18, LogLevel.Warning,
        "Lost the lease of run {RunId}: {Holder} took it over after this host's lease ran out; this host stopped working on it, and its results since are dropped")]
    public static partial void LeaseLost(this ILogger logger, string runId, string holder);

    [LoggerMessage(5, LogLevel.Warning, "Renewing the leases of {Owner} failed")]
    public static partial void RenewFailed(this ILogger logger, Exception exception, string owner);

    [LoggerMessage(6, LogLevel.Warning, "A JobStarted or JobFinished handler threw for job {Job} of run {RunId}")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, string runId, string job);
}
