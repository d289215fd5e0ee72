using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Testing;

/// <summary>
/// An <see cref="IStateStore"/> in dictionaries, for measuring the executor with the store taken out: every
/// call completes synchronously under one lock. Not durable, no leases enforced; enough of the contract for
/// runs that start, run their jobs and finish.
/// </summary>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<(string RunId, string Job), JobRecord> _jobs = [];
    private readonly Dictionary<string, List<string>> _jobNames = new(StringComparer.Ordinal);
    private readonly Dictionary<(string RunId, string Job, int Attempt), AttemptRecord> _attempts = [];
    private readonly Dictionary<string, DateTimeOffset> _watermarks = new(StringComparer.Ordinal);

    /// <summary>Drops every run, so a long benchmark does not grow the heap it measures.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _runs.Clear();
            _jobs.Clear();
            _jobNames.Clear();
            _attempts.Clear();
        }
    }

    public int SucceededJobs()
    {
        lock (_lock)
            return _jobs.Values.Count(j => j.Status == JobStatus.Succeeded);
    }

    public Task<bool> TryCreateRunAsync(RunRecord run, IReadOnlyList<string> jobs, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (run.Trigger is RunTrigger.Schedule or RunTrigger.Catchup && (!_watermarks.TryGetValue(run.Workflow, out var at) || at < run.ScheduledAt))
                _watermarks[run.Workflow] = run.ScheduledAt;
            if (!_runs.TryAdd(run.RunId, run with { LeaseOwner = owner }))
                return Task.FromResult(false);
            _jobNames[run.RunId] = [.. jobs];
            foreach (var job in jobs)
                _jobs[(run.RunId, job)] = new JobRecord(run.RunId, job, JobStatus.Pending, 0, null, null, null, null);
            return Task.FromResult(true);
        }
    }

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(_runs.GetValueOrDefault(runId));
    }

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(string? workflow, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<RunRecord>>(_runs.Values.Where(r => workflow is null || r.Workflow == workflow)
                .OrderByDescending(r => r.StartedAt ?? r.ScheduledAt).Take(limit).ToList());
    }

    // Leases are not kept here (one executor, no claims): every pending or running run is active.
    public Task<IReadOnlyList<RunRecord>> ListActiveRunsAsync(string workflow, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<RunRecord>>(_runs.Values
                .Where(r => r.Workflow == workflow && r.Status is RunStatus.Pending or RunStatus.Running).OrderBy(r => r.ScheduledAt).ToList());
    }

    public Task<IReadOnlyList<JobRecord>> GetJobsAsync(string runId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<JobRecord>>(_jobNames.TryGetValue(runId, out var names) ? names.Select(n => _jobs[(runId, n)]).ToList() : []);
    }

    public Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<AttemptRecord>>(_attempts.Values.Where(a => a.RunId == runId).ToList());
    }

    public Task SetRunStatusAsync(string runId, RunStatus status, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var run = _runs[runId];
            var done = status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;
            _runs[runId] = run with { Status = status, FinishedAt = done ? at : null, StartedAt = run.StartedAt ?? at };
        }
        return Task.CompletedTask;
    }

    public Task StartAttemptAsync(string runId, string job, int attempt, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var record = _jobs[(runId, job)];
            _jobs[(runId, job)] = record with { Status = JobStatus.Running, Attempts = record.Attempts + 1, StartedAt = record.StartedAt ?? at, LastAttempt = attempt };
            _attempts[(runId, job, attempt)] = new AttemptRecord(runId, job, attempt, AttemptOutcome.Running, at, null, null, []);
        }
        return Task.CompletedTask;
    }

    public Task FinishAttemptAsync(AttemptFinish finish, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var key = (finish.RunId, finish.Job, finish.Attempt);
            if (!_attempts.TryGetValue(key, out var attempt) || attempt.Outcome != AttemptOutcome.Running)
                throw new InvalidOperationException($"attempt {finish.Attempt} of {finish.RunId}/{finish.Job} is not running");
            _attempts[key] = attempt with { Outcome = finish.Outcome, FinishedAt = finish.FinishedAt, Error = finish.Error, Logs = finish.Logs };
            var record = _jobs[(finish.RunId, finish.Job)];
            _jobs[(finish.RunId, finish.Job)] = record with
            {
                Status = finish.NewJobStatus,
                Attempts = finish.Outcome == AttemptOutcome.Interrupted ? record.Attempts - 1 : record.Attempts,
                OutputJson = finish.OutputJson,
                Error = finish.Error,
                FinishedAt = finish.NewJobStatus is JobStatus.Succeeded or JobStatus.Failed ? finish.FinishedAt : null,
            };
        }
        return Task.CompletedTask;
    }

    public Task SetJobStatusAsync(string runId, IReadOnlyList<string> jobs, JobStatus status, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            foreach (var job in jobs)
            {
                var record = _jobs[(runId, job)];
                _jobs[(runId, job)] = status == JobStatus.Pending
                    ? record with { Status = status, Attempts = 0, OutputJson = null, Error = null, StartedAt = null, FinishedAt = null }
                    : record with { Status = status };
            }
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> GetWatermarkAsync(string workflow, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(_watermarks.TryGetValue(workflow, out var at) ? at : (DateTimeOffset?)null);
    }

    public Task AdvanceWatermarkAsync(string workflow, DateTimeOffset instant, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            if (!_watermarks.TryGetValue(workflow, out var at) || at < instant)
                _watermarks[workflow] = instant;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RunRecord>> ClaimInterruptedRunsAsync(string owner, TimeSpan lease, IReadOnlyCollection<string>? goneOwners = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RunRecord>>([]);

    public Task<bool> TryLeaseRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task RenewLeasesAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
