using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// Owners are unique per process (<c>machine-name:pid</c>), so a restarted host has a new one. It takes back the runs
/// of the host before it at once, because the store's host lock proves that host gone, and never a run whose owner
/// is another live process (a <c>trigger</c> beside it).
/// </summary>
public sealed class HostOwnerTests
{
    private const string Flow = """
        workflow slow {
            schedule cron "* * * * *"
            catchup none
            job hold { run ``` return 1; ``` }
        }
        """;

    [Fact]
    public async Task ARestartedHostResumesItsPredecessorsRunAtOnceAndLeavesALiveProcessRunAlone()
    {
        await using var host = new HostHarness();
        host.Write("slow.flow", Flow);
        var gate = host.Runner.Gate("hold");
        await host.StartAsync(owner: "box:100");
        var workflow = FlowCompiler.Compile([host.Workflows], new CompileOptions(TimeZoneInfo.Utc, T0)).FindWorkflow("slow")!;
        host.Clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "the 10:01 run's job to start");
        await host.StopAsync(); // grace zero: the run stays running, leased to box:100 until 10:02
        // A trigger in another process, still alive, has a run of its own, leased to it until 10:01:45.
        string otherRun;
        await using (var store = await SqliteStateStore.OpenAsync(host.StatePath, new FakeTimeProvider(At("10:01:15"))))
        {
            var trigger = new RunExecutor(store, host.Runner, new FakeTimeProvider(At("10:01:15")), new ExecutorOptions { Owner = "box:200" }, null);
            otherRun = (await trigger.CreateAsync(workflow, RunTrigger.Manual, At("10:01:15"))).Run.RunId;
        }

        await host.StartAsync(At("10:01:30"), owner: "box:101");
        await host.WaitForLogAsync("Resuming run slow@2026-11-28T10:01:00Z");
        gate.SetResult();
        var finished = await host.FinishedRunsAsync("slow", 1);

        Assert.Equal("slow@2026-11-28T10:01:00Z", Assert.Single(finished, r => r.Status == RunStatus.Succeeded).RunId);
        var other = await host.Store.GetRunAsync(otherRun);
        Assert.Equal((RunStatus.Running, "box:200"), (other!.Status, other.LeaseOwner));
        Assert.False(host.Logs.Any($"Resuming run {otherRun}"));
    }
}
