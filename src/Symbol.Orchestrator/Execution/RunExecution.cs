using System.Runtime.ExceptionServices;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Planning;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Telemetry;

namespace Symbol.Orchestrator.Execution;

/// <summary>
/// One run worked through as a DAG: a job starts when all its upstream jobs succeeded, a failed job's
/// downstream jobs are skipped, and every state change is durable before anything downstream starts.
/// The loop itself is single-threaded (it awaits whichever job finishes first), so only it touches the states.
/// A cancel of the run (its own token, not the host's stop) ends running attempts as cancelled, starts nothing more,
/// and skips the jobs not started.
/// </summary>
internal sealed class RunExecution
{
    private readonly RunExecutor.Services _services;
    private readonly RunRecord _run;
    private readonly WorkflowDefinition _workflow;
    private readonly List<JobState> _jobs;
    private readonly CancellationToken _cancelled;
    private readonly JobAttempts _attempts;
    private readonly RunLease _lease;
    private bool _stoppedByCancel;

    /// <param name="records">The run's job records; those of its handlers, if any among them, are left to <see cref="RunHandlers"/>.</param>
    /// <param name="cancelled">Cancelled when someone cancels this run (<c>orchestrator cancel</c>); unlike a host's stop, the run ends.</param>
    public RunExecution(RunExecutor.Services services, RunRecord run, RunLease lease, WorkflowDefinition workflow, IReadOnlyList<JobRecord> records,
        CancellationToken cancelled)
    {
        _services = services;
        _run = run;
        _lease = lease;
        _workflow = workflow;
        _cancelled = cancelled;
        _attempts = new JobAttempts(services, run, lease, workflow, handlers: false, cancelled);
        var byName = records.ToDictionary(r => r.Job, StringComparer.Ordinal);
        _jobs = workflow.Jobs.Select(job => new JobState(job,
            byName.TryGetValue(job.Name, out var record) ? record
            : throw new InvalidOperationException($"Run '{run.RunId}' records no job '{job.Name}' that its definition declares."))).ToList();
        var states = _jobs.ToDictionary(j => j.Name, StringComparer.Ordinal);
        foreach (var job in _jobs)
            foreach (var name in job.Definition.Upstream.Distinct(StringComparer.Ordinal))
            {
                job.Upstream.Add(states[name]);
                states[name].Downstream.Add(job);
            }
    }

    /// <summary>The jobs' records as they stand: final once <see cref="RunAsync"/> has returned.</summary>
    public IReadOnlyList<JobRecord> Jobs => _jobs.Select(j => j.Record).ToArray();

    /// <summary>
    /// Runs every job left to run and says how the run ended: succeeded when every job has, cancelled when a cancel
    /// stopped a job (cancelled it or kept it from starting), failed otherwise.
    /// </summary>
    public async Task<RunStatus> RunAsync(CancellationToken cancellationToken)
    {
        var ready = new Queue<JobState>();
        await PrepareAsync(ready);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancelled);
        var running = new Dictionary<Task<JobRecord>, JobState>();
        Exception? error = null;
        while (true)
        {
            // Once the host is stopping, ready jobs stay pending (in the store too) for the next start to run;
            // once the run is cancelled, they are skipped below.
            while (error is null && !_cancelled.IsCancellationRequested && !_services.NoNewJobs.IsCancellationRequested && ready.TryDequeue(out var next))
                running.Add(RunJobAsync(next, stop.Token), next);
            if (running.Count == 0)
                break;
            var done = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var job = running[done];
            running.Remove(done);
            try
            {
                job.Record = await done.ConfigureAwait(false);
                if (job.Status == JobStatus.Pending)
                    continue; // its next attempt was not started: the host is stopping, or the run was cancelled
                _services.Finished(job.Record);
                RunTelemetry.JobFinished(_run.Workflow, job.Record.Status);
                if (job.Status == JobStatus.Succeeded)
                    Release(job, ready);
                else if (job.Status == JobStatus.Failed)
                    await SkipDownstreamAsync(job).ConfigureAwait(false);
                else if (job.Status == JobStatus.Cancelled)
                    _stoppedByCancel = true; // what is downstream of it is skipped with the rest, below
            }
            catch (OperationCanceledException) when (_cancelled.IsCancellationRequested && error is null)
            {
                // Cancelled at the very moment it was to start an attempt: nothing was recorded, and it is skipped below.
            }
            catch (Exception e)
            {
                // Shutdown, or a store that refuses a write: stop the other jobs, let each record its attempt as
                // interrupted, and only then throw, so the next start finds a consistent run. A lost lease is marked
                // first: then the other jobs stop without a write, since the run's new holder owns its record.
                if (e is LeaseLostException)
                    _lease.Lose();
                error ??= e;
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }
        if (error is not null)
            ExceptionDispatchInfo.Throw(error);
        // A cancel outranks a host's stop: the user asked for the run to end, so it is not left for the next start.
        if (_cancelled.IsCancellationRequested)
            await SkipNotStartedAsync().ConfigureAwait(false);
        if (_stoppedByCancel)
            return RunStatus.Cancelled;
        if (_services.NoNewJobs.IsCancellationRequested && _jobs.Any(j => j.Status == JobStatus.Pending))
            throw new OperationCanceledException($"Run '{_run.RunId}' stopped with jobs not started: the host is stopping.", _services.NoNewJobs);
        return _jobs.All(j => j.Status == JobStatus.Succeeded) ? RunStatus.Succeeded : RunStatus.Failed;
    }

    /// <summary>The run was cancelled: every job that has not started (ready, waiting for upstream jobs or for a slot) is skipped.</summary>
    private async Task SkipNotStartedAsync()
    {
        var skipped = _jobs.Where(j => j.Status == JobStatus.Pending).ToList();
        if (skipped.Count == 0)
            return;
        _stoppedByCancel = true;
        await _services.Store.SetJobStatusAsync(_run.RunId, skipped.Select(j => j.Name).ToArray(), JobStatus.Skipped, _lease.Token, CancellationToken.None).ConfigureAwait(false);
        foreach (var job in skipped)
        {
            job.Record = job.Record with { Status = JobStatus.Skipped };
            _services.Logger.JobNotStarted(_run.RunId, job.Name);
            // The store keeps no reason for a skip; the watchers (trigger's lines) are told this one.
            _services.Finished(job.Record with { Error = RunExecutor.NotStartedReason });
            RunTelemetry.JobFinished(_run.Workflow, job.Record.Status);
        }
    }

    // A resumed or retried run starts from what the store holds: succeeded jobs are kept, a job left running
    // (between attempts when the host stopped) is pending again, and a pending job below a failure is skipped.
    private async Task PrepareAsync(Queue<JobState> ready)
    {
        var skipped = new List<string>();
        var byName = _jobs.ToDictionary(j => j.Name, StringComparer.Ordinal);
        foreach (var job in JobPlan.Layers(_workflow).SelectMany(layer => layer).Select(d => byName[d.Name]))
        {
            if (job.Status == JobStatus.Running)
                job.Record = job.Record with { Status = JobStatus.Pending };
            if (job.Status != JobStatus.Pending)
                continue;
            if (job.Upstream.FirstOrDefault(u => u.Status is JobStatus.Failed or JobStatus.Skipped) is { } blocked)
            {
                job.Record = job.Record with { Status = JobStatus.Skipped };
                skipped.Add(job.Name);
                _services.Logger.JobSkipped(_run.RunId, job.Name, blocked.Name, blocked.Status == JobStatus.Failed ? "failed" : "was skipped");
                continue;
            }
            job.Waiting = job.Upstream.Count(u => u.Status != JobStatus.Succeeded);
            if (job.Waiting == 0)
                ready.Enqueue(job);
        }
        if (skipped.Count > 0)
            await _services.Store.SetJobStatusAsync(_run.RunId, skipped, JobStatus.Skipped, _lease.Token, CancellationToken.None).ConfigureAwait(false);
    }

    private static void Release(JobState job, Queue<JobState> ready)
    {
        foreach (var downstream in job.Downstream)
            if (downstream.Status == JobStatus.Pending && --downstream.Waiting == 0)
                ready.Enqueue(downstream);
    }

    private async Task SkipDownstreamAsync(JobState failed)
    {
        var skipped = new List<JobState>();
        var stack = new Stack<JobState>(failed.Downstream);
        while (stack.TryPop(out var job))
        {
            if (job.Status != JobStatus.Pending)
                continue;
            job.Record = job.Record with { Status = JobStatus.Skipped };
            skipped.Add(job);
            foreach (var next in job.Downstream)
                stack.Push(next);
        }
        if (skipped.Count == 0)
            return;
        await _services.Store.SetJobStatusAsync(_run.RunId, skipped.Select(j => j.Name).ToArray(), JobStatus.Skipped, _lease.Token, CancellationToken.None).ConfigureAwait(false);
        foreach (var job in _jobs.Where(skipped.Contains))
        {
            _services.Logger.JobSkipped(_run.RunId, job.Name, failed.Name, "failed");
            _services.Finished(job.Record);
            RunTelemetry.JobFinished(_run.Workflow, job.Record.Status);
        }
    }

    private Task<JobRecord> RunJobAsync(JobState job, CancellationToken cancellationToken)
    {
        var inputs = Inputs(job);
        var outputs = Outputs(job);
        return _attempts.RunAsync(job.Definition, job.Record,
            attempt => new AttemptContext(_run.RunId, _run.Workflow, job.Name, _run.ScheduledAt, attempt, _run.ParamsJson, inputs) { OutputsJson = outputs },
            cancellationToken);
    }

    private static Dictionary<string, string> Inputs(JobState job) =>
        job.Upstream.ToDictionary(u => u.Name, u => u.Record.OutputJson ?? "null", StringComparer.Ordinal);

    /// <summary>
    /// Every ancestor's output, from the records as the store holds them, so a resumed or retried run's job sees
    /// what it would have seen in one go. A job is started only once all of them have succeeded.
    /// </summary>
    private static Dictionary<string, string> Outputs(JobState job)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var stack = new Stack<JobState>(job.Upstream);
        while (stack.TryPop(out var ancestor))
        {
            if (outputs.TryAdd(ancestor.Name, ancestor.Record.OutputJson ?? "null"))
            {
                foreach (var next in ancestor.Upstream)
                    stack.Push(next);
            }
        }
        return outputs;
    }
}
