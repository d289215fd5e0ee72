using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// <c>orchestrator pause</c> as the host sees it: the flag in the store, read by the host's store watch. The host
/// started at 10:00:30; <c>tick</c> fires every minute.
/// </summary>
public sealed class PauseTests
{
    private static string Flow(string name = "tick", string settings = "", string body = "return 1;") => $$"""
        workflow {{name}} {
            schedule cron "* * * * *"
            {{settings}}
            job a { run ``` {{body}} ``` }
        }
        """;

    private static async Task SetPausedAsync(HostHarness host, string workflow, bool paused)
    {
        await host.Store.SetPausedAsync(workflow, paused, host.Clock.GetUtcNow());
        await host.PollStoreAsync();
    }

    private static string Log(HostHarness host) => string.Join("\n", host.Logs.Lines());

    [Fact]
    public async Task APausedWorkflowsFiresAreSkippedAndLoggedOnceEachWhileItsWatermarkMovesOn()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow());
        host.Write("other.flow", Flow("other"));
        await host.StartAsync();

        await SetPausedAsync(host, "tick", true);
        Assert.Equal(1, host.Count("Paused tick (since 2026-11-28T10:00:30.0000000+00:00): its fires are skipped until unpaused"));
        host.Clock.SetUtcNow(At("10:01:00"));
        await host.WaitForLogAsync("Skipped tick at 2026-11-28T10:01:00.0000000+00:00 (schedule): paused since 2026-11-28T10:00:30");
        await Wait.UntilAsync(() => host.Store.GetWatermarkAsync("tick").Result == At("10:01:00"), "the watermark to pass 10:01");
        // The workflow beside it is not paused: it fires (and its run ends before its next fire, which overlap would skip).
        await host.FinishedRunsAsync("other", 1);
        host.Clock.SetUtcNow(At("10:02:00"));
        await host.WaitForLogAsync("Skipped tick at 2026-11-28T10:02:00");
        await Wait.UntilAsync(() => host.Store.GetWatermarkAsync("tick").Result == At("10:02:00"), "the watermark to pass 10:02");
        await host.FinishedRunsAsync("other", 2);
        await host.PollStoreAsync();

        Assert.Empty(await host.RunsAsync("tick"));
        Assert.Equal(1, host.Count("Skipped tick at 2026-11-28T10:01:00"));
        Assert.Equal(1, host.Count("Skipped tick at 2026-11-28T10:02:00"));
        Assert.Equal(0, host.Count("Fire tick at"));
        Assert.Equal(1, host.Count("Paused tick"));
        // Still loaded and scheduled: only its fires are skipped.
        Assert.Equal(At("10:03:00"), host.NextFire("tick"));
    }

    [Fact]
    public async Task UnpausingResumesAtTheNextFireWithoutCatchingUpThePausedTime()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow(settings: "catchup all"));
        await host.StartAsync();
        await SetPausedAsync(host, "tick", true);
        host.Clock.SetUtcNow(At("10:01:00"));
        await host.WaitForLogAsync("Skipped tick at 2026-11-28T10:01:00");
        host.Clock.SetUtcNow(At("10:02:00"));
        await host.WaitForLogAsync("Skipped tick at 2026-11-28T10:02:00");
        host.Clock.SetUtcNow(At("10:02:20"));

        await SetPausedAsync(host, "tick", false);
        Assert.True(host.Logs.Any("Unpaused tick: next fire 2026-11-28T10:03:00.0000000+00:00"), Log(host));
        // A restart before the next fire has nothing to catch up (catchup all): the paused fires were acted on by skipping them.
        await host.StopAsync();
        await host.StartAsync(At("10:02:40"));
        Assert.False(host.Logs.Any("Catch-up tick"), Log(host));
        host.Clock.SetUtcNow(At("10:03:00"));

        var run = Assert.Single(await host.FinishedRunsAsync("tick", 1));
        Assert.Equal((At("10:03:00"), RunTrigger.Schedule), (run.ScheduledAt, run.Trigger));
    }

    [Fact]
    public async Task APauseOutlivesARestartAndTheMissedFiresAreSkippedAtStartInsteadOfCaughtUp()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow(settings: "catchup all"));
        await host.StartAsync();
        await SetPausedAsync(host, "tick", true);
        await host.StopAsync();

        // Down from 10:00:30 to 10:03:30: three missed fires, each a catch-up candidate, each skipped at start.
        await host.StartAsync(At("10:03:30"));

        Assert.True(host.Logs.Any("Paused tick (since 2026-11-28T10:00:30"), Log(host));
        // Logged just after "Started:", which is what StartAsync waits for.
        await host.WaitForLogAsync("Next fires: tick 2026-11-28T10:04:00.0000000+00:00 (paused)");
        foreach (var at in new[] { "10:01:00", "10:02:00", "10:03:00" })
            await host.WaitForLogAsync($"Skipped tick at 2026-11-28T{at}.0000000+00:00 (catchup): paused");
        await Wait.UntilAsync(() => host.Store.GetWatermarkAsync("tick").Result == At("10:03:00"), "the watermark to pass the skipped fires");
        Assert.Empty(await host.RunsAsync("tick"));
        Assert.Equal(0, host.Count("Fire tick at"));

        await SetPausedAsync(host, "tick", false);
        host.Clock.SetUtcNow(At("10:04:00"));
        var run = Assert.Single(await host.FinishedRunsAsync("tick", 1));
        Assert.Equal(At("10:04:00"), run.ScheduledAt);
    }

    [Fact]
    public async Task APauseOutlivesAReloadOfItsFile()
    {
        await using var host = new HostHarness();
        var path = host.Write("tick.flow", Flow());
        await host.StartAsync();
        await SetPausedAsync(host, "tick", true);

        File.WriteAllText(path, Flow(body: "return 2;"));
        await host.ReloadAsync();
        Assert.True(host.Logs.Any("Reload: changed tick (next 2026-11-28T10:01:00.0000000+00:00, paused)"), Log(host));
        host.Clock.SetUtcNow(At("10:01:00"));

        await host.WaitForLogAsync("Skipped tick at 2026-11-28T10:01:00.0000000+00:00 (schedule): paused");
        Assert.Empty(await host.RunsAsync("tick"));
        Assert.Equal(At("10:02:00"), host.NextFire("tick"));
    }

    [Fact]
    public async Task AFireWaitingForASlotWhenThePauseComesIsSkippedWhenItsTurnComes()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow(settings: "overlap queue"));
        var gate = host.Runner.Gate("a");
        await host.StartAsync();
        host.Clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "the first run's job to start");
        host.Clock.SetUtcNow(At("10:02:00"));
        await host.WaitForLogAsync("Queued tick at 2026-11-28T10:02:00");

        await SetPausedAsync(host, "tick", true);
        gate.SetResult();

        await host.WaitForLogAsync("Skipped tick at 2026-11-28T10:02:00.0000000+00:00 (schedule): paused");
        // The run that was going when the pause came finishes: a pause stops fires, not runs (cancel stops runs).
        var run = Assert.Single(await host.FinishedRunsAsync("tick", 1));
        Assert.Equal((At("10:01:00"), RunStatus.Succeeded), (run.ScheduledAt, run.Status));
        await Wait.UntilAsync(() => host.Store.GetWatermarkAsync("tick").Result == At("10:02:00"), "the watermark to pass the skipped fire");
    }
}
