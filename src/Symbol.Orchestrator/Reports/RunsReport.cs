using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Reports;

/// <summary><c>runs --json</c> (docs/cli.md): run history, newest first, and the workflows paused now.</summary>
internal sealed record RunsReport(IReadOnlyList<RunSummary> Runs, IReadOnlyList<PausedReport> Paused)
{
    public static RunsReport From(IEnumerable<RunRecord> runs, IReadOnlyCollection<string> goneHosts, DateTimeOffset now, IEnumerable<KeyValuePair<string, DateTimeOffset>> paused) =>
        new(runs.Select(r => RunSummary.From(r, goneHosts, now)).ToArray(), paused.Select(p => new PausedReport(p.Key, Iso.Format(p.Value))).ToArray());
}

/// <summary>A paused workflow (<c>orchestrator pause</c>) and since when.</summary>
internal sealed record PausedReport(string Workflow, string Since);

/// <summary>One run as <c>runs</c> shows it: the fields every run document has, then its owner, staleness and wall time.</summary>
/// <param name="Owner">The host or CLI process that holds (or last held) the run's lease.</param>
/// <param name="Stale">Active in the store, but nobody works on it: see <see cref="RunStaleness"/>; <paramref name="StaleReason"/> says why.</param>
/// <param name="DurationMs">A finished run's first start to its end (<see cref="RunText.Span"/>), waits before retries included; null until it ends.</param>
internal sealed record RunSummary(
    string RunId,
    string Workflow,
    string Status,
    string Trigger,
    string ScheduledAt,
    string? StartedAt,
    string? FinishedAt,
    string? Owner,
    bool Stale,
    string? StaleReason,
    long? DurationMs)
{
    public static RunSummary From(RunRecord run, IReadOnlyCollection<string> goneHosts, DateTimeOffset now)
    {
        var stale = RunStaleness.Reason(run, goneHosts, now);
        return new(
            run.RunId,
            run.Workflow,
            EnumText.Name(run.Status),
            EnumText.Name(run.Trigger),
            Iso.Format(run.ScheduledAt),
            run.StartedAt is { } started ? Iso.Format(started) : null,
            run.FinishedAt is { } finished ? Iso.Format(finished) : null,
            run.LeaseOwner,
            stale is not null,
            stale,
            RunText.Milliseconds(RunText.Span(run)));
    }
}
