using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary><c>overlap queue max N</c>: a workflow that fires faster than its runs end keeps at most N fires waiting.</summary>
public sealed class QueueBoundTests
{
    private static string Flow(string overlap) => $$"""
        workflow fast {
            schedule every 2s
            catchup none
            overlap {{overlap}}
            job hold { run ``` return 1; ``` }
        }
        """;

    [Fact]
    public async Task AFirePastQueueMaxIsDroppedWithAWarningAndTheQueuedOnesRunInOrder()
    {
        await using var host = new HostHarness();
        host.Write("fast.flow", Flow("queue max 2"));
        var gate = host.Runner.Gate("hold");
        await host.StartAsync(At("10:00:01"));

        host.Clock.SetUtcNow(At("10:00:02"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "the 10:00:02 run's job to start");
        foreach (var at in new[] { "10:00:04", "10:00:06" })
        {
            host.Clock.SetUtcNow(At(at));
            await host.WaitForLogAsync($"Queued fast at 2026-11-28T{at}");
        }
        host.Clock.SetUtcNow(At("10:00:08"));
        await host.WaitForLogAsync("Dropped fast at 2026-11-28T10:00:08");
        gate.SetResult();

        var runs = await host.FinishedRunsAsync("fast", 3);
        Assert.Equal([At("10:00:02"), At("10:00:04"), At("10:00:06")], runs.Select(r => r.ScheduledAt).Order());
        var warning = Assert.Single(host.Logs.Lines(), l => l.Contains("Dropped fast", StringComparison.Ordinal));
        Assert.StartsWith("Warning: Dropped fast at 2026-11-28T10:00:08.0000000+00:00: 2 fire(s) already wait for a slot, the bound of overlap queue max 2", warning);
    }

    [Fact]
    public async Task WithoutMaxTheQueueKeepsTenFires()
    {
        await using var host = new HostHarness();
        host.Write("fast.flow", Flow("queue"));
        var gate = host.Runner.Gate("hold");
        await host.StartAsync(At("10:00:01"));

        host.Clock.SetUtcNow(At("10:00:02"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "the first run's job to start");
        for (var fire = 2; fire <= 12; fire++)
        {
            var at = At("10:00:02").AddSeconds(2 * (fire - 1));
            host.Clock.SetUtcNow(at);
            await host.WaitForLogAsync($"Fire fast at {at:O}");
        }
        await host.WaitForLogAsync("Dropped fast at 2026-11-28T10:00:24");
        gate.SetResult();

        var runs = await host.FinishedRunsAsync("fast", 11);
        Assert.Equal(11, runs.Count);
        Assert.Single(host.Logs.Lines(), l => l.Contains("Dropped fast", StringComparison.Ordinal));
    }
}
