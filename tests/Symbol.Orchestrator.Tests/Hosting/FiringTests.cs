using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

public sealed class FiringTests
{
    private const string EveryMinute = """
        workflow tick {
            schedule cron "* * * * *"
            job a { run ``` return 1; ``` }
        }
        """;

    [Fact]
    public async Task TwoFiresOfAnEveryMinuteWorkflowMakeTwoRunsAtTheirInstants()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", EveryMinute);
        await host.StartAsync();

        host.Clock.SetUtcNow(At("10:01:00"));
        // Concurrency 1, overlap skip by default: the next fire is only sure to start once this run has let go of its slot.
        await host.WaitForLogAsync("Run tick@2026-11-28T10:01:00Z of tick ended succeeded");
        host.Clock.SetUtcNow(At("10:02:00"));
        var runs = await host.FinishedRunsAsync("tick", 2);

        Assert.Equal([At("10:01:00"), At("10:02:00")], runs.Select(r => r.ScheduledAt).Order());
        Assert.All(runs, r => Assert.Equal(RunTrigger.Schedule, r.Trigger));
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        Assert.Contains(runs, r => r.RunId == "tick@2026-11-28T10:01:00Z");
        Assert.Equal(At("10:02:00"), await host.Store.GetWatermarkAsync("tick"));
    }

    [Fact]
    public async Task AnInstantFiredAgainAfterARestartMakesNoSecondRun()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", EveryMinute);
        await host.StartAsync();
        host.Clock.SetUtcNow(At("10:01:00"));
        await host.FinishedRunsAsync("tick", 1);
        await host.StopAsync();

        // The new host starts at the very instant the old one fired: its scheduler fires 10:01 again.
        await host.StartAsync(At("10:01:00"));
        await host.WaitForLogAsync("tick at 2026-11-28T10:01:00.0000000+00:00 already has a run in the store");
        host.Clock.SetUtcNow(At("10:02:00"));
        var runs = await host.FinishedRunsAsync("tick", 2);

        Assert.Equal([At("10:01:00"), At("10:02:00")], runs.Select(r => r.ScheduledAt).Order());
        Assert.Equal(2, host.Runner.Calls.Count);
    }

    [Fact]
    public async Task AWorkflowNeverSeenStartsFromNow()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", EveryMinute);
        await host.StartAsync();

        Assert.Equal(T0, await host.Store.GetWatermarkAsync("tick"));
        Assert.Empty(await host.RunsAsync("tick"));
        Assert.Equal(At("10:01:00"), host.NextFire("tick"));
    }
}
