using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Output;

/// <summary>
/// How runs and jobs read as text: lower-case states, durations as a .flow file writes them, outputs as JSON.
/// Each line is escaped with <see cref="TerminalText"/>: errors and outputs are the scripts' text.
/// </summary>
internal static class RunText
{
    // Outputs can be up to 1 MiB; a line in a terminal shows the start of one, `show --json` the whole.
    private const int OutputShown = 200;

    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static TimeSpan? Duration(JobRecord job) => job is { StartedAt: { } started, FinishedAt: { } finished } ? finished - started : null;

    /// <summary><c>load       succeeded  1 attempt   12ms  {"total":6}</c></summary>
    public static string JobLine(JobRecord job)
    {
        var attempts = job.Attempts == 1 ? "1 attempt" : $"{job.Attempts} attempts";
        var duration = Duration(job) is { } d ? Format(d) : "-";
        var detail = job.Status switch
        {
            JobStatus.Succeeded => Shorten(job.OutputJson ?? "null"),
            JobStatus.Failed => job.Error ?? "",
            JobStatus.Skipped => "an upstream job failed",
            _ => "",
        };
        return TerminalText.Escape($"{job.Job,-16} {Name(job.Status),-10} {attempts,-11} {duration,-8} {detail}".TrimEnd());
    }

    public static string Summary(RunRecord run)
    {
        var took = run is { StartedAt: { } started, FinishedAt: { } finished } ? $" in {Format(finished - started)}" : "";
        return TerminalText.Escape($"run {run.RunId} {Name(run.Status)}{took}");
    }

    public static string Format(TimeSpan span) => span < TimeSpan.FromMilliseconds(1) ? "0ms" : Durations.Format(TimeSpan.FromMilliseconds(Math.Round(span.TotalMilliseconds)));

    // The cut never splits a surrogate pair: half of "😀" is a lone surrogate, which a terminal shows as U+FFFD.
    public static string Shorten(string text) =>
        text.Length <= OutputShown ? text : string.Concat(text.AsSpan(0, char.IsHighSurrogate(text[OutputShown - 1]) ? OutputShown - 1 : OutputShown), "…");
}
