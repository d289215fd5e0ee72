using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Symbol.Orchestrator.Tests.Execution;

/// <summary>A fake clock that also tells a test when code starts waiting on it, so it advances only after the wait began.</summary>
internal sealed class ObservedTime(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> _timers = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Enqueue(dueTime);
        return timer;
    }

    /// <summary>Waits (in real time, at most 10 s) until a timer due in <paramref name="due"/> has been created <paramref name="count"/> times.</summary>
    public Task WaitForTimerAsync(TimeSpan due, int count = 1) => Wait.UntilAsync(() => _timers.Count(t => t == due) >= count, $"a timer due in {due}");
}
