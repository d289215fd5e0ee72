using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>
/// A manual <c>trigger</c> counts toward the workflow's <c>concurrency</c>: at the limit it is refused, naming the
/// active runs, unless <c>--force</c>. A run left running by a process that died is not active.
/// </summary>
public sealed class TriggerConcurrencyTests : IDisposable
{
    private const string Demo = """
        workflow demo {
            job a { run ``` return 1; ``` }
        }
        """;

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string State => Path.Combine(_folder.Path, "state.db");

    private CliRun Trigger(string flow, params string[] args) => CliRun.Of(["trigger", flow, "--state", State, "--data", Path.Combine(_folder.Path, "data"), .. args]);

    /// <summary>A run of demo, running since <paramref name="at"/> under a lease of <paramref name="owner"/>'s, as another process leaves it.</summary>
    private async Task<string> RunningAsync(string owner, DateTimeOffset at)
    {
        await using var store = await SqliteStateStore.OpenAsync(State, new FakeTimeProvider(at));
        var run = new RunRecord($"demo@manual-{owner}", "demo", RunStatus.Running, RunTrigger.Manual, at, at, null, "demo.flow", "{}", "{}");
        Assert.Equal(RunCreation.Created, await store.TryCreateRunAsync(run, ["a"], owner, Lease));
        return run.RunId;
    }

    [Fact]
    public async Task AtTheLimitATriggerIsRefusedNamingTheActiveRunAndForceRunsItAnyway()
    {
        var flow = _folder.Write("demo.flow", Demo);
        var active = await RunningAsync("box:200", CliRun.Now.AddSeconds(-10));

        var refused = Trigger(flow);
        var forced = Trigger(flow, "--force");

        Assert.Equal((1, ""), (refused.ExitCode, refused.Out));
        Assert.Equal($"error: workflow 'demo' is at its concurrency limit (1): active {active} (box:200); wait for one to end, or add --force to run it anyway",
            refused.Error.TrimEnd());
        Assert.Equal(0, forced.ExitCode);
        Assert.Matches(@"run demo@manual-\S+ succeeded", forced.Out);
    }

    [Fact]
    public async Task ARunWhoseLeaseExpiredDoesNotCount()
    {
        var flow = _folder.Write("demo.flow", Demo);
        await RunningAsync("box:200", CliRun.Now - Lease - TimeSpan.FromSeconds(1));

        Assert.Equal(0, Trigger(flow).ExitCode);
    }

    [Fact]
    public async Task ARunLeftRunningByAHostThatIsGoneDoesNotCountThoughItsLeaseHasNotExpired()
    {
        var flow = _folder.Write("demo.flow", Demo);
        await RunningAsync("box:100", CliRun.Now.AddSeconds(-10));
        // box:100 was the store's host, and nothing holds the store's host lock now: it is gone (kill -9).
        SqliteHostLock.Take(State, "box:100", CliRun.Now.AddMinutes(-5)).Dispose();

        Assert.Equal(0, Trigger(flow).ExitCode);
    }

    [Fact]
    public async Task ARunOfTheHostAliveOnTheStoreCounts()
    {
        var flow = _folder.Write("demo.flow", Demo);
        var active = await RunningAsync("box:100", CliRun.Now.AddSeconds(-10));
        using var host = SqliteHostLock.Take(State, "box:100", CliRun.Now.AddMinutes(-5));

        var refused = Trigger(flow);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"active {active} (box:100)", refused.Error);
    }
}
