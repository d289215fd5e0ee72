using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Execution.ExecutorHarness;

namespace Symbol.Orchestrator.Tests.Execution;

/// <summary>
/// A host that lost a run's lease (it froze past it, and another host took the run over) records nothing more about the
/// run: its late results are refused by the store, its other attempts stop without a write, and the run's history shows
/// one winner per job, the new holder's.
/// </summary>
public sealed class LeaseLostTests : IAsyncLifetime
{
    // a runs first, b after it; c beside them: at the takeover one job is finishing, one waits and one runs alongside.
    private const string Chain = """
        workflow w {
            job a { run ```1``` }
            job b { run ```1``` }
            job c { run ```1``` }
            a -> b
        }
        """;

    private static readonly string RunId = RunRecord.ScheduledRunId("w", T0);

    private ExecutorHarness _h = null!;

    public async Task InitializeAsync() => _h = await CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task AHostWhoseRunWasTakenOverMidJobRecordsNothingMoreAndTheNewHolderIsTheOneWinner()
    {
        var a = _h.Runner.Gate("a");
        _h.Runner.Gate("c");
        var logs = new FakeLogCollector();
        var first = new RunExecutor(_h.Store, _h.Runner, _h.Time, Options, new FakeLogger<RunExecutor>(logs));
        var run = first.StartAsync(Flow(Chain), RunTrigger.Schedule, T0);
        await Wait.UntilAsync(() => _h.Runner.Running == 2, "a and c running");

        // Another host takes the run over, as it would once this host's lease ran out (a long pause).
        var taken = Assert.Single(await _h.Store.ClaimInterruptedRunsAsync("host-b", Options.Lease, [Options.Owner]));
        var atTakeover = await SnapshotAsync();
        a.SetResult();   // the first host's a finishes now, too late

        var lost = await Assert.ThrowsAsync<LeaseLostException>(() => run);

        Assert.Equal((RunId, "host-b"), (lost.RunId, lost.Holder));
        Assert.Equal(atTakeover, await SnapshotAsync());   // neither a's result, nor c's stop, nor b's start
        Assert.Empty(_h.Runner.CallsOf("b"));
        var warning = Assert.Single(logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Equal($"Lost the lease of run {RunId}: host-b took it over after this host's lease ran out; this host stopped working on it, and its results since are dropped",
            warning.Message);

        // The new holder carries the run on: a and c again (their interrupted attempts do not count), then b.
        _h.Runner.On("a", (c, _) => Task.FromResult(ScriptedRunner.Ok(c)));
        _h.Runner.On("c", (c, _) => Task.FromResult(ScriptedRunner.Ok(c)));
        var second = _h.Executor(Options with { Owner = "host-b" });
        var finished = await second.ResumeAsync(taken);

        Assert.Equal(RunStatus.Succeeded, finished.Status);
        var attempts = await _h.Store.GetAttemptsAsync(RunId);
        Assert.Equal(
            [("a", 1, AttemptOutcome.Interrupted, "test-host"), ("a", 2, AttemptOutcome.Succeeded, "host-b"), ("b", 1, AttemptOutcome.Succeeded, "host-b"),
             ("c", 1, AttemptOutcome.Interrupted, "test-host"), ("c", 2, AttemptOutcome.Succeeded, "host-b")],
            attempts.Select(x => (x.Job, x.Attempt, x.Outcome, x.Owner)));
        Assert.All(await _h.Store.GetJobsAsync(RunId), j => Assert.Equal((JobStatus.Succeeded, 1), (j.Status, j.Attempts)));
    }

    private async Task<string> SnapshotAsync() =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            Run = await _h.Store.GetRunAsync(RunId),
            Jobs = await _h.Store.GetJobsAsync(RunId),
            Attempts = await _h.Store.GetAttemptsAsync(RunId),
        });
}
