using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>A stop's grace is for the jobs running: no job starts after it is asked for, and its message counts what it waits for.</summary>
public sealed class StopTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AfterAStopNoNewJobStartsAndTheJobNotStartedRunsAtTheNextStart()
    {
        await using var host = new HostHarness();
        host.Write("w.flow", """
            workflow w {
                schedule cron "* * * * *"
                catchup none
                job a { run ``` return 1; ``` }
                job b { run ``` return 2; ``` }
                a -> b
            }
            """);
        var gate = host.Runner.Gate("a");
        await host.StartAsync(grace: Grace);
        host.Clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "job a to start");

        var stopping = host.StopAsync();
        await host.WaitForLogAsync("Stopping:");
        gate.SetResult(); // a finishes within the grace
        await stopping;

        Assert.Empty(host.Runner.CallsOf("b"));
        Assert.Contains("Information: Run w@2026-11-28T10:01:00Z stopped; its running attempts are recorded as interrupted and it resumes at the next start", host.Logs.Lines());

        await host.StartAsync(At("10:01:30"), grace: Grace);
        var run = Assert.Single(await host.FinishedRunsAsync("w", 1));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Single(host.Runner.CallsOf("a"));
        Assert.Single(host.Runner.CallsOf("b"));
    }

    [Fact]
    public async Task ARetryWaitingOutItsBackoffDoesNotStartAfterAStop()
    {
        await using var host = new HostHarness();
        host.Write("w.flow", """
            workflow w {
                schedule cron "* * * * *"
                catchup none
                job a { retries 1 backoff 5s  run ``` return 1; ``` }
            }
            """);
        host.Runner.FailFirst("a", 1);
        await host.StartAsync(grace: Grace);
        host.Clock.SetUtcNow(At("10:01:00"));
        await host.WaitForLogAsync("failed attempt 1");

        var stopping = host.StopAsync();
        await host.WaitForLogAsync("Stopping:");
        host.Clock.Advance(Grace); // past the backoff too: a retry that were to start would start now
        await stopping;

        Assert.Single(host.Runner.CallsOf("a"));
        await host.StartAsync(At("10:01:30"), grace: Grace);
        // The resumed retry waits its 5 s backoff from when the executor reaches it: step the clock (short of the next fire).
        var finished = host.FinishedRunsAsync("w", 1);
        await host.StepClockAsync(At("10:01:59"), finished);
        var run = Assert.Single(await finished);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal([1, 2], host.Runner.CallsOf("a").Select(c => c.Attempt));
    }

    [Fact]
    public async Task TheStopMessageCountsActiveRunsApartFromTheQueuedFiresItDrops()
    {
        await using var host = new HostHarness();
        host.Write("slow.flow", """
            workflow slow {
                schedule cron "* * * * *"
                concurrency 1
                overlap queue
                job hold { run ``` return 1; ``` }
            }
            """);
        var gate = host.Runner.Gate("hold");
        await host.StartAsync(grace: Grace);
        host.Clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "the 10:01 run's job to start");
        host.Clock.SetUtcNow(At("10:02:00"));
        await host.WaitForLogAsync("Queued slow at 2026-11-28T10:02:00");
        host.Clock.SetUtcNow(At("10:03:00"));
        await host.WaitForLogAsync("Queued slow at 2026-11-28T10:03:00");

        var stopping = host.StopAsync();
        await host.WaitForLogAsync("Stopping:");
        gate.SetResult();
        await stopping;

        var line = Assert.Single(host.Logs.Lines(), l => l.Contains("Stopping:", StringComparison.Ordinal));
        Assert.Contains("waiting up to 00:00:10 for the running jobs of 1 active run(s)", line);
        Assert.Contains("2 queued fire(s) dropped unrecorded", line);
    }
}
