using Microsoft.Extensions.Logging;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// A standby host's looks at the fires another host fires first (<see cref="FireShare"/>), batched: every fire whose look is
/// due at one moment (the workflows on one cron second, typically hundreds) is checked with one read of their watermarks, not
/// one read each, and that read also takes the looks due within <see cref="Window"/> after it. A fire whose watermark has not
/// reached it (its first host is gone or late) is fired here. No look is later than it was alone: each due moment keeps its
/// own wait, only the read is shared. Three hosts with 1,000 workflows on every second made 2,000 watermark reads a second
/// one by one; now each standby makes one.
/// </summary>
internal sealed class StandbyChecks(HostSession session, HostEvents events, TimeProvider time, ILogger log)
{
    /// <summary>
    /// How far ahead of its due moment a look may be taken with an earlier one: the first host then has had this much less than
    /// <see cref="FireShare.StandbyDelay"/> to record the fire, which is still more than a second.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    private readonly object _lock = new();
    private readonly SortedDictionary<DateTimeOffset, List<(WorkflowDefinition Workflow, DateTimeOffset ScheduledAt)>> _due = [];

    /// <summary>
    /// Puts the fire at <paramref name="scheduledAt"/> of <paramref name="workflow"/> up for a look <see cref="FireShare.StandbyDelay"/>
    /// after it. Returns that moment when the fire is the first due then, for the caller to call <see cref="NotActedOnAsync"/> with
    /// (on the host's run tracker, so a stop cancels the wait), or null when a look at that moment is coming already and takes it along.
    /// </summary>
    public DateTimeOffset? Add(WorkflowDefinition workflow, DateTimeOffset scheduledAt)
    {
        var due = scheduledAt + FireShare.StandbyDelay;
        lock (_lock)
        {
            if (_due.TryGetValue(due, out var fires))
            {
                fires.Add((workflow, scheduledAt));
                return null;
            }
            _due.Add(due, [(workflow, scheduledAt)]);
        }
        return due;
    }

    /// <summary>
    /// Waits until <paramref name="due"/>, takes every fire whose look is due by then (or within <see cref="Window"/>), reads their
    /// workflows' watermarks at once and returns the fires not acted on, oldest first (so a workflow with several, behind a host late
    /// by seconds, fires them in order). None when the host is <paramref name="stopping"/>, or when the store cannot be read (logged).
    /// </summary>
    public async Task<IReadOnlyList<(WorkflowDefinition Workflow, DateTimeOffset ScheduledAt)>> NotActedOnAsync(DateTimeOffset due, Func<bool> stopping,
        CancellationToken ct)
    {
        List<(WorkflowDefinition Workflow, DateTimeOffset ScheduledAt)> taken = [];
        try
        {
            var wait = due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time, ct).ConfigureAwait(false);
            taken = TakeDue(time.GetUtcNow() + Window);
            if (taken.Count == 0 || stopping())
                return [];
            var names = taken.Select(f => f.Workflow.Name).ToHashSet(StringComparer.Ordinal);
            var watermarks = await session.Store.GetWatermarksAsync(names, CancellationToken.None).ConfigureAwait(false);
            var notActedOn = new List<(WorkflowDefinition, DateTimeOffset)>();
            foreach (var (workflow, scheduledAt) in taken.OrderBy(f => f.ScheduledAt))
            {
                if (watermarks.TryGetValue(workflow.Name, out var watermark) && watermark >= scheduledAt)
                {
                    log.AlreadyFired(workflow.Name, scheduledAt);
                    events.Fire(workflow.Name, scheduledAt, RunTrigger.Schedule, FireOutcome.Duplicate);
                }
                else
                    notActedOn.Add((workflow, scheduledAt));
            }
            return notActedOn;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return [];
        }
        catch (Exception e)
        {
            // Not fired here: their first hosts fire them unless gone, and a store this host cannot read would refuse its runs too.
            log.StandbyLookFailed(taken.Count, due - FireShare.StandbyDelay, ExecutorLog.FirstLine(e.Message));
            return [];
        }
    }

    private List<(WorkflowDefinition Workflow, DateTimeOffset ScheduledAt)> TakeDue(DateTimeOffset until)
    {
        var taken = new List<(WorkflowDefinition, DateTimeOffset)>();
        lock (_lock)
        {
            while (_due.Count > 0 && _due.First() is var (at, fires) && at <= until)
            {
                taken.AddRange(fires);
                _due.Remove(at);
            }
        }
        return taken;
    }
}
