using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

public sealed class ReloadTests
{
    private static string Flow(string cron) => $$"""
        workflow w {
            schedule cron "{{cron}}"
            job a { run ``` return 1; ``` }
        }
        """;

    [Fact]
    public void ManyChangesWithinTheQuietPeriodMakeOneReload()
    {
        var clock = new FakeTimeProvider(T0);
        var reloads = 0;
        using var debouncer = new Debouncer(clock, TimeSpan.FromMilliseconds(300), () => Interlocked.Increment(ref reloads));

        for (var k = 0; k < 10; k++)
        {
            debouncer.Poke();
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }
        Assert.Equal(0, reloads);
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, reloads);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, reloads);
    }

    [Fact]
    public async Task ABrokenFileKeepsTheLastGoodVersionAndLogsItsErrorsWithPositions()
    {
        await using var host = new HostHarness();
        var path = host.Write("w.flow", Flow("0 * * * *"));
        await host.StartAsync();

        File.WriteAllText(path, "workflow w {\n    schedule cron \"nope\"\n    job a { run ``` return 1; ``` }\n}\n");
        await host.ReloadAsync();

        Assert.Equal(At("11:00:00"), host.NextFire("w"));
        Assert.True(host.Logs.Any($"{path}:2:"), string.Join("\n", host.Logs.Lines()));
        Assert.True(host.Logs.Any("kept their previous version"));
        // The last good version is the one that fires.
        host.Clock.SetUtcNow(At("11:00:00"));
        Assert.Equal(RunStatus.Succeeded, Assert.Single(await host.FinishedRunsAsync("w", 1)).Status);
    }

    [Fact]
    public async Task AFixedFileReplacesItsWorkflowAndADeletedFileUnschedulesIt()
    {
        await using var host = new HostHarness();
        var path = host.Write("w.flow", Flow("0 * * * *"));
        await host.StartAsync();

        File.WriteAllText(path, Flow("*/5 * * * *"));
        await host.ReloadAsync();
        Assert.Equal(At("10:05:00"), host.NextFire("w"));
        Assert.True(host.Logs.Any("Reload: changed w (next 2026-11-28T10:05:00"), string.Join("\n", host.Logs.Lines()));

        host.Write("v.flow", Flow("0 12 * * *").Replace("workflow w", "workflow v"));
        File.Delete(path);
        await host.ReloadAsync();
        Assert.Equal(["v"], host.Scheduled.Select(j => j.Name));
        Assert.True(host.Logs.Any("Reload: added v (next 2026-11-28T12:00:00"), string.Join("\n", host.Logs.Lines()));
        Assert.True(host.Logs.Any("removed w"));
    }

    [Fact]
    public async Task AChangeSavedAtTheInstantOfAFireDoesNotFireThatInstantAgain()
    {
        await using var host = new HostHarness();
        var path = host.Write("w.flow", Flow("0 * * * * *"));
        await host.StartAsync();
        host.Clock.SetUtcNow(At("10:01:00"));
        await host.FinishedRunsAsync("w", 1);

        // The clock has not moved since the fire: the changed workflow carries on after it, not from it.
        File.WriteAllText(path, Flow("0 * * * * *").Replace("return 1;", "return 2;"));
        await host.ReloadAsync();

        Assert.True(host.Logs.Any("Reload: changed w"), string.Join("\n", host.Logs.Lines()));
        Assert.Equal(At("10:02:00"), host.NextFire("w"));
        host.Clock.SetUtcNow(At("10:02:00"));
        var runs = await host.FinishedRunsAsync("w", 2);
        Assert.Equal([At("10:01:00"), At("10:02:00")], runs.Select(r => r.ScheduledAt).Order());
    }
}
