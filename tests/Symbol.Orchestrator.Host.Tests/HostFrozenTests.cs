using System.Globalization;
using System.Text.Json;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Host.Tests;

/// <summary>
/// A host frozen past its lease (SIGSTOP, as a long GC pause or a partition would) loses its run to another host; thawed
/// (SIGCONT), it finishes its job late, and that late result is refused: the store keeps the one winner's.
/// </summary>
[Collection(PostgresHostsCollection.Name)]
public sealed class HostFrozenTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);

    // The first attempt holds until released, then returns "late"; any later one returns "winner" at once.
    private static string Flow(DateTimeOffset at) => $$"""
        workflow frozen {
            schedule at "{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss}}Z"
            job hold { timeout 5m  run ```
                files.write(`hold~${run.attempt}`, "");
                if (run.attempt > 1) return "winner";
                while (!files.exists("release")) sleep(50);
                files.write("late", "");
                return "late"; ``` }
        }
        """;

    [PostgresFact]
    public async Task AHostFrozenPastItsLeaseLosesTheRunAndItsLateResultIsRecordedNowhere()
    {
        await using var hosts = await PostgresHosts.CreateAsync(["host-a", "host-b", "host-c"], lease: Lease.ToString("c", CultureInfo.InvariantCulture));
        hosts.Start();
        var at = DateTimeOffset.UtcNow.AddSeconds(3);
        var runId = RunRecord.ScheduledRunId("frozen", at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond)));
        hosts.WriteFlow("frozen.flow", Flow(at));
        Wait.Until(() => File.Exists(hosts.DataFile("hold~1")), "the first attempt to start", hosts.Output);
        // And its start recorded (written while the script runs): frozen before that commit, the host would leave no attempt behind.
        Wait.Until(() => hosts.ReadRunsAsync().GetAwaiter().GetResult().Any(r => r.Attempts.Any(a => a.Outcome == AttemptOutcome.Running)),
            "the first attempt's start to be recorded", hosts.Output);

        var holder = (await hosts.ReadRunsAsync()).Single().Run.LeaseOwner!;
        hosts.Freeze(holder);
        hosts.WaitFor($"Took over run {runId} from {holder}");
        hosts.WaitFor($"Run {runId} of frozen ended succeeded");
        var won = Snapshot(await hosts.ReadRunsAsync());

        File.WriteAllText(hosts.DataFile("release"), "");
        hosts.Thaw(holder);
        Wait.Until(() => File.Exists(hosts.DataFile("late")), "the frozen host's attempt to end, late", () => hosts[holder].Output);
        hosts.StopAll(); // the late host waits for its run's end, the refused write included, before it exits

        var run = Assert.Single(await hosts.ReadRunsAsync());
        Assert.Equal(won, Snapshot([run]));
        Assert.Equal(RunStatus.Succeeded, run.Run.Status);
        Assert.NotEqual(holder, run.Run.LeaseOwner);
        Assert.Equal("\"winner\"", Assert.Single(run.Jobs).OutputJson);
        Assert.Equal(AttemptOutcome.Succeeded, Assert.Single(run.Attempts, a => a.Outcome == AttemptOutcome.Succeeded).Outcome);
        Assert.Equal(AttemptOutcome.Interrupted, Assert.Single(run.Attempts, a => a.Attempt == 1).Outcome);
    }

    // The run, its jobs and attempts as JSON, to compare what the store held before the thaw with what it holds after.
    private static string Snapshot(IReadOnlyList<StoredRun> runs) =>
        JsonSerializer.Serialize(runs.Select(r => new { r.Run, r.Jobs, r.Attempts }));
}
