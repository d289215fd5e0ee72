using System.Text.Json;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>
/// <c>backfill</c>: a run for each past fire instant in the range that has none, with the scheduled run id and trigger
/// <c>backfill</c>, oldest first; run in this process when no host runs on the store, left to the host when one does.
/// </summary>
public sealed class BackfillVerbTests : IDisposable
{
    // Daily at midnight UTC; the run of 2027-02-03 fails. Each run notes its instant in order.txt as it starts.
    private const string Etl = """
        workflow etl {
            schedule cron "0 0 * * *"
            params { "region": "eu" }
            job extract { run ```
                files.append("order.txt", run.scheduledAt + "\n");
                return params.region; ``` }
            job load { run ```
                if (run.scheduledAt.startsWith("2027-02-03")) throw new Error("bad day");
                return inputs.extract; ``` }
            extract -> load
        }
        workflow manual_only {
            job a { run ``` return 1; ``` }
        }
        """;

    private readonly TempFolder _folder = new();

    public BackfillVerbTests()
    {
        Directory.CreateDirectory(_folder.File("workflows"));
        _folder.Write("workflows/etl.flow", Etl);
        _folder.Write("orchestrator.json", """{ "Orchestrator": { "Workflows": "workflows", "State": "state/state.db", "Data": "data" } }""");
    }

    public void Dispose() => _folder.Dispose();

    private string State => _folder.File("state/state.db");

    private CliRun Backfill(params string[] args) => CliRun.Of(["backfill", .. args, "--config", _folder.File("orchestrator.json")]);

    private async Task<IReadOnlyList<RunRecord>> RunsAsync()
    {
        await using var store = await SqliteStateStore.OpenAsync(State);
        return (await store.ListRunsAsync("etl", 100)).OrderBy(r => r.ScheduledAt).ToList();
    }

    private static DateTimeOffset Day(int day) => new(2027, 2, day, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ADryRunListsEachInstantAsNewAndCreatesNoStore()
    {
        var run = Backfill("etl", "--from", "2027-02-01", "--to", "2027-02-03T12:00", "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                "backfill etl: 3 fire instants from 2027-02-01T00:00:00+00:00 to 2027-02-03T12:00:00+00:00 (dry run: nothing is queued)",
                "  2027-02-01T00:00:00+00:00  etl@2027-02-01T00:00:00Z                  new",
                "  2027-02-02T00:00:00+00:00  etl@2027-02-02T00:00:00Z                  new",
                "  2027-02-03T00:00:00+00:00  etl@2027-02-03T00:00:00Z                  new",
                "would queue 3 runs (0 instants already had one)",
            ], run.Out.TrimEnd().Split('\n'));
        Assert.False(File.Exists(State));
    }

    [Fact]
    public async Task WithNoHostTheRunsRunHereOldestFirstAFailedOneExits1AndASecondBackfillAddsNothing()
    {
        var first = Backfill("etl", "--from", "2027-02-01", "--to", "2027-02-05");
        var second = Backfill("etl", "--from", "2027-02-01", "--to", "2027-02-05");

        Assert.Equal(1, first.ExitCode);
        var lines = first.Out.TrimEnd().Split('\n');
        Assert.Equal("queued 5 runs of etl (0 instants already had one)", lines[0]);
        Assert.Matches(@"^\[1/5\] etl@2027-02-01T00:00:00Z succeeded \d+ms$", lines[1]);
        Assert.Contains(lines, l => l.Contains("etl@2027-02-03T00:00:00Z failed") && l.EndsWith(": job load: Error: bad day (at " + _folder.File("workflows/etl.flow") + ":8)", StringComparison.Ordinal));
        Assert.Equal("5 runs ended: 4 succeeded, 1 failed", lines[^1]);
        Assert.Equal(5, lines.Count(l => l.StartsWith('[')));
        var runs = await RunsAsync();
        Assert.Equal([Day(1), Day(2), Day(3), Day(4), Day(5)], runs.Select(r => r.ScheduledAt));
        Assert.All(runs, r => Assert.Equal((RunTrigger.Backfill, RunRecord.ScheduledRunId("etl", r.ScheduledAt)), (r.Trigger, r.RunId)));
        Assert.Equal(RunStatus.Failed, runs[2].Status);
        // concurrency 1 (the default): one after another, oldest first.
        Assert.Equal(runs.Select(r => r.ScheduledAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")), File.ReadAllLines(_folder.File("data/order.txt")));

        Assert.Equal(0, second.ExitCode);
        Assert.Equal("queued 0 runs of etl (5 instants already had one)", second.Out.TrimEnd());
        Assert.Equal(5, (await RunsAsync()).Count);
    }

    [Fact]
    public async Task ABackfilledRunRunsItsWorkflowsHandlersAfterItsJobs()
    {
        _folder.Write("workflows/alerting.flow", """
            workflow alerting {
                schedule cron "0 0 * * *"
                job a { run ``` throw new Error("down"); ``` }
                on failure { run ``` files.write("alert-" + run.scheduledAt.substring(0, 10) + ".txt", run.failed.a); ``` }
                on exit    { run ``` return run.status; ``` }
            }
            """);

        var run = Backfill("alerting", "--from", "2027-02-01", "--to", "2027-02-02");

        Assert.Equal(1, run.ExitCode);
        await using var store = await SqliteStateStore.OpenAsync(State);
        var runs = await store.ListRunsAsync("alerting", 10);
        Assert.Equal(2, runs.Count);
        foreach (var ended in runs)
        {
            var jobs = (await store.GetJobsAsync(ended.RunId)).ToDictionary(j => j.Job, j => j.Status);
            Assert.Equal((RunStatus.Failed, JobStatus.Failed, JobStatus.Succeeded, JobStatus.Succeeded),
                (ended.Status, jobs["a"], jobs["on failure"], jobs["on exit"]));
        }
        Assert.StartsWith("Error: down", await File.ReadAllTextAsync(_folder.File("data/alert-2027-02-01.txt")));
    }

    [Fact]
    public async Task ParamsAreLaidOverTheWorkflowsAsTriggerLaysThem()
    {
        var run = Backfill("etl", "--from", "2027-02-01", "--to", "2027-02-01", "--param", "region=us", "--param", "batch=500");

        Assert.Equal(0, run.ExitCode);
        var only = Assert.Single(await RunsAsync());
        using var parameters = JsonDocument.Parse(only.ParamsJson);
        Assert.Equal(("us", 500), (parameters.RootElement.GetProperty("region").GetString(), parameters.RootElement.GetProperty("batch").GetInt32()));
        await using var store = await SqliteStateStore.OpenAsync(State);
        Assert.Equal("\"us\"", (await store.GetJobsAsync(only.RunId)).Single(j => j.Job == "load").OutputJson);
    }

    [Fact]
    public void ADryRunAfterABackfillShowsTheRunEachInstantHas()
    {
        Backfill("etl", "--from", "2027-02-02", "--to", "2027-02-03");

        var run = Backfill("etl", "--from", "2027-02-01", "--to", "2027-02-03", "--dry-run", "--json");

        Assert.Equal(0, run.ExitCode);
        var document = run.Json();
        Assert.True(document.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["new", "succeeded", "failed"], document.GetProperty("instants").EnumerateArray().Select(i => i.GetProperty("status").GetString()));
        Assert.Equal((0, 2), (document.GetProperty("queued").GetInt32(), document.GetProperty("existing").GetInt32()));
        Assert.Equal(0, document.GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public void JsonIsOneDocumentWithEveryInstantAndEveryRunAtItsEnd()
    {
        var run = Backfill("etl", "--from", "2027-02-04", "--to", "2027-02-05T06:00+01:00", "--json");

        Assert.Equal(0, run.ExitCode);
        var document = run.Json();
        Assert.Equal(("etl", "2027-02-04T00:00:00+00:00", "2027-02-05T06:00:00+01:00", false),
            (document.GetProperty("workflow").GetString(), document.GetProperty("from").GetString(), document.GetProperty("to").GetString(),
                document.GetProperty("dryRun").GetBoolean()));
        Assert.Equal(["etl@2027-02-04T00:00:00Z", "etl@2027-02-05T00:00:00Z"], document.GetProperty("instants").EnumerateArray().Select(i => i.GetProperty("runId").GetString()));
        Assert.All(document.GetProperty("instants").EnumerateArray(), i => Assert.Equal("queued", i.GetProperty("status").GetString()));
        Assert.Equal((2, 0, JsonValueKind.Null), (document.GetProperty("queued").GetInt32(), document.GetProperty("existing").GetInt32(), document.GetProperty("host").ValueKind));
        Assert.All(document.GetProperty("runs").EnumerateArray(), r => Assert.Equal(("succeeded", "backfill"), (r.GetProperty("status").GetString(), r.GetProperty("trigger").GetString())));
        // The progress lines go to stderr.
        Assert.Contains("[2/2] etl@2027-02-05T00:00:00Z succeeded", run.Error);
    }

    [Fact]
    public async Task WithAHostAliveTheRunsAreLeftQueuedForIt()
    {
        Directory.CreateDirectory(_folder.File("state"));
        using var host = SqliteHostLock.Take(State, "box:100", CliRun.Now.AddMinutes(-5));

        var run = Backfill("etl", "--from", "2027-02-01", "--to", "2027-02-02", "--no-wait", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("box:100", run.Json().GetProperty("host").GetString());
        Assert.Contains("the host box:100 runs them", run.Error);
        var runs = await RunsAsync();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.True(r.IsQueued));
        Assert.False(File.Exists(_folder.File("data/order.txt")));
    }

    [Fact]
    public async Task FollowingAHostThatStopsEndsSayingWhatBecomesOfTheRuns()
    {
        Directory.CreateDirectory(_folder.File("state"));
        var host = SqliteHostLock.Take(State, "box:100", CliRun.Now.AddMinutes(-5));
        var following = Task.Run(() => Backfill("etl", "--from", "2027-02-01", "--to", "2027-02-02"));
        await Wait.UntilAsync(() => File.Exists(State) && RunsAsync().GetAwaiter().GetResult().Count == 2, "the runs to be queued");

        host.Dispose();
        var run = await following;

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the host box:100 runs them", run.Out);
        Assert.Contains("the host stopped: 2 run(s) not ended; the next host started on this store runs (or resumes) them", run.Error);
        Assert.All(await RunsAsync(), r => Assert.True(r.IsQueued));
    }

    [Fact]
    public async Task RunsLeftQueuedWithNoHostAreRunByTheSameBackfillAgain()
    {
        var queued = Backfill("etl", "--from", "2027-02-04", "--to", "2027-02-05", "--no-wait");
        var again = Backfill("etl", "--from", "2027-02-04", "--to", "2027-02-05");

        Assert.Equal(0, queued.ExitCode);
        Assert.Contains("no host is running on this store: they wait for one (`orchestrator run`), or for this backfill again", queued.Out);
        Assert.Equal(0, again.ExitCode);
        Assert.StartsWith("queued 0 runs of etl (2 instants already had one, 2 of them still queued)", again.Out);
        Assert.All(await RunsAsync(), r => Assert.Equal(RunStatus.Succeeded, r.Status));
    }

    [Theory]
    [InlineData(new[] { "etl", "--from", "2027-02-05", "--to", "2027-02-01" }, 2, "error: --to 2027-02-01T00:00:00+00:00 is before --from 2027-02-05T00:00:00+00:00: the range runs from --from to --to")]
    [InlineData(new[] { "etl", "--from", "2027-02-01", "--to", "2027-03-02" }, 2, "error: --to 2027-03-02T00:00:00+00:00 is in the future (now is 2027-03-01T12:00:00+00:00): backfill fills the past; the schedule runs the rest")]
    [InlineData(new[] { "manual_only", "--from", "2027-02-01", "--to", "2027-02-02" }, 1, "error: workflow 'manual_only' has no schedule: it runs only when triggered (orchestrator trigger), so it has no fire instants to backfill")]
    [InlineData(new[] { "elt", "--from", "2027-02-01", "--to", "2027-02-02" }, 1, "did you mean 'etl'?")]
    [InlineData(new[] { "etl", "--from", "2027-02-31", "--to", "2027-03-01" }, 2, "error: --from '2027-02-31': day 31 is out of range for 2027-02")]
    [InlineData(new[] { "etl", "--to", "2027-03-01" }, 2, "--from")]
    public void AWrongRangeOrWorkflowIsOneLineSayingWhy(string[] args, int exit, string error)
    {
        var run = Backfill(args);

        Assert.Equal((exit, ""), (run.ExitCode, run.Out));
        Assert.Contains(error, run.Error);
        Assert.False(File.Exists(State));
    }

    [Fact]
    public void MoreInstantsThanOneBackfillTakesIsRefusedSayingAboutHowMany()
    {
        _folder.Write("workflows/tick.flow", """
            workflow tick {
                schedule every 1s
                job a { run ``` return 1; ``` }
            }
            """);

        var run = Backfill("tick", "--from", "2027-01-01", "--to", "2027-02-01");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: --from 2027-01-01T00:00:00+00:00 --to 2027-02-01T00:00:00+00:00 holds about 2,678,401 fire instants of 'tick', "
                     + "more than the 100,000 one backfill takes: split the range", run.Error.TrimEnd());
    }
}
