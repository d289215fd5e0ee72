using System.Text.Json;
using System.Text.Json.Serialization;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Reports;

/// <summary><c>trigger --json</c>, <c>show --json</c> and <c>cancel --json</c> (docs/cli.md): one run with its jobs, and its handlers apart from them.</summary>
/// <param name="Handlers">The run's <c>on failure</c>, <c>on success</c> and <c>on exit</c>, shaped as jobs; <paramref name="Jobs"/> holds only jobs.</param>
/// <param name="CancelRequestedAt">When someone asked the run to stop (<c>orchestrator cancel</c>); null if nobody did.</param>
internal sealed record RunReport(
    string RunId,
    string Workflow,
    string Status,
    string ScheduledAt,
    string? StartedAt,
    string? FinishedAt,
    IReadOnlyList<JobReport> Jobs,
    IReadOnlyList<JobReport> Handlers,
    string? CancelRequestedAt)
{
    /// <summary>The run's workflow is paused now (<c>orchestrator pause</c>): its scheduled fires are skipped.</summary>
    public bool WorkflowPaused { get; init; }

    /// <summary>The dependency edges (<c>[from, to]</c>) of the definition the run ran with, for drawing its graph: given by the API, not by the CLI.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<IReadOnlyList<string>>? Edges { get; init; }

    public static async Task<RunReport> LoadAsync(IStateStore store, RunRecord run)
    {
        var jobs = await store.GetJobsAsync(run.RunId);
        var attempts = await store.GetAttemptsAsync(run.RunId);
        var paused = await store.ListPausedAsync();
        return From(run, jobs, attempts) with { WorkflowPaused = paused.ContainsKey(run.Workflow) };
    }

    public static RunReport From(RunRecord run, IReadOnlyList<JobRecord> jobs, IReadOnlyList<AttemptRecord> attempts) => new(
        run.RunId,
        run.Workflow,
        EnumText.Name(run.Status),
        Iso.Format(run.ScheduledAt),
        run.StartedAt is { } started ? Iso.Format(started) : null,
        run.FinishedAt is { } finished ? Iso.Format(finished) : null,
        jobs.Where(j => !HandlerDefinition.IsHandlerName(j.Job)).Select(j => JobReport.From(j, attempts.Where(a => a.Job == j.Job))).ToArray(),
        jobs.Where(j => HandlerDefinition.IsHandlerName(j.Job)).Select(j => JobReport.From(j, attempts.Where(a => a.Job == j.Job))).ToArray(),
        run.CancelRequestedAt is { } requested ? Iso.Format(requested) : null);
}

/// <param name="Attempts">The attempts counted against the job's retries; <paramref name="AttemptHistory"/> lists every one made.</param>
/// <param name="Output">The job's output as JSON (not a string holding JSON); null until it succeeded.</param>
/// <param name="DurationMs">How long its attempts ran, added up (<see cref="JobRecord.RunTime"/>): the waits before retries are not in it.</param>
/// <param name="Host">The host (or CLI process) that ran the job's last attempt; null before one started, or in a store written before hosts were kept.</param>
/// <param name="Logs">The lines every attempt of the job logged, oldest first.</param>
internal sealed record JobReport(
    string Name,
    string Status,
    int Attempts,
    JsonElement? Output,
    string? Error,
    long? DurationMs,
    string? Host,
    IReadOnlyList<string> Logs,
    IReadOnlyList<AttemptReport> AttemptHistory)
{
    public static JobReport From(JobRecord job, IEnumerable<AttemptRecord> attempts)
    {
        var list = attempts.ToArray();
        return new(
            job.Job,
            EnumText.Name(job.Status),
            job.Attempts,
            job.OutputJson is null ? null : JsonDocument.Parse(job.OutputJson).RootElement.Clone(),
            job.Error,
            RunText.Milliseconds(job.RunTime),
            list.LastOrDefault()?.Owner,
            list.SelectMany(a => a.Logs).ToArray(),
            list.Select(AttemptReport.From).ToArray());
    }
}

/// <summary>One attempt at a job. An interrupted attempt whose host died has no <paramref name="FinishedAt"/> nor <paramref name="DurationMs"/>: its end was not seen.</summary>
/// <param name="Host">The host (or CLI process) that ran it.</param>
internal sealed record AttemptReport(int Number, string Outcome, string StartedAt, string? FinishedAt, long? DurationMs, string? Error, string? Host)
{
    public static AttemptReport From(AttemptRecord attempt) => new(
        attempt.Attempt,
        EnumText.Name(attempt.Outcome),
        Iso.Format(attempt.StartedAt),
        attempt.FinishedAt is { } finished ? Iso.Format(finished) : null,
        RunText.Milliseconds(attempt.FinishedAt - attempt.StartedAt),
        attempt.Error,
        attempt.Owner);
}
