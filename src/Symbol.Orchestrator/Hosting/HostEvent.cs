using System.Text.Json.Serialization;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// Something the host saw, as <c>GET /api/events</c> sends it (docs/api.md): <see cref="Kind"/> is the event's name, the
/// record's other properties its data. Instants are UTC, statuses and outcomes the lower-case words the CLI prints.
/// </summary>
public abstract record HostEvent
{
    /// <summary>The server-sent event's name: <c>fire</c>, <c>run</c>, <c>job</c> or <c>reload</c>.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }
}

/// <summary>
/// A fire of a workflow (its schedule, a catch-up, or a trigger: <paramref name="Trigger"/>) and what became of it: <c>started</c> (its run was created), <c>skipped</c>
/// (at its concurrency, overlap skip, or its wait queue full), <c>paused</c>, <c>queued</c> (waiting for a slot; a
/// <c>started</c> or <c>skipped</c> follows), <c>duplicate</c> (the store already had its run: another host, or an earlier start).
/// </summary>
/// <param name="RunId">The run it created (or found, for a duplicate); null when it made none.</param>
public sealed record FireEvent(string Workflow, DateTimeOffset ScheduledAt, string Trigger, string Outcome, string? RunId) : HostEvent
{
    [JsonIgnore]
    public override string Kind => "fire";
}

/// <summary>A run this host started (created, resumed, retried, taken from the queue) or ended; <paramref name="Status"/> is <c>running</c> at its start.</summary>
public sealed record RunEvent(string RunId, string Workflow, string Status, string Trigger, DateTimeOffset ScheduledAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt) : HostEvent
{
    [JsonIgnore]
    public override string Kind => "run";
}

/// <summary>
/// A job of a run this host works on: <c>running</c> when an attempt started (its number in <paramref name="Attempt"/>),
/// <c>retrying</c> when an attempt failed and another follows after the backoff, then its final status.
/// </summary>
public sealed record JobEvent(string RunId, string Workflow, string Job, string Status, int Attempt) : HostEvent
{
    [JsonIgnore]
    public override string Kind => "job";
}

/// <summary>A file of the workflows folder as a hot reload found it: its workflows in force, or the errors that kept its previous version.</summary>
public sealed record ReloadEvent(string Path, bool Ok, IReadOnlyList<string> Workflows, IReadOnlyList<string> Errors) : HostEvent
{
    [JsonIgnore]
    public override string Kind => "reload";
}

/// <summary>
/// A digest of the runs this host started or ended lately, at most one a second (<see cref="ChangesDigest"/>): what a page
/// listing many runs needs from a host that starts thousands a minute. <paramref name="Runs"/> is each changed run's latest
/// event, oldest first, at most <see cref="ChangesDigest.MaxRuns"/>; <paramref name="Omitted"/> counts the changes left out
/// (more runs than that, or a digest that fell behind): a page seeing it above zero re-reads its list instead.
/// </summary>
public sealed record ChangesEvent(IReadOnlyList<RunEvent> Runs, int Omitted) : HostEvent
{
    [JsonIgnore]
    public override string Kind => "changes";
}

/// <summary>What became of a fire, as <see cref="FireEvent.Outcome"/> names it.</summary>
public static class FireOutcome
{
    public const string Started = "started";
    public const string Skipped = "skipped";
    public const string Paused = "paused";
    public const string Queued = "queued";
    public const string Duplicate = "duplicate";
}
