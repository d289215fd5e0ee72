using Symbol.Orchestrator.Scripting;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>The host's log as an operator reads it: when a job starts, what its script logged, and why a run failed.</summary>
public sealed class RunLogTests
{
    private const string Flow = """
        workflow w {
            schedule cron "* * * * *"
            job a { run ``` return 1; ``` }
            job b { run ``` return 2; ``` }
            a -> b
        }
        """;

    private const string RunId = "w@2026-11-28T10:01:00Z";

    [Fact]
    public async Task AFailedJobAndItsRunAreWarningsWithTheErrorsFirstLineAndTheJobBelowSaysWhyItWasSkipped()
    {
        await using var host = new HostHarness();
        host.Write("w.flow", Flow);
        host.Runner.On("a", (_, _) => Task.FromResult(AttemptResult.Failure("Error: no rows (w.flow:3:20)\n    at a (w.flow:3:20)", [])));
        await host.StartAsync();

        host.Clock.SetUtcNow(At("10:01:00"));
        await host.WaitForLogAsync($"Run {RunId} of w ended failed");

        var lines = host.Logs.Lines().ToList();
        Assert.Contains($"Warning: Job a of run {RunId} failed after 1 attempt: Error: no rows (w.flow:3:20)", lines);
        Assert.Contains($"Information: Job b of run {RunId} skipped: upstream a failed", lines);
        Assert.Contains($"Warning: Run {RunId} of w ended failed: job a failed: Error: no rows (w.flow:3:20)", lines);
    }

    [Fact]
    public async Task AJobStartIsLoggedAndItsScriptsLogLinesReachTheHostLogConsoleWarnAndErrorAsWarnings()
    {
        await using var host = new HostHarness();
        host.Write("w.flow", Flow);
        host.Runner.On("a", (_, _) => Task.FromResult(AttemptResult.Success("1", ["loaded 3 rows", "warn: row 2 is late", "error: \u001b[2Jcleared?"])));
        await host.StartAsync();

        host.Clock.SetUtcNow(At("10:01:00"));
        await host.WaitForLogAsync($"Run {RunId} of w ended succeeded");

        var lines = host.Logs.Lines().ToList();
        Assert.Contains($"Information: Job a of run {RunId} started (attempt 1)", lines);
        Assert.Contains($"Information: {RunId} a: loaded 3 rows", lines);
        Assert.Contains($"Warning: {RunId} a: warn: row 2 is late", lines);
        Assert.Contains($@"Warning: {RunId} a: error: \u001b[2Jcleared?", lines);
        Assert.Contains($"Information: Job a of run {RunId} succeeded after 1 attempt", lines);
    }
}
