using System.Globalization;
using System.Text;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Host.Tests;

/// <summary>Three hosts on one PostgreSQL act as one orchestrator: every fire runs once, and the work spreads over them.</summary>
[Collection(PostgresHostsCollection.Name)]
public sealed class ThreeHostsFireOnceTests
{
    private const int Workflows = 200;
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan For = TimeSpan.FromSeconds(30);

    // Each job writes a file of its own, named by its run id and a random suffix: a job run twice leaves two, even if the
    // store recorded it once. (Not one file all append to: appends from several processes can overwrite one another.)
    // concurrency 5: a busy machine that runs a fire late must not skip the next one by overlap, which is not the point here.
    private static string Flows() =>
        string.Concat(Enumerable.Range(0, Workflows).Select(i => $$"""
            workflow w{{i:D3}} {
                schedule cron "*/2 * * * * *"
                concurrency 5
                job tick { run ``` files.write(`ticks/${run.id.replace(/:/g, "-")}~${Math.random().toString(36).slice(2)}`, ""); ``` }
            }

            """));

    [PostgresFact]
    public async Task TwoHundredWorkflowsEvery2sFor30sOnThreeHostsRunEachFireExactlyOnceAndEveryHostRunsSome()
    {
        await using var hosts = await PostgresHosts.CreateAsync(["host-a", "host-b", "host-c"]);
        hosts.WriteFlow("many.flow", Flows());
        hosts.Start();

        // From the first fire all three hosts were up for, to the one 30 s later: every workflow's fire in between counts.
        var first = NextFire(DateTimeOffset.UtcNow);
        var last = first + For;
        // Instant by instant, so hosts that lag behind on a busy machine have each wait's bound to catch up.
        foreach (var at in Instants(first, last))
            Wait.Until(() => Ticks(hosts).Count(t => t.EndsWith(OnDisk(Iso(at)), StringComparison.Ordinal)) >= Workflows,
                $"every workflow's fire at {Iso(at)} to have run", hosts.Output);
        hosts.StopAll();

        var lines = Ticks(hosts);
        var doubled = lines.GroupBy(l => l, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(doubled.Count == 0, $"jobs that ran more than once: {string.Join(", ", doubled.Take(10))}");

        var runs = (await hosts.ReadRunsAsync()).Where(r => r.Run.ScheduledAt >= first && r.Run.ScheduledAt <= last).ToList();
        var expected = Instants(first, last).SelectMany(at => Enumerable.Range(0, Workflows).Select(i => RunRecord.ScheduledRunId($"w{i:D3}", at))).ToHashSet();
        Assert.Equal(expected.Count, runs.Count);
        Assert.True(expected.SetEquals(runs.Select(r => r.Run.RunId)), "the runs in the store are not the fires of the window");
        var expectedFiles = expected.Select(OnDisk).ToHashSet(StringComparer.Ordinal);
        Assert.True(expectedFiles.SetEquals(lines.Where(expectedFiles.Contains)), "a fire of the window left no file in ticks/");
        Assert.All(runs, r =>
        {
            Assert.Equal(RunStatus.Succeeded, r.Run.Status);
            var attempt = Assert.Single(r.Attempts);
            Assert.Equal(AttemptOutcome.Succeeded, attempt.Outcome);
        });

        var byHost = runs.GroupBy(r => r.Run.LeaseOwner ?? "(none)").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.True(new[] { "host-a", "host-b", "host-c" }.All(h => byHost.GetValueOrDefault(h) > 0),
            $"runs by host: {Describe(byHost)}");
    }

    // The run ids of the jobs that ran, one for each file they wrote, as the files name them (OnDisk).
    private static string[] Ticks(PostgresHosts hosts) =>
        Directory.Exists(hosts.DataFile("ticks"))
            ? Directory.GetFiles(hosts.DataFile("ticks")).Select(f => Path.GetFileName(f).Split('~')[0]).ToArray()
            : [];

    // The first */2 instant at least a second ahead, so no host is still starting when it fires.
    private static DateTimeOffset NextFire(DateTimeOffset now)
    {
        var ahead = now.AddSeconds(1);
        var seconds = ahead.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(seconds + (seconds % 2 == 0 ? 2 : 1));
    }

    private static IEnumerable<DateTimeOffset> Instants(DateTimeOffset first, DateTimeOffset last)
    {
        for (var at = first; at <= last; at += Every)
            yield return at;
    }

    // A run id as the job names its file: colons, which some file systems refuse, as dashes.
    private static string OnDisk(string runId) => runId.Replace(':', '-');

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Describe(Dictionary<string, int> byHost) =>
        byHost.OrderBy(h => h.Key, StringComparer.Ordinal).Aggregate(new StringBuilder(), (b, h) => b.Append($"{h.Key} {h.Value}; ")).ToString();
}
