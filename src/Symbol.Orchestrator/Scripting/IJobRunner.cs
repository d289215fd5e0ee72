using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Scripting;

/// <summary>What one attempt at a job is given: who it is, and its inputs (direct upstream outputs) as JSON.</summary>
public sealed record AttemptContext(
    string RunId,
    string Workflow,
    string Job,
    DateTimeOffset ScheduledAt,
    int Attempt,
    string ParamsJson,
    IReadOnlyDictionary<string, string> InputsJson)
{
    /// <summary>
    /// Every ancestor's output (upstream of upstream, all the way up), the script's <c>outputs</c>: in
    /// <c>ingest -> transform -> check -> load</c>, <c>load</c> reads <c>outputs.transform</c>. The direct ones when not given.
    /// </summary>
    public IReadOnlyDictionary<string, string> OutputsJson { get; init; } = InputsJson;

    /// <summary>How the run's jobs ended, for a handler (the script's <c>run.status</c> and <c>run.failed</c>); null for a job.</summary>
    public RunOutcome? Outcome { get; init; }
}

/// <summary>A run's outcome as its handlers see it: its status (<c>succeeded</c>, <c>failed</c>, <c>cancelled</c>) and each failed job's error.</summary>
public sealed record RunOutcome(string Status, IReadOnlyDictionary<string, string> Failed);

/// <summary>How one attempt ended: its output (JSON, at most 1 MiB) or an error that names the line or the limit, and what it logged.</summary>
public sealed record AttemptResult(bool Succeeded, string? OutputJson, string? Error, IReadOnlyList<string> Logs)
{
    /// <summary>An error longer than this keeps its start and says how much was cut; the store keeps one per attempt.</summary>
    public const int MaxErrorChars = 4096;

    /// <summary>Capped however the result is made, since a script chooses its message (and every runner's error is stored).</summary>
    public string? Error { get; } = Error is null ? null : TextCap.Cut(Error, MaxErrorChars);

    public static AttemptResult Success(string outputJson, IReadOnlyList<string> logs) => new(true, outputJson, null, logs);

    public static AttemptResult Failure(string error, IReadOnlyList<string> logs) => new(false, null, error, logs);
}

/// <summary>The executor's seam for running one attempt: the Jint sandbox in production, fakes in tests.</summary>
public interface IJobRunner
{
    Task<AttemptResult> RunAsync(WorkflowDefinition workflow, JobDefinition job, AttemptContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Pays a runner's one-time start-up cost (the first Jint engine in a process takes about half a second) before the
    /// first job, so that job's duration does not include it; returns how long it took. Nothing to pay by default.
    /// </summary>
    TimeSpan WarmUp() => TimeSpan.Zero;
}
