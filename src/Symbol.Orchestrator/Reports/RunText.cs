using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Reports;

/// <summary>
/// How runs and jobs read as text: lower-case states, durations as a .flow file writes them, outputs as JSON.
/// Each line is escaped with <see cref="TerminalText"/>: errors and outputs are the scripts' text.
/// </summary>
internal static class RunText
{
    // Outputs can be up to 1 MiB; a line in a terminal shows the start of one, `show --json` the whole.
    private const int OutputShown = 200;

    /// <summary>
    /// <c>load       succeeded  1 attempt   ran 12ms  {"total":6}</c>; the attempts column fits <c>2 attempts (1 counted)</c>: "ran" is <see cref="JobRecord.RunTime"/>, the
    /// time its attempts ran, without the waits before retries.
    /// </summary>
    /// <param name="run">The run's status, when known: a job skipped in a cancelled run was not started because of the cancel.</param>
    public static string JobLine(JobRecord job, RunStatus? run = null)
    {
        var attempts = AttemptCount.Describe(job);
        var duration = job.RunTime is { } d ? "ran " + DurationText.Format(d) : "-";
        var detail = job.Status switch
        {
            JobStatus.Succeeded => Shorten(job.OutputJson ?? "null"),
            JobStatus.Failed => job.Error ?? "",
            JobStatus.Skipped when HandlerDefinition.IsHandlerName(job.Job) => "not for this outcome",
            // The store keeps no reason for a skip; the executor's event gives one, and a cancelled run implies it.
            JobStatus.Skipped => job.Error ?? (run == RunStatus.Cancelled ? RunExecutor.NotStartedReason : "an upstream job failed"),
            JobStatus.Cancelled => "the run was cancelled",
            _ => "",
        };
        return TerminalText.Escape($"{job.Job,-16} {EnumText.Name(job.Status),-10} {attempts,-22} {duration,-10} {detail}".TrimEnd());
    }

    /// <summary>The heading above a run's handlers, which follow its jobs.</summary>
    public const string HandlersHeading = "handlers";

    /// <summary>A line per job, then the handlers under <see cref="HandlersHeading"/>: a finished run's jobs as a table.</summary>
    public static IEnumerable<string> JobLines(IEnumerable<JobRecord> jobs, RunStatus? run = null)
    {
        var headed = false;
        foreach (var job in jobs.OrderBy(j => HandlerDefinition.IsHandlerName(j.Job)))
        {
            if (!headed && HandlerDefinition.IsHandlerName(job.Job))
            {
                headed = true;
                yield return HandlersHeading;
            }
            yield return JobLine(job, run);
        }
    }

    public static string Summary(RunRecord run)
    {
        var took = Span(run) is { } span ? $" in {DurationText.Format(span)}" : "";
        return TerminalText.Escape($"run {run.RunId} {EnumText.Name(run.Status)}{took}");
    }

    /// <summary>A finished run's first start to its last end: the whole wall time, waits before retries (and a <c>retry</c> days later) included.</summary>
    public static TimeSpan? Span(RunRecord run) => run is { StartedAt: { } started, FinishedAt: { } finished } ? finished - started : null;

    /// <summary>
    /// One attempt, what its times mean said, and where it ran: <c>attempt 2: succeeded, started 2026-11-27T12:04:15Z, took 2s, on vm:6441</c>.
    /// An attempt the host died under has no end the store saw, so no duration is made up for it.
    /// </summary>
    public static string AttemptLine(AttemptRecord attempt)
    {
        var end = attempt switch
        {
            { FinishedAt: { } finished } => $", took {DurationText.Format(finished - attempt.StartedAt)}",
            { Outcome: AttemptOutcome.Interrupted } => ", ended with the host (not measured)",
            _ => ", still running",
        };
        // Which host ran it: with several hosts on one database, where to look for its logs.
        var host = attempt.Owner is { } owner ? ", on " + owner : "";
        var error = attempt.Error is { } e ? ": " + e : "";
        return TerminalText.Escape($"attempt {attempt.Attempt}: {EnumText.Name(attempt.Outcome)}, started {Iso.Format(attempt.StartedAt)}{end}{host}{error}");
    }

    public static long? Milliseconds(TimeSpan? span) => span is { } s ? (long)Math.Round(s.TotalMilliseconds) : null;

    // The cut never splits a surrogate pair: half of "😀" is a lone surrogate, which a terminal shows as U+FFFD.
    public static string Shorten(string text) =>
        text.Length <= OutputShown ? text : string.Concat(text.AsSpan(0, char.IsHighSurrogate(text[OutputShown - 1]) ? OutputShown - 1 : OutputShown), "…");
}
