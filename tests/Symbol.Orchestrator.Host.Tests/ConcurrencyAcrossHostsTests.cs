using System.Globalization;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Host.Tests;

/// <summary>
/// <c>concurrency 1</c> holds across hosts: three hosts fire a workflow every 2 s whose job takes 3 s, and no two of its
/// runs are ever active at once (counted in the database, not in each host's memory).
/// </summary>
[Collection(PostgresHostsCollection.Name)]
public sealed class ConcurrencyAcrossHostsTests
{
    private const int Runs = 4;

    // The job notes when it started and ended (this machine's clock, in ms) in a file of its own.
    private const string Flow = """
        workflow single {
            schedule cron "*/2 * * * * *"
            concurrency 1
            job slow { timeout 5m  run ```
                const name = run.id.replace(/:/g, "-");
                const start = Date.now();
                sleep(3000);
                files.write(`spans/${name}`, `${start} ${Date.now()}`); ``` }
        }
        """;

    [PostgresFact]
    public async Task AConcurrency1WorkflowFiredByThreeHostsNeverHasTwoActiveRuns()
    {
        await using var hosts = await PostgresHosts.CreateAsync(["host-a", "host-b", "host-c"]);
        hosts.WriteFlow("single.flow", Flow);
        hosts.Start();
        Wait.Until(() => Spans(hosts).Count >= Runs, $"{Runs} runs to end", hosts.Output);
        hosts.StopAll();

        var runs = (await hosts.ReadRunsAsync()).Select(r => r.Run).Where(r => r.StartedAt is not null).OrderBy(r => r.StartedAt).ToList();
        Assert.True(runs.Count >= Runs, $"{runs.Count} runs started");
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        for (var i = 1; i < runs.Count; i++)
            Assert.True(runs[i].StartedAt >= runs[i - 1].FinishedAt,
                $"{runs[i].RunId} started at {runs[i].StartedAt:O}, before {runs[i - 1].RunId} finished at {runs[i - 1].FinishedAt:O}");

        var spans = Spans(hosts).OrderBy(s => s.Start).ToList();
        for (var i = 1; i < spans.Count; i++)
            Assert.True(spans[i].Start >= spans[i - 1].End, $"two jobs ran at once: {spans[i - 1]} and {spans[i]}");
        Assert.True(hosts.Count("Skipped single at ") > 0, "no fire was skipped at the limit:\n" + hosts.Output());
    }

    private static List<(long Start, long End)> Spans(PostgresHosts hosts)
    {
        var folder = hosts.DataFile("spans");
        if (!Directory.Exists(folder))
            return [];
        return Directory.GetFiles(folder).Select(File.ReadAllText).Where(t => t.Contains(' ', StringComparison.Ordinal))
            .Select(t => t.Split(' ')).Select(p => (long.Parse(p[0], CultureInfo.InvariantCulture), long.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
    }
}
