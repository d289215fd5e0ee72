using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// The workflows paused in the store (<c>orchestrator pause</c>), as the host last read them: its <see cref="StoreWatch"/>
/// poller reads the flags every tick and says once when a workflow becomes paused or unpaused. The flags are by name,
/// so a paused workflow stays paused across reloads of its file and restarts of the host.
/// </summary>
internal sealed class PausedWorkflows
{
    private readonly HostSession _session;
    private readonly Scheduler _scheduler;
    private readonly ILogger _log;
    private readonly Lock _swap = new();
    private volatile IReadOnlyDictionary<string, DateTimeOffset> _paused = FrozenDictionary<string, DateTimeOffset>.Empty;

    public PausedWorkflows(HostSession session, Scheduler scheduler, StoreWatch watch, ILoggerFactory loggers)
    {
        _session = session;
        _scheduler = scheduler;
        _log = loggers.CreateLogger(WorkflowHost.LogCategory);
        watch.Register("paused workflows", PollAsync);
    }

    /// <summary>The workflows paused as of the last read.</summary>
    public IEnumerable<string> Names => _paused.Keys;

    /// <summary>Since when <paramref name="workflow"/> is paused, or null when it is not.</summary>
    public DateTimeOffset? Since(string workflow) => _paused.TryGetValue(workflow, out var since) ? since : null;

    /// <summary>Reads the flags and logs what changed since the last read (at start: every paused workflow).</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        var now = await _session.Store.ListPausedAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<string, DateTimeOffset> before;
        // Swapped under a lock, so two reads that overlap (the start-up's and the watch's) log each change once.
        lock (_swap)
        {
            before = _paused;
            _paused = now;
        }
        foreach (var (workflow, since) in now)
            if (!before.ContainsKey(workflow))
                _log.Paused(workflow, since);
        foreach (var workflow in before.Keys)
            if (!now.ContainsKey(workflow))
                _log.Unpaused(workflow, NextFire(workflow));
    }

    // The scheduler kept the workflow's schedule while it was paused, so its next fire is already there.
    private string NextFire(string workflow) =>
        _scheduler.Jobs.FirstOrDefault(j => j.Name == workflow)?.NextRun is { } next ? next.ToString("O") : "none scheduled";
}
