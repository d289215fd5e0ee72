using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Testing;

/// <summary>
/// An <see cref="IStateStore"/> in memory, under one lock: every call completes synchronously. It keeps the whole
/// store contract (leases, claims, attempt rules; the contract tests run against it) but nothing survives the
/// process. The benchmarks measure the executor on it with the store's I/O taken out.
/// </summary>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _watermarks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _paused = new(StringComparer.Ordinal);

    public InMemoryStateStore(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Drops every run, so a long benchmark does not grow the heap it measures.</summary>
    public void Clear()
    {
        lock (_lock)
            _runs.Clear();
    }

    public int SucceededJobs()
    {
        lock (_lock)
            return _runs.Values.Sum(r => r.Jobs.Count(j => j.Record.Status == JobStatus.Succeeded));
    }

    public Task<RunCreation> TryCreateRunAsync(RunRecord run, IReadOnlyList<string> jobs, string owner, TimeSpan lease, int? maxActive = null,
        CancellationToken cancellationToken = default)
    {
        NewRunArguments.Check(run, jobs, owner);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var exists = _runs.ContainsKey(run.RunId);
            if (!exists && maxActive is { } max && CountActive(run.Workflow) >= max)
                return Task.FromResult(RunCreation.AtLimit);
            // Created or not, a scheduled fire counts as acted on, as in the SQLite store's single write.
            if (run.Trigger is RunTrigger.Schedule or RunTrigger.Catchup)
                Advance(run.Workflow, run.ScheduledAt);
            if (exists)
                return Task.FromResult(RunCreation.Exists);
            var record = run with { LeaseOwner = owner, LeaseExpiresAt = _time.GetUtcNow() + lease, CancelRequestedAt = null, LeaseToken = 1 };
            _runs[run.RunId] = new Run(record, jobs.Select(j => new Job(new JobRecord(run.RunId, j, JobStatus.Pending, 0, null, null, null, null))).ToList());
            return Task.FromResult(RunCreation.Created);
        }
    }

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(_runs.GetValueOrDefault(runId)?.Record);
    }

    public Task<IReadOnlyList<RunRecord>> GetRunsAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        lock (_lock)
            return Task.FromResult<IReadOnlyList<RunRecord>>(runIds.Distinct().Select(id => _runs.GetValueOrDefault(id)?.Record).OfType<RunRecord>().ToList());
    }

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(string? workflow, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_lock)
            return Task.FromResult<IReadOnlyList<RunRecord>>(_runs.Values.Select(r => r.Record).Where(r => workflow is null || r.Workflow == workflow)
                .OrderByDescending(r => r.StartedAt ?? r.ScheduledAt).ThenByDescending(r => r.ScheduledAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal)
                .Take(limit).ToList());
    }

    public Task<IReadOnlyList<RunRecord>> ListRunsPageAsync(string? workflow, RunStatus? status, int limit, RunCursor? before = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_lock)
            return Task.FromResult<IReadOnlyList<RunRecord>>(_runs.Values.Select(r => r.Record)
                .Where(r => (workflow is null || r.Workflow == workflow) && (status is null || r.Status == status))
                .Where(r => before is null || r.ScheduledAt < before.ScheduledAt
                    || (r.ScheduledAt == before.ScheduledAt && string.CompareOrdinal(r.RunId, before.RunId) < 0))
                .OrderByDescending(r => r.ScheduledAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal)
                .Take(limit).ToList());
    }

    public Task<IReadOnlyDictionary<string, RunRecord>> GetLastRunsAsync(IReadOnlyCollection<string> workflows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        var names = workflows.ToHashSet(StringComparer.Ordinal);
        lock (_lock)
            return Task.FromResult<IReadOnlyDictionary<string, RunRecord>>(_runs.Values.Select(r => r.Record).Where(r => names.Contains(r.Workflow))
                .GroupBy(r => r.Workflow, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.ScheduledAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).First(), StringComparer.Ordinal));
    }

    public Task<IReadOnlyList<RunRecord>> ListActiveRunsAsync(string workflow, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            return Task.FromResult<IReadOnlyList<RunRecord>>(_runs.Values.Select(r => r.Record)
                .Where(r => r.Workflow == workflow && IsActive(r) && r.LeaseExpiresAt > now)
                .OrderBy(r => r.ScheduledAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList());
        }
    }

    public Task<IReadOnlyList<JobRecord>> GetJobsAsync(string runId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<JobRecord>>(_runs.TryGetValue(runId, out var run) ? run.Jobs.Select(j => j.Read()).ToList() : []);
    }

    public Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<AttemptRecord>>(_runs.TryGetValue(runId, out var run) ? run.Jobs.SelectMany(j => j.Attempts).ToList() : []);
    }

    public Task SetRunStatusAsync(string runId, RunStatus status, DateTimeOffset at, long leaseToken, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            CheckLease(runId, leaseToken);
            var run = _runs.GetValueOrDefault(runId) ?? throw new InvalidOperationException($"The store holds no run '{runId}'.");
            // A run that has started keeps its first start; running again (a retry) clears its finish.
            run.Record = run.Record with
            {
                Status = status,
                StartedAt = status == RunStatus.Running ? run.Record.StartedAt ?? at : run.Record.StartedAt,
                FinishedAt = status is RunStatus.Pending or RunStatus.Running ? null : at,
                CancelRequestedAt = status is RunStatus.Pending or RunStatus.Running && run.Record.IsFinished ? null : run.Record.CancelRequestedAt,
            };
        }
        return Task.CompletedTask;
    }

    public Task StartAttemptAsync(string runId, string job, int attempt, DateTimeOffset at, long leaseToken, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            CheckLease(runId, leaseToken);
            var state = FindJob(runId, job);
            if (state.Record.LastAttempt >= attempt || state.Attempts.Any(a => a.Outcome == AttemptOutcome.Running))
                throw new InvalidOperationException(
                    $"Attempt {attempt} of job '{job}' in run '{runId}' cannot start: an attempt of the job is still running, or attempt {attempt} or a later one was already recorded.");
            state.Record = state.Record with
            {
                Status = JobStatus.Running,
                Attempts = state.Record.Attempts + 1,
                LastAttempt = attempt,
                StartedAt = state.Record.StartedAt ?? at,
                FinishedAt = null,
                Error = null,
            };
            state.Attempts.Add(new AttemptRecord(runId, job, attempt, AttemptOutcome.Running, at, null, null, []) { Owner = _runs[runId].Record.LeaseOwner });
        }
        return Task.CompletedTask;
    }

    public Task FinishAttemptAsync(AttemptFinish finish, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(finish);
        if (finish.Outcome == AttemptOutcome.Running)
            throw new ArgumentException("A finished attempt needs an outcome other than Running.", nameof(finish));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            CheckLease(finish.RunId, finish.LeaseToken);
            var state = _runs.GetValueOrDefault(finish.RunId)?.Jobs.Find(j => j.Record.Job == finish.Job);
            var index = state?.Attempts.FindIndex(a => a.Attempt == finish.Attempt && a.Outcome == AttemptOutcome.Running) ?? -1;
            if (state is null || index < 0)
                throw new InvalidOperationException(
                    $"Attempt {finish.Attempt} of job '{finish.Job}' in run '{finish.RunId}' is not running: it was never started, already finished, or interrupted when another host claimed the run.");
            state.Attempts[index] = state.Attempts[index] with { Outcome = finish.Outcome, FinishedAt = finish.FinishedAt, Error = finish.Error, Logs = [.. finish.Logs] };
            state.Record = state.Record with
            {
                Status = finish.NewJobStatus,
                OutputJson = finish.OutputJson,
                Error = finish.Error,
                // An attempt finished as interrupted (a graceful stop) gives its retry back.
                Attempts = state.Record.Attempts - (finish.Outcome == AttemptOutcome.Interrupted ? 1 : 0),
                FinishedAt = finish.NewJobStatus is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Skipped or JobStatus.Cancelled ? finish.FinishedAt : null,
            };
        }
        return Task.CompletedTask;
    }

    public Task SetJobStatusAsync(string runId, IReadOnlyList<string> jobs, JobStatus status, long leaseToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (status == JobStatus.Running)
            throw new ArgumentException("A job becomes running by starting an attempt (StartAttemptAsync).", nameof(status));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            CheckLease(runId, leaseToken);
            // All found before any changes: a list naming an unknown job changes nothing.
            foreach (var state in jobs.Select(job => FindJob(runId, job)).ToList())
                state.Record = status == JobStatus.Pending
                    ? state.Record with { Status = status, Attempts = 0, OutputJson = null, Error = null, StartedAt = null, FinishedAt = null }
                    : state.Record with { Status = status };
        }
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> GetWatermarkAsync(string workflow, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(_watermarks.TryGetValue(workflow, out var at) ? at : (DateTimeOffset?)null);
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetWatermarksAsync(IReadOnlyCollection<string> workflows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        lock (_lock)
            return Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(workflows.Distinct(StringComparer.Ordinal)
                .Where(_watermarks.ContainsKey).ToDictionary(w => w, w => _watermarks[w], StringComparer.Ordinal));
    }

    public Task AdvanceWatermarkAsync(string workflow, DateTimeOffset instant, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
            Advance(workflow, instant);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RunRecord>> ClaimInterruptedRunsAsync(string owner, TimeSpan lease, IReadOnlyCollection<string>? goneOwners = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var claimed = _runs.Values.Where(r => IsActive(r.Record) && r.Record.LeaseOwner is not null
                && (r.Record.LeaseOwner == owner || goneOwners?.Contains(r.Record.LeaseOwner) == true || r.Record.LeaseExpiresAt <= now)).ToList();
            foreach (var run in claimed)
                Claim(run, owner, now + lease);
            return Task.FromResult<IReadOnlyList<RunRecord>>(claimed.Select(r => r.Record)
                .OrderBy(r => r.ScheduledAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList());
        }
    }

    public Task<IReadOnlyList<TakenOverRun>> ClaimExpiredRunsAsync(string owner, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var expired = _runs.Values.Where(r => IsActive(r.Record) && r.Record.LeaseOwner is not null && r.Record.LeaseOwner != owner && r.Record.LeaseExpiresAt <= now)
                .OrderBy(r => r.Record.ScheduledAt).ThenBy(r => r.Record.RunId, StringComparer.Ordinal).Take(limit).ToList();
            var taken = new List<TakenOverRun>(expired.Count);
            foreach (var run in expired)
            {
                var (previous, expiredAt) = (run.Record.LeaseOwner, run.Record.LeaseExpiresAt);
                Claim(run, owner, now + lease);
                taken.Add(new TakenOverRun(run.Record, previous, expiredAt));
            }
            return Task.FromResult<IReadOnlyList<TakenOverRun>>(taken);
        }
    }

    public Task<long?> TryLeaseRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_runs.GetValueOrDefault(runId) is not { } run
                || !(run.Record.LeaseOwner == owner || run.Record.LeaseExpiresAt is null || run.Record.LeaseExpiresAt <= now || !IsActive(run.Record)))
                return Task.FromResult<long?>(null);
            run.Record = run.Record with { LeaseOwner = owner, LeaseExpiresAt = now + lease, LeaseToken = run.Record.LeaseToken + 1 };
            return Task.FromResult<long?>(run.Record.LeaseToken);
        }
    }

    public Task RenewLeasesAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var expires = _time.GetUtcNow() + lease;
            foreach (var run in _runs.Values.Where(r => r.Record.LeaseOwner == owner && IsActive(r.Record)))
                run.Record = run.Record with { LeaseExpiresAt = expires };
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> EnqueueRunsAsync(IReadOnlyList<NewRun> runs, CancellationToken cancellationToken = default)
    {
        NewRunArguments.CheckQueued(runs);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var created = new List<string>();
            foreach (var (run, jobs) in runs)
            {
                if (_runs.ContainsKey(run.RunId))
                    continue;
                var record = run with { LeaseOwner = null, LeaseExpiresAt = null, CancelRequestedAt = null, LeaseToken = 0 };
                _runs[run.RunId] = new Run(record, jobs.Select(j => new Job(new JobRecord(run.RunId, j, JobStatus.Pending, 0, null, null, null, null))).ToList());
                created.Add(run.RunId);
            }
            return Task.FromResult<IReadOnlyList<string>>(created);
        }
    }

    public Task<long?> TryTakeQueuedRunAsync(string runId, string owner, TimeSpan lease, DateTimeOffset at, int? maxActive = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_runs.GetValueOrDefault(runId) is not { Record.IsQueued: true } run || CountActive(run.Record.Workflow) >= (maxActive ?? int.MaxValue))
                return Task.FromResult<long?>(null);
            run.Record = run.Record with
            {
                Status = RunStatus.Running, StartedAt = run.Record.StartedAt ?? at, LeaseOwner = owner, LeaseExpiresAt = _time.GetUtcNow() + lease,
                LeaseToken = run.Record.LeaseToken + 1,
            };
            return Task.FromResult<long?>(run.Record.LeaseToken);
        }
    }

    public Task<IReadOnlyList<RunRecord>> ListQueuedRunsAsync(string? workflow, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_lock)
            return Task.FromResult<IReadOnlyList<RunRecord>>(_runs.Values.Select(r => r.Record).Where(r => r.IsQueued && (workflow is null || r.Workflow == workflow))
                .OrderBy(r => r.ScheduledAt).ThenBy(r => r.RunId, StringComparer.Ordinal).Take(limit).ToList());
    }

    public Task<RunRecord?> RequestCancelAsync(string runId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_runs.GetValueOrDefault(runId) is not { } run)
                return Task.FromResult<RunRecord?>(null);
            if (IsActive(run.Record))
                run.Record = run.Record with { CancelRequestedAt = run.Record.CancelRequestedAt ?? at };
            return Task.FromResult<RunRecord?>(run.Record);
        }
    }

    public Task<IReadOnlyList<RunRecord>> ListCancelRequestsAsync(string owner, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<RunRecord>>(_runs.Values.Select(r => r.Record)
                .Where(r => r.LeaseOwner == owner && r.CancelRequestedAt is not null && IsActive(r))
                .OrderBy(r => r.ScheduledAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList());
    }

    public Task<bool> SetPausedAsync(string workflow, bool paused, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workflow);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
            return Task.FromResult(paused ? _paused.TryAdd(workflow, at) : _paused.Remove(workflow));
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> ListPausedAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>(_paused, StringComparer.Ordinal));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // A claim: a new token, and the previous holder's running attempts interrupted, their jobs pending again. The attempt
    // ended with the host that ran it, at an instant nobody recorded: its end stays unknown.
    private static void Claim(Run run, string owner, DateTimeOffset expires)
    {
        run.Record = run.Record with { LeaseOwner = owner, LeaseExpiresAt = expires, LeaseToken = run.Record.LeaseToken + 1 };
        foreach (var job in run.Jobs)
        {
            var running = job.Attempts.FindAll(a => a.Outcome == AttemptOutcome.Running);
            if (job.Record.Status == JobStatus.Running)
                job.Record = job.Record with { Status = JobStatus.Pending, Attempts = job.Record.Attempts - running.Count };
            for (var i = 0; i < job.Attempts.Count; i++)
                if (job.Attempts[i].Outcome == AttemptOutcome.Running)
                    job.Attempts[i] = job.Attempts[i] with { Outcome = AttemptOutcome.Interrupted };
        }
    }

    // A write under a stale token changes nothing; an unknown run is left to the write's own check.
    private void CheckLease(string runId, long leaseToken)
    {
        if (_runs.GetValueOrDefault(runId) is { } run && run.Record.LeaseToken != leaseToken)
            throw new LeaseLostException(runId, run.Record.LeaseOwner);
    }

    private static bool IsActive(RunRecord run) => run.Status is RunStatus.Pending or RunStatus.Running;

    // The runs ListActiveRunsAsync lists, counted under the lock that the creation holds too.
    private int CountActive(string workflow)
    {
        var now = _time.GetUtcNow();
        return _runs.Values.Count(r => r.Record.Workflow == workflow && IsActive(r.Record) && r.Record.LeaseExpiresAt > now);
    }

    private void Advance(string workflow, DateTimeOffset instant)
    {
        if (!_watermarks.TryGetValue(workflow, out var at) || at < instant)
            _watermarks[workflow] = instant;
    }

    private Job FindJob(string runId, string job) =>
        _runs.GetValueOrDefault(runId)?.Jobs.Find(j => j.Record.Job == job) ?? throw new InvalidOperationException($"The store holds no job '{job}' in run '{runId}'.");

    private sealed class Run(RunRecord record, List<Job> jobs)
    {
        public RunRecord Record { get; set; } = record;

        /// <summary>In the order the run was created with, which reads keep.</summary>
        public List<Job> Jobs { get; } = jobs;
    }

    private sealed class Job(JobRecord record)
    {
        public JobRecord Record { get; set; } = record;

        /// <summary>In the order they started, which is attempt order.</summary>
        public List<AttemptRecord> Attempts { get; } = [];

        /// <summary>The record with its run time: the attempts' start-to-end times to the millisecond, those without an end left out.</summary>
        public JobRecord Read()
        {
            var ended = Attempts.Where(a => a.FinishedAt is not null).ToList();
            return ended.Count == 0
                ? Record with { RunTime = null }
                : Record with { RunTime = TimeSpan.FromMilliseconds(Math.Round(ended.Sum(a => (a.FinishedAt!.Value - a.StartedAt).TotalMilliseconds))) };
        }
    }
}
