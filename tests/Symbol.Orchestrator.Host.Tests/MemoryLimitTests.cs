namespace Symbol.Orchestrator.Host.Tests;

/// <summary>
/// <c>MaxParallelJobs</c> runaway scripts cannot take the host's memory past a bound set by <c>Script:MemoryMb</c>:
/// measured from the real process (its peak resident set, Linux only; elsewhere the test returns at once).
/// </summary>
public sealed class MemoryLimitTests
{
    private const int MaxParallelJobs = 2;
    private const int MemoryMb = 64;

    // Four runaways on two slots: one huge statement (1.6–2.2 GB before the limit fired, before the fix), two that
    // keep every string they make, one that keeps every object; all four fail, each naming its limit.
    private static string Flow(DateTimeOffset at) => $$"""
        workflow runaway {
            schedule at "{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss}}Z"
            job statement { run ``` const a = ['a'.repeat(2**28), 'b'.repeat(2**28), 'c'.repeat(2**28), 'd'.repeat(2**28)]; return a.length; ``` }
            job strings1  { run ``` const keep = []; for (let i = 0; ; i++) keep.push('x'.repeat(100000 + i)); ``` }
            job strings2  { run ``` const keep = []; for (let i = 0; ; i++) keep.push('y'.repeat(100000 + i)); ``` }
            job objects   { run ``` const rows = []; while (true) rows.push({ id: rows.length, name: 'row ' + rows.length }); ``` }
        }
        """;

    [LinuxFact]
    public void RunawayScriptsOnEverySlotFailNamingTheirLimitAndTheHostsPeakMemoryStaysBounded()
    {
        using var folder = new HostFolder();
        File.WriteAllText(folder.Config, $$"""
            { "Orchestrator": { "Workflows": "workflows", "State": "state/state.db", "Data": "data", "Owner": "host-tests",
                                "MaxParallelJobs": {{MaxParallelJobs}}, "Script": { "MemoryMb": {{MemoryMb}}, "Timeout": "00:02:00" } } }
            """);
        folder.Write(folder.Flow("runaway.flow"), Flow(DateTimeOffset.UtcNow.AddSeconds(3)));
        using var host = HostProcess.Start(folder.Config);

        host.WaitFor("of runaway ended failed");

        var peak = host.PeakResidentBytes();
        const long bound = (MaxParallelJobs * MemoryMb * 3 + 300) * 1024L * 1024;
        Assert.True(peak < bound, $"peak resident memory {peak / (1024 * 1024)} MiB, over the bound of {bound / (1024 * 1024)} MiB\n{host.Output}");
        // Each failed attempt's warning names its limit (the job's and the run's warnings repeat the first line).
        Assert.Equal(4, host.Output.Split('\n').Count(l => l.Contains(" failed attempt 1: ", StringComparison.Ordinal) && l.Contains("memory limit", StringComparison.Ordinal)));
        Assert.Contains("a string of 268,435,456 characters is longer than the 16 MiB limit", host.Output);
    }
}
