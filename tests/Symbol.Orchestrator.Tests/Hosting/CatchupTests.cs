using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>The host was down from 09:50 (its last fire) until 10:00:30; the workflow fires every minute.</summary>
public sealed class CatchupTests
{
    [Theory]
    [InlineData("catchup none", new string[0])]
    [InlineData("catchup latest", new[] { "10:00:00" })]
    [InlineData("catchup all", new[] { "09:51:00", "09:52:00", "09:53:00", "09:54:00", "09:55:00", "09:56:00", "09:57:00", "09:58:00", "09:59:00", "10:00:00" })]
    [InlineData("catchup all within 5m", new[] { "09:56:00", "09:57:00", "09:58:00", "09:59:00", "10:00:00" })]
    public async Task MissedFiresRunPerTheCatchupSetting(string setting, string[] expected)
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", $$"""
            workflow tick {
                schedule cron "* * * * *"
                {{setting}}
                job a { run ``` return 1; ``` }
            }
            """);
        await host.SeedWatermarkAsync("tick", At("09:50:00"));
        await host.StartAsync();

        var runs = expected.Length == 0 ? await host.RunsAsync("tick") : await host.FinishedRunsAsync("tick", expected.Length);

        Assert.Equal(expected.Select(At), runs.Select(r => r.ScheduledAt).Order());
        Assert.All(runs, r => Assert.Equal(RunTrigger.Catchup, r.Trigger));
        // The latest fire acted on: the newest run caught up, or now when the setting ran nothing.
        Assert.Equal(expected.Length == 0 ? T0 : At(expected[^1]), await host.Store.GetWatermarkAsync("tick"));
    }

    [Fact]
    public async Task AllIsCappedByTheCatchupLimitKeepingTheNewest()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", """
            workflow tick {
                schedule cron "* * * * *"
                catchup all
                job a { run ``` return 1; ``` }
            }
            """);
        await host.SeedWatermarkAsync("tick", At("09:50:00"));
        await host.StartAsync(catchupLimit: 3);

        var runs = await host.FinishedRunsAsync("tick", 3);

        Assert.Equal([At("09:58:00"), At("09:59:00"), At("10:00:00")], runs.Select(r => r.ScheduledAt).Order());
    }
}
