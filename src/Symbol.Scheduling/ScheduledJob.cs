using System.Collections.ObjectModel;

namespace Symbol.Scheduling;

/// <summary>
/// A callable, its positional and named arguments, and when it runs. The callable may return
/// <c>void</c>, a <see cref="Task"/> or a <see cref="ValueTask"/>, and may take a
/// <see cref="CancellationToken"/> or a <see cref="ScheduledFire"/> besides its arguments.
/// </summary>
/// <example>
/// <code>
/// new ScheduledJob("ingest", IngestData, "* * * * *");
/// new ScheduledJob("report", GenerateReport, DateTimeOffset.UtcNow.AddSeconds(5), args: ["daily"]);
/// new ScheduledJob("summary", Summarise, new Symbol("2026-11-30T09:00:00+01:00"));
/// </code>
/// </example>
public sealed class ScheduledJob : IThreadPoolWorkItem
{
    private const long NoRun = long.MinValue;
    private static readonly IReadOnlyDictionary<string, object?> NoNamedArguments = ReadOnlyDictionary<string, object?>.Empty;

    private readonly Kind _kind;
    private readonly JobBinding? _binding;
    private long _nextRunTicks;
    private long _lastRunTicks = NoRun;

    // Owned by the scheduler, under its lock.
    internal Scheduler? Owner;
    internal long HeapSequence = -1;

    public ScheduledJob(string name, Delegate callable, Schedule schedule, IReadOnlyList<object?>? args = null, IReadOnlyDictionary<string, object?>? namedArgs = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(callable);
        ArgumentNullException.ThrowIfNull(schedule);
        Name = name;
        Callable = callable;
        Schedule = schedule;
        args ??= [];
        namedArgs ??= NoNamedArguments;
        // Arguments live in the binding, so a job without any (the common, high-volume case) stays small.
        _kind = args.Count == 0 && namedArgs.Count == 0 ? KindOf(callable) : Kind.Bound;
        if (_kind == Kind.Bound)
            _binding = JobBinding.Bind(name, callable, args, namedArgs);
        _nextRunTicks = FirstRun(TimeProvider.System);
    }

    /// <summary>The name the job is saved under and re-bound by when loaded.</summary>
    public string Name { get; }

    public Delegate Callable { get; }

    public Schedule Schedule { get; }

    public IReadOnlyList<object?> Arguments => _binding?.Arguments ?? [];

    public IReadOnlyDictionary<string, object?> NamedArguments => _binding?.NamedArguments ?? NoNamedArguments;

    /// <summary>When the job is next due; null for a one-off that has run (or a schedule with no more fires).</summary>
    public DateTimeOffset? NextRun => FromTicks(Volatile.Read(ref _nextRunTicks));

    /// <summary>The scheduled instant of the latest fire handed to a worker.</summary>
    public DateTimeOffset? LastRun => FromTicks(Volatile.Read(ref _lastRunTicks));

    public override string ToString() => $"{Name} ({Schedule})";

    /// <summary>
    /// The first fire once the job is scheduled: a one-off keeps its instant even if it is past (it
    /// then counts as missed) unless it has run; a recurring job starts at its first fire from now.
    /// </summary>
    internal long FirstRun(TimeProvider time) => FirstRunFrom(time.GetUtcNow().UtcTicks, NoRun);

    /// <summary>
    /// The first fire of a job that takes over from another (<see cref="Scheduler.ReplaceJob"/>): a recurring
    /// job starts at its first fire from <paramref name="fromTicks"/>; a one-off keeps its instant unless it has
    /// run, or the job it replaces already fired that instant.
    /// </summary>
    internal long FirstRunFrom(long fromTicks, long replacedLastRunTicks) => Schedule switch
    {
        OneOffSchedule oneOff => HasRun(Volatile.Read(ref _lastRunTicks)) || (HasRun(replacedLastRunTicks) && oneOff.Instant.UtcTicks <= replacedLastRunTicks)
            ? NoRun : oneOff.Instant.UtcTicks,
        _ => ToTicks(Schedule.NextAtOrAfter(new DateTimeOffset(fromTicks, TimeSpan.Zero))),
    };

    internal long LastRunTicks => Volatile.Read(ref _lastRunTicks);

    internal void SetNextRun(long ticks) => Volatile.Write(ref _nextRunTicks, ticks);

    internal void SetNextRun(DateTimeOffset? next) => SetNextRun(ToTicks(next));

    internal long NextRunTicks => Volatile.Read(ref _nextRunTicks);

    internal void MarkFired(long scheduledTicks) => Volatile.Write(ref _lastRunTicks, scheduledTicks);

    internal static long ToTicks(DateTimeOffset? instant) => instant?.UtcTicks ?? NoRun;

    private static DateTimeOffset? FromTicks(long ticks) => ticks == NoRun ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    internal static bool HasRun(long ticks) => ticks != NoRun;

    internal ValueTask InvokeAsync(in ScheduledFire fire) => _kind switch
    {
        Kind.Action => Run((Action)Callable),
        Kind.ActionWithFire => Run((Action<ScheduledFire>)Callable, fire),
        Kind.TaskFunc => new ValueTask(((Func<Task>)Callable)()),
        Kind.TaskFuncWithFire => new ValueTask(((Func<ScheduledFire, Task>)Callable)(fire)),
        Kind.ValueTaskFunc => ((Func<ValueTask>)Callable)(),
        _ => _binding!.InvokeAsync(fire),
    };

    // A one-off job is its own thread-pool work item, so firing it allocates nothing; it fires once,
    // so its last run is the fire it runs for.
    void IThreadPoolWorkItem.Execute() => Owner?.Execute(this, Volatile.Read(ref _lastRunTicks));

    private static ValueTask Run(Action action)
    {
        action();
        return default;
    }

    private static ValueTask Run(Action<ScheduledFire> action, ScheduledFire fire)
    {
        action(fire);
        return default;
    }

    private static Kind KindOf(Delegate callable) => callable switch
    {
        Action => Kind.Action,
        Action<ScheduledFire> => Kind.ActionWithFire,
        Func<Task> => Kind.TaskFunc,
        Func<ScheduledFire, Task> => Kind.TaskFuncWithFire,
        Func<ValueTask> => Kind.ValueTaskFunc,
        _ => Kind.Bound,
    };

    private enum Kind : byte { Action, ActionWithFire, TaskFunc, TaskFuncWithFire, ValueTaskFunc, Bound }
}
