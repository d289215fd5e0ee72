using System.Globalization;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Host.Tests;

/// <summary>
/// A host killed with <c>kill -9</c> in the middle of its runs loses nothing: once its leases expire another host
/// resumes them as after a restart, without running again a job that had succeeded.
/// </summary>
[Collection(PostgresHostsCollection.Name)]
public sealed class HostKilledTests
{
    private const int Workflows = 6;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);

    // first leaves a file and succeeds; second's first attempt leaves a file and holds until released (or killed), any
    // later attempt leaves a file and ends at once. All fire once, at one instant, so the hosts share them out.
    private static string Flows(DateTimeOffset at) =>
        string.Concat(Enumerable.Range(0, Workflows).Select(i => $$"""
            workflow k{{i}} {
                schedule at "{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss}}Z"
                job first  { run ``` files.write(`first/${run.workflow}~${Math.random().toString(36).slice(2)}`, ""); return "one"; ``` }
                job second { timeout 5m  run ```
                    files.write(`second/${run.workflow}~${run.attempt}`, "");
                    if (run.attempt == 1) while (!files.exists("release")) sleep(50);
                    return inputs.first + "-two"; ``` }
                first -> second
            }

            """));

    [PostgresFact]
    public async Task Kill9MidJobAnotherHostFinishesItsRunsWithinTheLeaseNoSucceededJobRunsAgainAndTheInterruptedAttemptIsNoRetry()
    {
        await using var hosts = await PostgresHosts.CreateAsync(["host-a", "host-b", "host-c"], lease: Iso(Lease));
        hosts.Start();
        hosts.WriteFlow("killed.flow", Flows(DateTimeOffset.UtcNow.AddSeconds(3)));
        Wait.Until(() => Enumerable.Range(0, Workflows).All(i => File.Exists(hosts.DataFile($"second/k{i}~1"))), "every run's second job to start", hosts.Output);
        // And its start recorded: the executor writes it while the script runs, and a host killed before that commit leaves
        // no attempt to interrupt (the job runs again as attempt 1, which is not the case this test is about).
        Wait.Until(() => hosts.ReadRunsAsync().GetAwaiter().GetResult().All(r => r.Attempts.Any(a => a.Job == "second" && a.Outcome == AttemptOutcome.Running)),
            "every second job's start to be recorded", hosts.Output);

        var victim = (await hosts.ReadRunsAsync()).First(r => r.Run.Workflow == "k0").Run.LeaseOwner!;
        var victims = (await hosts.ReadRunsAsync()).Where(r => r.Run.LeaseOwner == victim).Select(r => r.Run.Workflow).ToList();
        hosts.Kill(victim);
        var killedAt = DateTimeOffset.UtcNow;
        File.WriteAllText(hosts.DataFile("release"), ""); // the other hosts' own runs may end now
        Wait.Until(() => victims.All(w => File.Exists(hosts.DataFile($"second/{w}~2"))), $"another host to resume {victim}'s runs", hosts.Output);
        hosts.WaitFor(" ended succeeded", atLeast: Workflows);
        hosts.StopAll();

        var runs = await hosts.ReadRunsAsync();
        Assert.Equal(Workflows, runs.Count);
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Run.Status));
        foreach (var run in runs.Where(r => victims.Contains(r.Run.Workflow)))
        {
            Assert.NotEqual(victim, run.Run.LeaseOwner);
            Assert.Equal(1, hosts.Count($"Took over run {run.Run.RunId} from {victim}"));
            Assert.Single(Directory.GetFiles(hosts.DataFile("first"), $"{run.Run.Workflow}~*"));
            var first = Assert.Single(run.Attempts, a => a.Job == "first");
            Assert.Equal(AttemptOutcome.Succeeded, first.Outcome);

            var second = run.Attempts.Where(a => a.Job == "second").OrderBy(a => a.Attempt).ToList();
            Assert.Equal([(1, AttemptOutcome.Interrupted), (2, AttemptOutcome.Succeeded)], second.Select(a => (a.Attempt, a.Outcome)));
            var job = Assert.Single(run.Jobs, j => j.Job == "second");
            Assert.Equal((JobStatus.Succeeded, 1, "\"one-two\""), (job.Status, job.Attempts, job.OutputJson));

            // Not before the dead host's lease ran out (renewed every third of it), and within it plus a sweep (Lease/2),
            // with room for a busy machine.
            var resumed = second[1].StartedAt - killedAt;
            Assert.InRange(resumed, Lease * 2 / 3 - TimeSpan.FromSeconds(0.5), Lease + Lease / 2 + TimeSpan.FromSeconds(10));
        }
        Assert.All(runs.Where(r => !victims.Contains(r.Run.Workflow)), r => Assert.DoesNotContain(r.Attempts, a => a.Outcome != AttemptOutcome.Succeeded));
    }

    private static string Iso(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);
}
