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

    /// <summary>
    /// <c>overlap queue max N</c>: the most fires that may wait for a slot; one more is dropped (and logged). Without
    /// a bound a workflow firing every 2 s with 5 s jobs would queue without end.
    /// </summary>
    public int QueueMax { get; init; } = DefaultQueueMax;

    public const int DefaultQueueMax = 10;

    /// <summary>The workflow's <c>on failure</c>, <c>on success</c> and <c>on exit</c> handlers, at most one of each kind, in that order (the order they run in).</summary>
    public IReadOnlyList<HandlerDefinition> Handlers { get; init; } = [];

    /// <summary>The largest <c>overlap queue max</c>: every queued fire is a task held in memory.</summary>
    public const int MaxQueueMax = 10_000;

    public JobDefinition? FindJob(string name) => Jobs.FirstOrDefault(j => j.Name == name);

    public HandlerDefinition? FindHandler(HandlerKind kind) => Handlers.FirstOrDefault(h => h.When == kind);

    /// <summary>What a run of this workflow records a job for: its jobs, then its handlers (<c>on failure</c>, …), in that order.</summary>
    public IEnumerable<string> RunRecordNames => Jobs.Select(j => j.Name).Concat(Handlers.Select(h => h.Name));
}

/// <summary>One <c>schedule</c> line: its text as written (<c>cron "0 2 * * *"</c>) and what it computes.</summary>
public sealed record ScheduleDefinition(string Text, Schedule Schedule, SourcePosition Position);

public enum CatchupMode { None, Latest, All }

/// <summary><c>catchup none|latest|all [within D]</c>; the default is <c>latest</c>.</summary>
public readonly record struct CatchupPolicy(CatchupMode Mode, TimeSpan? Within)
{
    public static CatchupPolicy Default { get; } = new(CatchupMode.Latest, null);
}

/// <summary>What a fire due while the workflow is at its <c>concurrency</c> bound does (<c>queue</c>: wait, up to <see cref="WorkflowDefinition.QueueMax"/>).</summary>
public enum OverlapPolicy { Skip, Queue }

/// <summary><c>retries N backoff D [exponential]</c>: up to N more attempts after the first.</summary>
public readonly record struct RetryPolicy(int Retries, TimeSpan Backoff, bool Exponential)
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
public sealed record ScriptSource
{
    // A script block is a slice of its .flow file's text, which the definition keeps anyway: holding
    // a copy of every script would double what a compilation keeps alive (and what the GC copies).
    private readonly string _text;
    private readonly int _start;
    private readonly int _length;

    public ScriptSource(string code, string path, int line, int column)
        : this(code ?? throw new ArgumentNullException(nameof(code)), 0, code.Length, path, line, column) { }

    /// <summary>The code at <paramref name="start"/> in <paramref name="text"/>, without copying it.</summary>
    internal ScriptSource(string text, int start, int length, string path, int line, int column)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)start + (ulong)(uint)length, (ulong)(uint)text.Length, nameof(length));
        _text = text;
        _start = start;
        _length = length;
        Path = path;
        Line = line;
        Column = column;
    }

    /// <summary>The code, copied out of its file's text when the script is a block in a .flow file.</summary>
    public string Code => _start == 0 && _length == _text.Length ? _text : _text.Substring(_start, _length);

    /// <summary>The code without a copy.</summary>
    public ReadOnlySpan<char> CodeSpan => _text.AsSpan(_start, _length);

    public string Path { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }

    public bool Equals(ScriptSource? other) =>
        other is not null && CodeSpan.SequenceEqual(other.CodeSpan) && Path == other.Path && Line == other.Line && Column == other.Column;

    public override int GetHashCode() => HashCode.Combine(string.GetHashCode(CodeSpan), Path, Line, Column);

    public void Deconstruct(out string code, out string path, out int line, out int column) =>
        (code, path, line, column) = (Code, Path, Line, Column);
}

/// <summary>One dependency: <see cref="From"/> must succeed before <see cref="To"/> starts.</summary>
public readonly record struct Edge(string From, string To, SourcePosition Position);
