using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// The host runs the runs <c>backfill</c> queues in the store: oldest first, each with a slot of its workflow's
/// <c>concurrency</c> (never more at once), not while its workflow is paused, and a backfilled instant is never fired again.
/// </summary>
public sealed class QueuedRunTests
{
    private static string Flow(string name, int concurrency, string schedule = "cron \"0 0 * * *\"", string catchup = "none") => $$"""
        workflow {{name}} {
            schedule {{schedule}}
            concurrency {{concurrency}}
            catchup {{catchup}}
            job a { run ``` return 1; ``` }
        }
        """;

    /// <summary>Queues a backfill run of <paramref name="workflow"/> (as the folder holds it) for each instant, as the verb does.</summary>
    private static async Task QueueAsync(HostHarness host, IStateStore store, string workflow, params DateTimeOffset[] instants)
    {
        var definition = FlowCompiler.Compile([host.Workflows], new CompileOptions(TimeZoneInfo.Utc, T0)).FindWorkflow(workflow)!;
        var runs = instants.Select(at => new NewRun(new RunRecord(RunRecord.ScheduledRunId(workflow, at), workflow, RunStatus.Pending, RunTrigger.Backfill, at,
            null, null, definition.Position.Path, RunDefinition.Capture(definition), definition.ParamsJson), ["a"])).ToList();
        Assert.Equal(instants.Length, (await store.EnqueueRunsAsync(runs)).Count);
    }

    private static Task QueueAsync(HostHarness host, string workflow, params DateTimeOffset[] instants) => QueueAsync(host, host.Store, workflow, instants);

    /// <summary>Moves the host's clock on a store-watch tick at a time until <paramref name="condition"/> holds.</summary>
    private static Task TickUntilAsync(HostHarness host, Func<bool> condition, string what) =>
        Wait.UntilAsync(() =>
        {
            if (condition())
                return true;
            host.Clock.Advance(StoreWatch.Interval);
            return false;
        }, what, () => string.Join("\n", host.Logs.Lines()));

    private static DateTimeOffset Day(int day) => new(2026, 11, day, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task QueuedRunsAreTakenOldestFirstWithinTheWorkflowsConcurrencyAndRunWithTheBackfillTrigger()
    {
        await using var host = new HostHarness();
        host.Write("etl.flow", Flow("etl", concurrency: 2));
        var gate = host.Runner.Gate("a");
        await host.StartAsync();
        await QueueAsync(host, "etl", Day(5), Day(1), Day(4), Day(2), Day(3));

        await TickUntilAsync(host, () => host.Runner.Running == 2, "two queued runs to start");
        // Held at the gate: a tick more does not start a third.
        host.Clock.Advance(StoreWatch.Interval * 4);
        var active = await host.Store.ListActiveRunsAsync("etl");
        Assert.Equal([Day(1), Day(2)], active.Select(r => r.ScheduledAt));
        Assert.Equal(3, (await host.Store.ListQueuedRunsAsync("etl", 10)).Count);

        gate.SetResult();
        var runs = await host.FinishedRunsAsync("etl", 5);

        Assert.Equal(2, host.Runner.MaxRunning);
        Assert.Equal([Day(1), Day(2), Day(3), Day(4), Day(5)], runs.Select(r => r.ScheduledAt).Order());
        Assert.All(runs, r => Assert.Equal((RunStatus.Succeeded, RunTrigger.Backfill, "test-host"), (r.Status, r.Trigger, r.LeaseOwner)));
        // Oldest first: no run started before an older one.
        var started = host.Runner.Calls.Select(c => c.ScheduledAt).ToList();
        Assert.Equal([Day(1), Day(2)], started.Take(2).Order());
        Assert.Equal([Day(3), Day(4), Day(5)], started.Skip(2).Order());
        Assert.True(host.Logs.Any("Taking queued run etl@2026-11-01T00:00:00Z of etl"));
        // The run's end is logged just after the store has it: the line may follow the record by a moment.
        await Wait.UntilAsync(() => host.Logs.Any("Run etl@2026-11-05T00:00:00Z of etl ended succeeded"), "the last run's end logged");
    }

    [Fact]
    public async Task APausedWorkflowsQueuedRunsWaitUntilItIsUnpausedWhileOtherWorkflowsRunTheirs()
    {
        await using var host = new HostHarness();
        host.Write("etl.flow", Flow("etl", concurrency: 1));
        host.Write("report.flow", Flow("report", concurrency: 1));
        await host.StartAsync();
        await host.Store.SetPausedAsync("etl", true, T0);
        await QueueAsync(host, "etl", Day(1), Day(2));
        await QueueAsync(host, "report", Day(1), Day(2));

        // report's runs, queued after etl's, ran on the ticks that left etl's alone.
        await TickUntilAsync(host, () => host.Runner.Calls.Count(c => c.Workflow == "report") == 2, "report's queued runs to run");
        await host.FinishedRunsAsync("report", 2);
        host.Clock.Advance(StoreWatch.Interval * 4);
        Assert.Equal(2, (await host.Store.ListQueuedRunsAsync("etl", 10)).Count);
        Assert.DoesNotContain(host.Runner.Calls, c => c.Workflow == "etl");

        await host.Store.SetPausedAsync("etl", false, T0);
        await TickUntilAsync(host, () => host.Runner.Calls.Count(c => c.Workflow == "etl") == 2, "etl's queued runs to run once unpaused");
        var runs = await host.FinishedRunsAsync("etl", 2);

        Assert.Equal([Day(1), Day(2)], runs.Select(r => r.ScheduledAt).Order());
    }

    [Fact]
    public async Task AThousandQueuedRunsOfAPausedWorkflowDoNotHoldBackAnotherWorkflowsLaterOnes()
    {
        await using var host = new HostHarness();
        host.Write("etl.flow", Flow("etl", concurrency: 1));
        host.Write("report.flow", Flow("report", concurrency: 1));
        await host.StartAsync();
        await host.Store.SetPausedAsync("etl", true, T0);
        // More than the host looks at a tick, and all older than report's.
        await QueueAsync(host, "etl", Enumerable.Range(0, 1200).Select(m => new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(m)).ToArray());
        await QueueAsync(host, "report", Day(1));

        await TickUntilAsync(host, () => host.Runner.Calls.Any(c => c.Workflow == "report"), "report's queued run to run");

        Assert.Single(await host.FinishedRunsAsync("report", 1));
        Assert.DoesNotContain(host.Runner.Calls, c => c.Workflow == "etl");
    }

    [Fact]
    public async Task AnInstantBackfilledWhileTheHostWasDownIsNotRunAgainByCatchUp()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow("tick", concurrency: 1, schedule: "cron \"* * * * *\"", catchup: "all"));
        await host.SeedWatermarkAsync("tick", At("09:50:00"));
        await using (var store = await SqliteStateStore.OpenAsync(host.StatePath, TimeProvider.System))
            await QueueAsync(host, store, "tick", At("09:51:00"), At("09:52:00"), At("09:53:00"));
        await host.StartAsync();

        // Catch-up fires 09:51 to 10:00; the queue runs the three backfilled ones.
        await TickUntilAsync(host, () => host.Runner.Calls.Count == 10, "ten runs, one an instant");
        var runs = await host.FinishedRunsAsync("tick", 10);

        Assert.Equal(Enumerable.Range(1, 10).Select(m => At("09:50:00").AddMinutes(m)), runs.Select(r => r.ScheduledAt).Order());
        Assert.Equal(10, host.Runner.Calls.Select(c => c.ScheduledAt).Distinct().Count());
        Assert.Equal([At("09:51:00"), At("09:52:00"), At("09:53:00")], runs.Where(r => r.Trigger == RunTrigger.Backfill).Select(r => r.ScheduledAt).Order());
        Assert.All(runs.Where(r => r.ScheduledAt > At("09:53:00")), r => Assert.Equal(RunTrigger.Catchup, r.Trigger));
        host.Clock.Advance(StoreWatch.Interval * 4);
        Assert.Equal(10, host.Runner.Calls.Count);
    }
}
