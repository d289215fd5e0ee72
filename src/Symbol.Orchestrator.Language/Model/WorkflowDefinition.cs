using Symbol.Scheduling;

namespace Symbol.Orchestrator.Language;

/// <summary>
/// A compiled workflow: immutable, with every name bound and every setting resolved (job settings
/// already carry the workflow's defaults). It keeps the text of its file, which a run records.
/// </summary>
public sealed record WorkflowDefinition(
    string Name,
    SourcePosition Position,
    string SourceText,
    IReadOnlyList<ScheduleDefinition> Schedules,
    TimeZoneInfo TimeZone,
    CatchupPolicy Catchup,
    int Concurrency,
    OverlapPolicy Overlap,
    string ParamsJson,
    IReadOnlyList<ScriptSource> Uses,
    IReadOnlyList<JobDefinition> Jobs,
    IReadOnlyList<Edge> Edges)
{
    /// <summary>The union of the workflow's schedules (each instant once), or null when it only runs when triggered.</summary>
    public Schedule? Schedule { get; } = Schedules.Count == 0 ? null : Scheduling.Schedule.Union(Schedules.Select(s => s.Schedule).ToArray());

    public JobDefinition? FindJob(string name) => Jobs.FirstOrDefault(j => j.Name == name);
}

/// <summary>One <c>schedule</c> line: its text as written (<c>cron "0 2 * * *"</c>) and what it computes.</summary>
public sealed record ScheduleDefinition(string Text, Schedule Schedule, SourcePosition Position);

public enum CatchupMode { None, Latest, All }

/// <summary><c>catchup none|latest|all [within D]</c>; the default is <c>latest</c>.</summary>
public sealed record CatchupPolicy(CatchupMode Mode, TimeSpan? Within)
{
    public static CatchupPolicy Default { get; } = new(CatchupMode.Latest, null);
}

/// <summary>What a fire due while the workflow is at its <c>concurrency</c> bound does.</summary>
public enum OverlapPolicy { Skip, Queue }

/// <summary><c>retries N backoff D [exponential]</c>: up to N more attempts after the first.</summary>
public sealed record RetryPolicy(int Retries, TimeSpan Backoff, bool Exponential)
{
    public static RetryPolicy None { get; } = new(0, TimeSpan.Zero, false);

    /// <summary>The wait before attempt <paramref name="attempt"/> (2 is the first retry).</summary>
    public TimeSpan DelayBefore(int attempt) =>
        attempt <= 1 ? TimeSpan.Zero
        : Exponential ? TimeSpan.FromTicks(Backoff.Ticks * (1L << Math.Min(attempt - 2, 30)))
        : Backoff;
}

/// <summary>A job: its resolved settings, its script, and the names of the jobs it waits for.</summary>
public sealed record JobDefinition(
    string Name,
    SourcePosition Position,
    RetryPolicy Retry,
    TimeSpan? Timeout,
    ScriptSource Script,
    IReadOnlyList<string> Upstream);

/// <summary>
/// JavaScript and where it came from: <see cref="Line"/> and <see cref="Column"/> are where the code's
/// first character sits in <see cref="Path"/> (a .flow file for a script block, a .js file for <c>run file</c>),
/// so an error at line l, column c of the code is at file line <c>Line + l - 1</c>.
/// </summary>
public sealed record ScriptSource(string Code, string Path, int Line, int Column);

/// <summary>One dependency: <see cref="From"/> must succeed before <see cref="To"/> starts.</summary>
public sealed record Edge(string From, string To, SourcePosition Position);
