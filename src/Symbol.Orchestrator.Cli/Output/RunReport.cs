using System.Text.Json;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Output;

/// <summary><c>trigger --json</c> and <c>show --json</c> (SPEC §6): one run with its jobs.</summary>
internal sealed record RunReport(
    string RunId,
    string Workflow,
    string Status,
    string ScheduledAt,
    string? StartedAt,
    string? FinishedAt,
    IReadOnlyList<JobReport> Jobs)
{
    public static async Task<RunReport> LoadAsync(IStateStore store, RunRecord run)
    {
        var jobs = await store.GetJobsAsync(run.RunId);
        var attempts = await store.GetAttemptsAsync(run.RunId);
        return From(run, jobs, attempts);
    }

    public static RunReport From(RunRecord run, IReadOnlyList<JobRecord> jobs, IReadOnlyList<AttemptRecord> attempts) => new(
        run.RunId,
        run.Workflow,
        RunText.Name(run.Status),
        Iso.Format(run.ScheduledAt),
        run.StartedAt is { } started ? Iso.Format(started) : null,
        run.FinishedAt is { } finished ? Iso.Format(finished) : null,
        jobs.Select(j => JobReport.From(j, attempts.Where(a => a.Job == j.Job))).ToArray());
}

/// <param name="Output">The job's output as JSON (not a string holding JSON); null until it succeeded.</param>
/// <param name="Logs">The lines every attempt of the job logged, oldest first.</param>
internal sealed record JobReport(string Name, string Status, int Attempts, JsonElement? Output, string? Error, long? DurationMs, IReadOnlyList<string> Logs)
{
    public static JobReport From(JobRecord job, IEnumerable<AttemptRecord> attempts) => new(
        job.Job,
        RunText.Name(job.Status),
        job.Attempts,
        job.OutputJson is null ? null : JsonDocument.Parse(job.OutputJson).RootElement.Clone(),
        job.Error,
        RunText.Duration(job) is { } duration ? (long)Math.Round(duration.TotalMilliseconds) : null,
        attempts.SelectMany(a => a.Logs).ToArray());
}
