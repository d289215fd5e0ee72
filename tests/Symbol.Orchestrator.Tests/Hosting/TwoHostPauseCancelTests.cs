using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Tests.Execution;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// <c>pause</c> and <c>cancel</c> written into a store two hosts share take effect on both, whichever host holds the run: each
/// host reads pauses on its store watch, and the holder of a run reads its cancel request on its executor's poll.
/// </summary>
public sealed class TwoHostPauseCancelTests : IAsyncLifetime
{
    private const string Flow = """
        workflow slow {
            schedule cron "* * * * *"
            job hold { run ``` return 1; ``` }
        }
        """;

    private readonly FakeTimeProvider _clock = new(T0);
    private readonly InMemoryStateStore _store;
    private readonly HostHarness[] _hosts = [new(), new()];

    public TwoHostPauseCancelTests() => _store = new InMemoryStateStore(_clock);

    public async Task InitializeAsync()
    {
        for (var i = 0; i < _hosts.Length; i++)
        {
            _hosts[i].Write("slow.flow", Flow);
            _hosts[i].Runner.On("hold", async (c, ct) =>
            {
                await Task.Delay(TimeSpan.FromMinutes(5), _clock, ct);
                return ScriptedRunner.Ok(c);
            });
            await _hosts[i].StartAsync(owner: $"host-{i}", stores: new SharedStoreFactory(_store), clock: _clock);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
            await host.DisposeAsync();
    }

    [Fact]
    public async Task APauseInTheSharedStoreHoldsTheFiresOfBothHosts()
    {
        await _store.SetPausedAsync("slow", true, _clock.GetUtcNow());
        foreach (var host in _hosts)
            await host.PollStoreAsync();

        _clock.SetUtcNow(At("10:01:00"));

        foreach (var host in _hosts)
            await host.WaitForLogAsync("Skipped slow at 2026-11-28T10:01:00.0000000+00:00 (schedule): paused since");
        Assert.Empty(await _store.ListRunsAsync("slow", 10));
        Assert.Equal(At("10:01:00"), await _store.GetWatermarkAsync("slow"));
    }

    [Fact]
    public async Task ACancelInTheSharedStoreStopsTheRunWhicheverHostHoldsIt()
    {
        _clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => _hosts.Sum(h => h.Runner.Running) == 1, "the run's job to start on one host");
        var run = Assert.Single(await _store.ListRunsAsync("slow", 10));

        await _store.RequestCancelAsync(run.RunId, _clock.GetUtcNow());
        await Wait.UntilAsync(() =>
        {
            _clock.Advance(TimeSpan.FromMilliseconds(250));
            return _store.GetRunAsync(run.RunId).Result!.Status == RunStatus.Cancelled;
        }, "the run to end cancelled");

        var attempt = Assert.Single(await _store.GetAttemptsAsync(run.RunId));
        Assert.Equal(AttemptOutcome.Cancelled, attempt.Outcome);
        Assert.Single(await _store.ListRunsAsync("slow", 10));
    }
}
