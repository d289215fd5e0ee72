using System.Globalization;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Host.Tests;

/// <summary>
/// <c>orchestrator backfill</c> as a user runs it, a process of its own beside the host (or with none): a daily workflow over
/// the last 30 days gets 30 runs, and the same backfill again adds none.
/// </summary>
public sealed class BackfillTests
{
    private const string Daily = """
        workflow daily {
            schedule cron "0 0 * * *"
            concurrency 3
            job report { run ``` files.write("ran-" + run.scheduledAt.slice(0, 10) + ".txt", run.id); return 1; ``` }
        }
        """;

    // The last 30 midnights before today (UTC, the default zone): all in the past, none fired by the schedule.
    private static readonly string From = DateTime.UtcNow.Date.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static readonly string To = DateTime.UtcNow.Date.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (int Exit, string Output) Backfill(HostFolder folder)
    {
        using var verb = HostProcess.Start("dotnet", Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "backfill", "daily", "--from", From, "--to", To,
            "--config", folder.Config);
        var exit = verb.WaitForExit();
        return (exit, verb.Output);
    }

    private static async Task<IReadOnlyList<RunRecord>> RunsAsync(HostFolder folder)
    {
        await using var store = await SqliteStateStore.OpenAsync(Path.Combine(folder.Path, "state", "state.db"));
        return await store.ListRunsAsync("daily", 1000);
    }

    // A file per run, each job's proof that it ran (appends to one file from runs side by side can overwrite each other).
    private static int Ran(HostFolder folder) => Directory.GetFiles(folder.Data, "ran-*.txt").Length;

    [Fact]
    public async Task WithTheHostRunningItRunsThirtyRunsThenNone()
    {
        using var folder = new HostFolder();
        folder.Write(folder.Flow("daily.flow"), Daily);
        using var host = HostProcess.Start(folder.Config);
        host.WaitFor("Started: ");

        var first = Backfill(folder);
        var second = Backfill(folder);

        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains("queued 30 runs of daily (0 instants already had one)", first.Output);
        Assert.Contains($"the host {Environment.MachineName}:{host.Id} runs them", first.Output);
        Assert.Contains("[30/30] daily@", first.Output);
        Assert.Contains("30 runs ended: 30 succeeded", first.Output);
        Assert.Equal(0, second.Exit);
        Assert.Contains("queued 0 runs of daily (30 instants already had one)", second.Output);
        host.WaitFor("Taking queued run daily@", atLeast: 30);
        var runs = await RunsAsync(folder);
        Assert.Equal(30, runs.Count);
        Assert.All(runs, r => Assert.Equal((RunStatus.Succeeded, RunTrigger.Backfill, $"{Environment.MachineName}:{host.Id}"), (r.Status, r.Trigger, r.LeaseOwner)));
        Assert.Equal(30, Ran(folder));
        Assert.Equal(30, host.Count(" of daily ended succeeded"));
    }

    [Fact]
    public async Task WithNoHostTheVerbRunsThirtyRunsItselfThenNone()
    {
        using var folder = new HostFolder();
        folder.Write(folder.Flow("daily.flow"), Daily);

        var first = Backfill(folder);
        var second = Backfill(folder);

        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains("queued 30 runs of daily (0 instants already had one)", first.Output);
        Assert.DoesNotContain("the host", first.Output);
        Assert.Contains("[30/30] daily@", first.Output);
        Assert.Equal(0, second.Exit);
        Assert.Contains("queued 0 runs of daily (30 instants already had one)", second.Output);
        var runs = await RunsAsync(folder);
        Assert.Equal(30, runs.Count);
        Assert.All(runs, r => Assert.Equal((RunStatus.Succeeded, RunTrigger.Backfill), (r.Status, r.Trigger)));
        Assert.Single(runs.Select(r => r.LeaseOwner).Distinct());
        Assert.Equal(30, Ran(folder));
    }
}
