using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.Hosting;

namespace Symbol.Orchestrator.Tests.Hosting;

public sealed class StoreWatchTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeLogCollector _logs = new();

    [Fact]
    public async Task EveryPollerIsAskedOnceATickAndAFailingOneIsLoggedWithoutStoppingTheOthers()
    {
        await using var watch = new StoreWatch(_time, _logs.Factory());
        var asked = 0;
        watch.Register("pauses", _ => throw new InvalidOperationException("the disk is gone"));
        watch.Register("cancels", _ =>
        {
            Interlocked.Increment(ref asked);
            return Task.CompletedTask;
        });

        watch.Start();
        for (var tick = 1; tick <= 3; tick++)
        {
            // The loop waits on the fake clock: step it until this tick's poll has happened.
            await Wait.UntilAsync(() =>
            {
                _time.Advance(StoreWatch.Interval);
                return Volatile.Read(ref asked) >= tick;
            }, $"poll {tick}");
        }
        await watch.StopAsync();

        Assert.True(asked >= 3);
        Assert.True(_logs.Any("Reading the store for pauses failed"));
    }

    [Fact]
    public async Task NothingIsPolledBeforeTheFirstIntervalNorAfterStop()
    {
        await using var watch = new StoreWatch(_time, _logs.Factory());
        var asked = 0;
        watch.Register("queue", _ =>
        {
            Interlocked.Increment(ref asked);
            return Task.CompletedTask;
        });

        await watch.PollOnceAsync();
        watch.Start();
        await watch.StopAsync();
        _time.Advance(StoreWatch.Interval * 4);

        Assert.Equal(1, asked);
    }
}
