using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Scripting;

/// <summary>What one attempt at a job is given: who it is, and its inputs as JSON.</summary>
public sealed record AttemptContext(
    string RunId,
    string Workflow,
    string Job,
    DateTimeOffset ScheduledAt,
    int Attempt,
    string ParamsJson,
    IReadOnlyDictionary<string, string> InputsJson);

/// <summary>How one attempt ended: its output (JSON, at most 1 MiB) or an error that names the line or the limit, and what it logged.</summary>
public sealed record AttemptResult(bool Succeeded, string? OutputJson, string? Error, IReadOnlyList<string> Logs)
{
    public static AttemptResult Success(string outputJson, IReadOnlyList<string> logs) => new(true, outputJson, null, logs);

    public static AttemptResult Failure(string error, IReadOnlyList<string> logs) => new(false, null, error, logs);
}

/// <summary>The executor's seam for running one attempt: the Jint sandbox in production, fakes in tests.</summary>
public interface IJobRunner
{
    Task<AttemptResult> RunAsync(WorkflowDefinition workflow, JobDefinition job, AttemptContext context, CancellationToken cancellationToken);
}
