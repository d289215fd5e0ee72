using Microsoft.Extensions.Logging;

namespace Symbol.Scheduling;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "Job {Job} failed (scheduled at {ScheduledAt:O})")]
    public static partial void JobFailed(this ILogger logger, Exception exception, string job, DateTimeOffset scheduledAt);

    [LoggerMessage(2, LogLevel.Warning, "Job {Job} missed its fire at {ScheduledAt:O}; running it once now")]
    public static partial void MissedRunOnce(this ILogger logger, string job, DateTimeOffset scheduledAt);

    [LoggerMessage(3, LogLevel.Warning, "Job {Job} missed its fire at {ScheduledAt:O}; skipped by policy")]
    public static partial void MissedSkipped(this ILogger logger, string job, DateTimeOffset scheduledAt);

    [LoggerMessage(4, LogLevel.Warning, "Scheduler stopped with {Count} job(s) still running after {Timeout}; they were cancelled")]
    public static partial void StopTimedOut(this ILogger logger, int count, TimeSpan timeout);
}
