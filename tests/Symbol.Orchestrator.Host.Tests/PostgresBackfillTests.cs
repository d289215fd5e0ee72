using System.Globalization;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Host.Tests;

/// <summary>
/// <c>orchestrator backfill</c> on a PostgreSQL store, as with SQLite: a live host (its row in the hosts table) runs the
/// runs the verb queues; once that host stopped, the verb runs them itself instead of waiting for nobody.
/// </summary>
[Collection(PostgresHostsCollection.Name)]
public sealed class PostgresBackfillTests
{
    private const string Daily = """
        workflow daily {
            schedule cron "0 0 * * *"
            concurrency 3
            job report { run ``` files.write("ran-" + run.scheduledAt.slice(0, 10) + ".txt", run.id); return 1; ``` }
        }
        """;

    private static string Day(int daysAgo) => DateTime.UtcNow.Date.AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (int Exit, string Output) Backfill(PostgresHosts hosts, string from, string to)
    {
        using var verb = HostProcess.Start("dotnet", Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "backfill", "daily", "--from", from, "--to", to,
            "--config", hosts.Config("host-a"));
        var exit = verb.WaitForExit();
        return (exit, verb.Output);
    }

    [PostgresFact]
    public async Task ALiveHostRunsTheQueuedRunsAndAfterItsGracefulStopTheVerbRunsThemItself()
    {
        await using var hosts = await PostgresHosts.CreateAsync(["host-a"]);
        hosts.WriteFlow("daily.flow", Daily);
        hosts.Start();

        var withHost = Backfill(hosts, Day(10), Day(6));
        Assert.True(withHost.Exit == 0, withHost.Output);
        Assert.Contains("queued 5 runs of daily (0 instants already had one)", withHost.Output);
        Assert.Contains("the host host-a runs them", withHost.Output);
        Assert.Contains("5 runs ended: 5 succeeded", withHost.Output);
        hosts["host-a"].WaitFor("Taking queued run daily@", atLeast: 5);
        hosts.StopAll();

        var withoutHost = Backfill(hosts, Day(5), Day(1));
        Assert.True(withoutHost.Exit == 0, withoutHost.Output);
        Assert.Contains("queued 5 runs of daily (0 instants already had one)", withoutHost.Output);
        Assert.DoesNotContain("the host", withoutHost.Output);
        Assert.Contains("5 runs ended: 5 succeeded", withoutHost.Output);

        var runs = await hosts.ReadRunsAsync();
        Assert.Equal(10, runs.Count);
        Assert.All(runs, r => Assert.Equal((RunStatus.Succeeded, RunTrigger.Backfill), (r.Run.Status, r.Run.Trigger)));
        Assert.Equal(10, Directory.GetFiles(hosts.DataPath, "ran-*.txt").Length);
        Assert.Equal(5, hosts["host-a"].Count(" of daily ended succeeded"));
    }
}
