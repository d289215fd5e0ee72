using System.Collections.Immutable;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Telemetry;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// The host's event hub: fires, runs, jobs and reloads, handed to every subscriber (the API's event streams). Each subscriber
/// has a bounded queue of its own; when a slow reader lets it fill, its oldest event is dropped and counted, so no reader ever
/// holds up or slows the host. With nobody subscribed, raising an event costs one read of an empty array: nothing is built.
/// </summary>
public sealed class HostEvents
{
    /// <summary>Events a subscriber may fall behind by before its oldest are dropped: a few seconds of a busy host.</summary>
    public const int DefaultCapacity = 4096;

    private readonly Lock _change = new();
    private readonly ChangesDigest _changes;
    private ImmutableArray<HostEventSubscription> _subscribers = [];
    private bool _completed;

    public HostEvents() => _changes = new ChangesDigest(this);

    /// <summary>The once-a-second digest of run changes (<see cref="ChangesEvent"/>), raised here while someone uses it.</summary>
    public ChangesDigest Changes => _changes;

    /// <summary>True while someone listens: callers check it before they build an event.</summary>
    public bool IsListened => !_subscribers.IsEmpty;

    /// <summary>
    /// A new subscriber, seeing the events raised from now on until it is disposed or the host stops (then its reader
    /// completes). After the host has stopped, its reader is complete at once.
    /// </summary>
    /// <param name="wanted">Which events this subscriber takes (null: all); the others are never queued for it.</param>
    public HostEventSubscription Subscribe(int capacity = DefaultCapacity, Func<HostEvent, bool>? wanted = null)
    {
        var subscription = new HostEventSubscription(this, capacity, wanted);
        lock (_change)
        {
            if (_completed)
                subscription.Complete();
            else
                _subscribers = _subscribers.Add(subscription);
        }
        return subscription;
    }

    /// <summary>The host is stopping: every subscriber's stream ends, and none starts again.</summary>
    public void Complete()
    {
        ImmutableArray<HostEventSubscription> ending;
        lock (_change)
        {
            _completed = true;
            ending = _subscribers;
            _subscribers = [];
        }
        foreach (var subscription in ending)
            subscription.Complete();
    }

    internal void Unsubscribe(HostEventSubscription subscription)
    {
        lock (_change)
            _subscribers = _subscribers.Remove(subscription);
    }

    /// <summary>Hands <paramref name="e"/> to every subscriber without waiting on any.</summary>
    public void Raise(HostEvent e)
    {
        foreach (var subscription in _subscribers)
            subscription.Offer(e);
    }

    public void Fire(string workflow, DateTimeOffset scheduledAt, RunTrigger trigger, string outcome, string? runId = null)
    {
        // Every fire's outcome passes here, whoever decided it (the dispatcher, a standby's check, a manual trigger): so is it counted.
        FireTelemetry.Fired(workflow, trigger, outcome);
        if (IsListened)
            Raise(new FireEvent(workflow, scheduledAt.ToUniversalTime(), EnumText.Name(trigger), outcome, runId));
    }

    public void Run(RunRecord run)
    {
        if (IsListened)
            Raise(new RunEvent(run.RunId, run.Workflow, EnumText.Name(run.Status), EnumText.Name(run.Trigger), run.ScheduledAt.ToUniversalTime(),
                run.StartedAt?.ToUniversalTime(), run.FinishedAt?.ToUniversalTime()));
    }

    public void Job(JobRecord job, string status)
    {
        if (IsListened)
            Raise(new JobEvent(job.RunId, WorkflowOf(job.RunId), job.Job, status, job.LastAttempt));
    }

    /// <summary>Raises the run and job events of <paramref name="executor"/>'s runs: the host's executor, once it is made.</summary>
    internal void Watch(RunExecutor executor)
    {
        executor.RunStarted += Run;
        executor.RunFinished += Run;
        executor.JobStarted += job => Job(job, EnumText.Name(JobStatus.Running));
        executor.JobRetrying += job => Job(job, "retrying");
        executor.JobFinished += job => Job(job, EnumText.Name(job.Status));
    }

    // A run id is the workflow's name, '@', then the instant or "manual-…"; a workflow's name never holds '@'.
    private static string WorkflowOf(string runId) => runId.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? runId[..at] : runId;
}
