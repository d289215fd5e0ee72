using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>
/// <c>cancel RUN_ID</c> over a store of its own: what it refuses, what it asks of a run's holder and waits for, and
/// the runs nobody holds, which it cancels itself. The holder's side is the executor's (its own tests).
/// </summary>
public sealed class CancelVerbTests : IDisposable
{
    private const string Flow = """
        workflow w {
            job a { run ``` return 1; ``` }
            job b { run ``` return 2; ``` }
            a -> b
        }
        """;

    private static readonly DateTimeOffset Now = CliRun.Now;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string State => _folder.File("state.db");

    private CliRun Verb(params string[] args) => CliRun.Of([.. args, "--state", State, "--data", _folder.File("data")]);

    private static WorkflowDefinition Workflow()
    {
        var compilation = FlowCompiler.CompileSources([("/flows/w.flow", Flow)], CompileOptions.Default(Now), _ => null);
        return Assert.Single(compilation.Workflows);
    }

    private static RunRecord Run(string id, RunStatus status = RunStatus.Running, DateTimeOffset? at = null)
    {
        var workflow = Workflow();
        return new RunRecord(id, "w", status, RunTrigger.Schedule, at ?? Now, status == RunStatus.Pending ? null : at ?? Now, null,
            workflow.Position.Path, RunDefinition.Capture(workflow), "{}");
    }

    /// <summary>A run held by <paramref name="owner"/> for <paramref name="lease"/> from <paramref name="at"/>, its job a running.</summary>
    private async Task HeldAsync(string id, string owner, TimeSpan lease, DateTimeOffset at)
    {
        await using var store = await SqliteStateStore.OpenAsync(State, new FakeTimeProvider(at));
        Assert.Equal(RunCreation.Created, await store.TryCreateRunAsync(Run(id, at: at), ["a", "b"], owner, lease));
        await store.StartAttemptAsync(id, "a", 1, at, 1);
    }

    [Fact]
    public void AFinishedRunIsRefusedSayingHowAndWhenItFinished()
    {
        var flow = _folder.Write("w.flow", Flow);
        var id = Verb("trigger", flow, "--json").Json().GetProperty("runId").GetString()!;

        var cancel = Verb("cancel", id);

        Assert.Equal(1, cancel.ExitCode);
        Assert.Equal($"error: run {id} already finished: succeeded at 2027-03-01T12:00:00+00:00; nothing to cancel", cancel.Error.TrimEnd());
        Assert.Equal("", cancel.Out);
    }

    [Fact]
    public async Task AnUnknownIdIsRefusedWithTheClosestRecentRun()
    {
        await HeldAsync("w@2027-03-01T11:00:00Z", "host-a", TimeSpan.FromHours(1), Now);

        var cancel = Verb("cancel", "w@2027-03-01T11:00:00");

        Assert.Equal(1, cancel.ExitCode);
        Assert.Equal($"error: no run 'w@2027-03-01T11:00:00' in the store {State} (did you mean 'w@2027-03-01T11:00:00Z'?)", cancel.Error.TrimEnd());
    }

    [Fact]
    public async Task NoWaitStoresTheRequestForTheLiveHolderAndLeavesTheRunToIt()
    {
        const string id = "w@2027-03-01T12:00:00Z";
        await HeldAsync(id, "host-a", TimeSpan.FromHours(1), Now);

        var text = Verb("cancel", id, "--no-wait");
        var json = Verb("cancel", id, "--no-wait", "--json").Json();

        Assert.Equal((0, $"cancel of run {id} requested; its holder host-a stops it within a second"), (text.ExitCode, text.Out.TrimEnd()));
        Assert.Equal(("running", "2027-03-01T12:00:00+00:00"), (json.GetProperty("status").GetString(), json.GetProperty("cancelRequestedAt").GetString()));
        await using var store = await SqliteStateStore.OpenAsync(State, new FakeTimeProvider(Now));
        var run = (await store.GetRunAsync(id))!;
        Assert.Equal((RunStatus.Running, "host-a"), (run.Status, run.LeaseOwner));
        Assert.Equal(AttemptOutcome.Running, Assert.Single(await store.GetAttemptsAsync(id)).Outcome);
    }

    [Fact]
    public async Task ARunWhoseHolderIsGoneIsCancelledByTheVerbItself()
    {
        // Its holder leased it for a minute an hour ago, then died with a running.
        const string id = "w@2027-03-01T11:00:00Z";
        await HeldAsync(id, "gone-host", TimeSpan.FromMinutes(1), Now.AddHours(-1));

        var cancel = Verb("cancel", id);
        var json = Verb("show", id, "--json").Json();

        Assert.Equal(0, cancel.ExitCode);
        Assert.Matches(@"a\s+cancelled\s+1 attempt\s+ran 1h\s+the run was cancelled", cancel.Out);
        Assert.Matches(@"b\s+skipped\s+0 attempts\s+-\s+not started: the run was cancelled", cancel.Out);
        Assert.Contains($"run {id} cancelled in 1h", cancel.Out);
        Assert.Equal(("cancelled", "2027-03-01T12:00:00+00:00"), (json.GetProperty("status").GetString(), json.GetProperty("cancelRequestedAt").GetString()));
        var attempt = json.GetProperty("jobs")[0].GetProperty("attemptHistory")[0];
        Assert.Equal("cancelled", attempt.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task AQueuedRunIsCancelledBeforeItEverStarts()
    {
        const string id = "w@2027-02-01T00:00:00Z";
        await using (var store = await SqliteStateStore.OpenAsync(State, new FakeTimeProvider(Now)))
            await store.EnqueueRunsAsync([new NewRun(Run(id, RunStatus.Pending, new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero)) with { Trigger = RunTrigger.Backfill }, ["a", "b"])]);

        var cancel = Verb("cancel", id, "--json");

        Assert.Equal(0, cancel.ExitCode);
        var json = cancel.Json();
        Assert.Equal(("cancelled", System.Text.Json.JsonValueKind.Null), (json.GetProperty("status").GetString(), json.GetProperty("startedAt").ValueKind));
        Assert.All(json.GetProperty("jobs").EnumerateArray(), j => Assert.Equal("skipped", j.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task ByDefaultItWaitsForTheHolderToCancelTheRunThenPrintsItsJobs()
    {
        const string id = "w@2027-03-01T12:00:00Z";
        var time = new FakeTimeProvider(Now);
        await using var holder = await SqliteStateStore.OpenAsync(State, time);
        Assert.Equal(RunCreation.Created, await holder.TryCreateRunAsync(Run(id), ["a", "b"], "host-a", TimeSpan.FromHours(1)));

        var cancel = Start(time, "cancel", id, "--state", State);
        await Wait.UntilAsync(() => holder.GetRunAsync(id).GetAwaiter().GetResult()!.CancelRequestedAt is not null, "the request to be stored");
        // What the holder does when it reads the request.
        await holder.SetJobStatusAsync(id, ["a", "b"], JobStatus.Skipped, 1);
        await holder.SetRunStatusAsync(id, RunStatus.Cancelled, Now.AddSeconds(1), 1);

        var run = await FinishAsync(time, cancel);
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"b\s+skipped\s+0 attempts\s+-\s+not started: the run was cancelled", run.Out);
        Assert.Contains($"run {id} cancelled in 1s", run.Out);
    }

    [Fact]
    public async Task AHolderThatDoesNotActWithinTheBoundIsReportedAndTheRequestStays()
    {
        const string id = "w@2027-03-01T12:00:00Z";
        await HeldAsync(id, "host-a", TimeSpan.FromHours(1), Now);
        var time = new FakeTimeProvider(Now);

        var run = await FinishAsync(time, Start(time, "cancel", id, "--state", State));

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Equal($"error: run {id} is still running: its holder host-a has not acted on the cancel within 30s; "
                     + "the request stays stored, and the run is cancelled when its holder (or whoever resumes it) next reads the store", run.Error.TrimEnd());
    }

    [Fact]
    public async Task ARunWhoseHostDiedIsCancelledOnceTheDeadHostsLeaseRunsOut()
    {
        // The host's lock is free and its description names it: it is gone, but its lease still runs for 45 s.
        const string id = "w@2027-03-01T12:00:00Z";
        await HeldAsync(id, "dead-host", TimeSpan.FromSeconds(45), Now);
        File.WriteAllText(State + ".host", System.Text.Json.JsonSerializer.Serialize(new HostDescription("dead-host", 1, Now.AddHours(-1), [])));
        var time = new FakeTimeProvider(Now);

        var run = await FinishAsync(time, Start(time, "cancel", id, "--state", State, "--data", _folder.File("data")));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"the holder of run {id}, host dead-host, is gone; its lease runs out at 2027-03-01T12:00:45+00:00: waiting to cancel the run then", run.Error);
        Assert.Matches(@"a\s+cancelled\s+1 attempt", run.Out);
        Assert.Contains($"run {id} cancelled in 45", run.Out);
    }

    private sealed record Started(Task<int> Exit, StringWriter Out, StringWriter Error);

    /// <summary>Runs the verb on a clock the test moves, so its waits pass without taking real time.</summary>
    private static Started Start(TimeProvider time, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        return new Started(Task.Run(() => Cli.RunAsync(args, new CliContext(stdout, stderr, time))), stdout, stderr);
    }

    private static async Task<CliRun> FinishAsync(FakeTimeProvider time, Started verb)
    {
        await Wait.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            return verb.Exit.IsCompleted;
        }, "the verb to return");
        return new CliRun(await verb.Exit, verb.Out.ToString(), verb.Error.ToString());
    }
}
