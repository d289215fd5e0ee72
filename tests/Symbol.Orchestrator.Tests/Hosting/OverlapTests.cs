using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

public sealed class OverlapTests
{
    private static string Flow(string overlap) => $$"""
        workflow slow {
            schedule cron "* * * * *"
            concurrency 1
            overlap {{overlap}}
            job hold { run ``` return 1; ``` }
        }
        """;

    [Fact]
    public async Task AFireDueAtTheConcurrencyBoundIsSkippedWithOverlapSkip()
    {
        await using var host = new HostHarness();
        host.Write("slow.flow", Flow("skip"));
        var gate = host.Runner.Gate("hold");
        await host.StartAsync();

        host.Clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "the first run's job to start");
        host.Clock.SetUtcNow(At("10:02:00"));
        await host.WaitForLogAsync("Skipped slow at 2026-11-28T10:02:00");
        gate.SetResult();

        var runs = await host.FinishedRunsAsync("slow", 1);
        Assert.Equal([At("10:01:00")], runs.Select(r => r.ScheduledAt));
        Assert.Equal(At("10:02:00"), await host.Store.GetWatermarkAsync("slow"));
    }

    [Fact]
    public async Task AFireDueAtTheConcurrencyBoundWaitsForASlotWithOverlapQueue()
    {
        await using var host = new HostHarness();
        host.Write("slow.flow", Flow("queue"));
        var gate = host.Runner.Gate("hold");
        await host.StartAsync();

        host.Clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "the first run's job to start");
        host.Clock.SetUtcNow(At("10:02:00"));
        await host.WaitForLogAsync("Fire slow at 2026-11-28T10:02:00");
        Assert.Single(await host.RunsAsync("slow"));
        gate.SetResult();

        var runs = await host.FinishedRunsAsync("slow", 2);
        Assert.Equal([At("10:01:00"), At("10:02:00")], runs.Select(r => r.ScheduledAt).Order());
    }
}
