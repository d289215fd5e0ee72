using Microsoft.Extensions.Logging;
using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Execution;

/// <summary>The executor's log events, in one place.</summary>
internal static partial class ExecutorLog
{
    [LoggerMessage(1, LogLevel.Information, "Run {RunId} started ({Jobs} jobs to run)")]
    public static partial void RunStarted(this ILogger logger, string runId, int jobs);

    [LoggerMessage(2, LogLevel.Information, "Run {RunId} {Status}")]
    public static partial void RunFinished(this ILogger logger, string runId, string status);

    /// <summary>
    /// The error is the script's text: escaped, so <c>throw new Error("x\n12:00:00 info: forged\u001b[2J")</c> is one
    /// log line that neither forges another nor clears the console.
    /// </summary>
    public static void AttemptFailed(this ILogger logger, string runId, string job, int attempt, string? error) =>
        LogAttemptFailed(logger, runId, job, attempt, error is null ? null : TerminalText.Escape(error));

    [LoggerMessage(3, LogLevel.Warning, "Job {Job} of run {RunId} failed attempt {Attempt}: {Error}", EventName = nameof(AttemptFailed))]
    private static partial void LogAttemptFailed(ILogger logger, string runId, string job, int attempt, string? error);

    [LoggerMessage(4, LogLevel.Information, "Run {RunId} stopped; its running attempts are recorded as interrupted and it resumes at the next start")]
    public static partial void RunInterrupted(this ILogger logger, string runId);

    [LoggerMessage(5, LogLevel.Warning, "Renewing the leases of {Owner} failed")]
    public static partial void RenewFailed(this ILogger logger, Exception exception, string owner);

    [LoggerMessage(6, LogLevel.Warning, "A JobStarted or JobFinished handler threw for job {Job} of run {RunId}")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, string runId, string job);
}
