using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>
/// The numbers <c>show</c>, <c>trigger</c>, <c>retry</c> and <c>runs</c> print about attempts, times and runs agree
/// with the attempts they list, and each says what it measures.
/// </summary>
public sealed class RunNumbersTests : IDisposable
{
    private const string Demo = """
        workflow demo {
            job ingest { run ``` return 1; ``` }
            job check  { run ``` if (!files.exists("ready.txt")) throw new Error("ready.txt is missing"); return "ok"; ``` }
            ingest -> check
        }
        """;

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string State => Path.Combine(_folder.Path, "state.db");

    private string Data => Path.Combine(_folder.Path, "data");

    private CliRun Verb(params string[] args) => CliRun.Of([.. args, "--state", State, "--data", Data]);

    private static Dictionary<string, JsonElement> Jobs(JsonElement run) =>
        run.GetProperty("jobs").EnumerateArray().ToDictionary(j => j.GetProperty("name").GetString()!);

    /// <summary>A run of <c>hold</c> whose attempt 1 ran on host vm:123 from 12:00 until the host was killed; vm:456 claimed it at 12:30 and attempt 2 ran 2 s.</summary>
    private async Task<string> InterruptedThenSucceededAsync()
    {
        var time = new FakeTimeProvider(CliRun.Now);
        await using var store = await SqliteStateStore.OpenAsync(State, time);
        var run = new RunRecord("hold@2027-03-01T12:00:00Z", "hold", RunStatus.Running, RunTrigger.Schedule, CliRun.Now, CliRun.Now, null, "hold.flow", "{}", "{}");
        Assert.Equal(RunCreation.Created, await store.TryCreateRunAsync(run, ["hold"], "vm:123", Lease));
        await store.StartAttemptAsync(run.RunId, "hold", 1, CliRun.Now, 1);
        time.Advance(TimeSpan.FromMinutes(30));
        var token = Assert.Single(await store.ClaimInterruptedRunsAsync("vm:456", Lease)).LeaseToken;
        var resumed = time.GetUtcNow();
        await store.StartAttemptAsync(run.RunId, "hold", 2, resumed, token);
        await store.FinishAttemptAsync(new AttemptFinish(run.RunId, "hold", 2, AttemptOutcome.Succeeded, resumed.AddSeconds(2), "1", null, [], JobStatus.Succeeded, token));
        await store.SetRunStatusAsync(run.RunId, RunStatus.Succeeded, resumed.AddSeconds(2), token);
        return run.RunId;
    }

    /// <summary>A run left running under <paramref name="owner"/>'s lease, taken at <paramref name="at"/>, as a process that died leaves it.</summary>
    private async Task<string> LeftRunningAsync(string owner, DateTimeOffset at)
    {
        await using var store = await SqliteStateStore.OpenAsync(State, new FakeTimeProvider(at));
        var run = new RunRecord($"demo@manual-{owner}", "demo", RunStatus.Running, RunTrigger.Manual, at, at, null, "demo.flow", "{}", "{}");
        Assert.Equal(RunCreation.Created, await store.TryCreateRunAsync(run, ["ingest", "check"], owner, Lease));
        return run.RunId;
    }

    [Fact]
    public void AfterARetryAJobCountsEveryAttemptListedAndThoseCountedAgainstItsRetries()
    {
        var flow = _folder.Write("demo.flow", Demo);
        var runId = Verb("trigger", flow, "--json").Json().GetProperty("runId").GetString()!;
        File.WriteAllText(Path.Combine(Data, "ready.txt"), "");

        var retry = Verb("retry", runId);
        var show = Verb("show", runId);
        var json = Verb("show", runId, "--json").Json();

        Assert.Matches(@"check\s+succeeded\s+2 attempts \(1 counted\)\s+ran 0ms\s+""ok""", retry.Out);
        Assert.Matches(@"check\s+succeeded\s+2 attempts \(1 counted\)", show.Out);
        Assert.Matches(@"ingest\s+succeeded\s+1 attempt\s+ran 0ms", show.Out);
        var check = Jobs(json)["check"];
        Assert.Equal(1, check.GetProperty("attempts").GetInt32());
        var history = check.GetProperty("attemptHistory").EnumerateArray().ToArray();
        Assert.Equal([(1, "failed"), (2, "succeeded")], history.Select(a => (a.GetProperty("number").GetInt32(), a.GetProperty("outcome").GetString()!)));
        Assert.StartsWith("Error: ready.txt is missing", history[0].GetProperty("error").GetString());
        Assert.Equal(("2027-03-01T12:00:00+00:00", "2027-03-01T12:00:00+00:00", 0L),
            (history[1].GetProperty("startedAt").GetString(), history[1].GetProperty("finishedAt").GetString(), history[1].GetProperty("durationMs").GetInt64()));
    }

    [Fact]
    public async Task AnAttemptTheHostDiedUnderShowsNoMadeUpDurationAndTheJobTimeIsWhatItsAttemptsRan()
    {
        var runId = await InterruptedThenSucceededAsync();

        var show = Verb("show", runId);
        var json = Verb("show", runId, "--json").Json();

        Assert.Equal(0, show.ExitCode);
        Assert.Matches(@"hold\s+succeeded\s+2 attempts \(1 counted\)\s+ran 2s\s+1", show.Out);
        Assert.Contains("attempt 1: interrupted, started 2027-03-01T12:00:00+00:00, ended with the host (not measured), on vm:123", show.Out);
        Assert.Contains("attempt 2: succeeded, started 2027-03-01T12:30:00+00:00, took 2s, on vm:456", show.Out);
        var hold = Jobs(json)["hold"];
        Assert.Equal((1, 2000L), (hold.GetProperty("attempts").GetInt32(), hold.GetProperty("durationMs").GetInt64()));
        // Which host ran what: the job's last attempt, and each attempt's own.
        Assert.Equal("vm:456", hold.GetProperty("host").GetString());
        Assert.Equal(["vm:123", "vm:456"], hold.GetProperty("attemptHistory").EnumerateArray().Select(a => a.GetProperty("host").GetString()));
        var interrupted = hold.GetProperty("attemptHistory")[0];
        Assert.Equal(("interrupted", JsonValueKind.Null, JsonValueKind.Null),
            (interrupted.GetProperty("outcome").GetString(), interrupted.GetProperty("finishedAt").ValueKind, interrupted.GetProperty("durationMs").ValueKind));
    }

    [Fact]
    public async Task RunsHasAHeaderAnOwnerAndTheElapsedTimeAndMarksARunWhoseHostIsGoneAsStale()
    {
        var flow = _folder.Write("demo.flow", Demo);
        var finished = Verb("trigger", flow, "--json").Json().GetProperty("runId").GetString()!;
        var left = await LeftRunningAsync("vm:123", CliRun.Now.AddSeconds(-10));
        // vm:123 was the store's host, and nothing holds the store's host lock now: it was killed.
        SqliteHostLock.Take(State, "vm:123", CliRun.Now.AddMinutes(-5)).Dispose();

        var text = Verb("runs");
        var json = Verb("runs", "--json").Json().GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("runId").GetString()!);

        var lines = text.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^RUN\s+STATUS\s+TRIGGER\s+SCHEDULED\s+ELAPSED\s+OWNER$", lines[0]);
        Assert.Matches($@"^{Escape(left)}\s+running\s+manual\s+\S+\s+-\s+vm:123\s+\(stale: host vm:123 gone; resumes at the next start\)$", Assert.Single(lines, l => l.StartsWith(left)));
        Assert.Matches($@"^{Escape(finished)}\s+failed\s+manual\s+\S+\s+0ms\s+\S+$", Assert.Single(lines, l => l.StartsWith(finished)));
        Assert.Equal(("vm:123", true, JsonValueKind.Null), (json[left].GetProperty("owner").GetString(), json[left].GetProperty("stale").GetBoolean(), json[left].GetProperty("durationMs").ValueKind));
        Assert.Equal((false, 0L), (json[finished].GetProperty("stale").GetBoolean(), json[finished].GetProperty("durationMs").GetInt64()));
        Assert.Equal("failed", json[finished].GetProperty("status").GetString());
    }

    [Fact]
    public async Task ARunWhoseLeaseExpiredIsStaleAndOneWhoseHostIsAliveIsNot()
    {
        var expired = await LeftRunningAsync("box:200", CliRun.Now - Lease - TimeSpan.FromSeconds(1));
        var alive = await LeftRunningAsync("box:100", CliRun.Now.AddSeconds(-10));
        using var host = SqliteHostLock.Take(State, "box:100", CliRun.Now.AddMinutes(-5));

        var runs = Verb("runs", "--json").Json().GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("runId").GetString()!);

        Assert.Equal("lease of box:200 expired at 2027-03-01T11:59:59+00:00; resumes at the next start", runs[expired].GetProperty("staleReason").GetString());
        Assert.Equal((false, JsonValueKind.Null), (runs[alive].GetProperty("stale").GetBoolean(), runs[alive].GetProperty("staleReason").ValueKind));
    }

    [Fact]
    public void RetryOfARunThatSucceededSaysThereIsNothingToRetryAndRunsNothing()
    {
        var flow = _folder.Write("demo.flow", Demo);
        Directory.CreateDirectory(Data);
        File.WriteAllText(Path.Combine(Data, "ready.txt"), "");
        var runId = Verb("trigger", flow, "--json").Json().GetProperty("runId").GetString()!;

        var retry = Verb("retry", runId);
        var json = Verb("retry", runId, "--json");

        Assert.Equal((0, $"nothing to retry: run {runId} succeeded (no failed or skipped job; --job NAME runs one again)"), (retry.ExitCode, retry.Out.TrimEnd()));
        Assert.Equal((0, "succeeded"), (json.ExitCode, json.Json().GetProperty("status").GetString()));
        Assert.StartsWith("nothing to retry", json.Error);
        Assert.All(Jobs(Verb("show", runId, "--json").Json()).Values, j => Assert.Equal(1, j.GetProperty("attemptHistory").GetArrayLength()));
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
