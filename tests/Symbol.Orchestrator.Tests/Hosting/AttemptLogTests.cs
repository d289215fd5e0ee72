using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>The host's job line counts attempts as <c>show</c> does: every attempt made, and those counted against retries where they differ.</summary>
public sealed class AttemptLogTests
{
    [Fact]
    public async Task AJobResumedAfterAnInterruptedAttemptIsLoggedWithBothCounts()
    {
        await using var host = new HostHarness();
        host.Write("slow.flow", """
            workflow slow {
                schedule cron "* * * * *"
                catchup none
                job hold { run ``` return 1; ``` }
            }
            """);
        var gate = host.Runner.Gate("hold");
        await host.StartAsync();
        host.Clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "the 10:01 run's job to start");
        await host.StopAsync(); // grace zero: attempt 1 is interrupted and does not use up a retry

        await host.StartAsync(At("10:01:30"));
        gate.SetResult();
        await host.WaitForLogAsync("Job hold of run slow@2026-11-28T10:01:00Z succeeded after 2 attempts (1 counted)");
    }
}
