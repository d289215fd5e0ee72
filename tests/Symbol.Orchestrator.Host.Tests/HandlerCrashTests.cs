namespace Symbol.Orchestrator.Host.Tests;

/// <summary>A host killed while a run's handler runs: the next start resumes the run with its handlers, not its jobs.</summary>
public sealed class HandlerCrashTests
{
    // load fails; on failure writes a marker, then sleeps long enough to be killed in the middle the first time; on exit
    // records that it ran. Fires once, at a fixed instant just ahead, so there is one run to follow.
    private static string Flow(DateTimeOffset at) => $$"""
        workflow alerting {
            schedule at "{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss}}Z"
            job load { run ``` files.append("load.txt", "ran\n"); throw new Error("disk full"); ``` }
            on failure { timeout 5m  run ```
                files.append("alert.txt", `${run.status} ${Object.keys(run.failed)}\n`);
                if (files.read("alert.txt").split("\n").length <= 2) sleep(120000);
            ``` }
            on exit { run ``` files.append("exit.txt", run.status + "\n"); ``` }
        }
        """;

    [PosixFact]
    public void Kill9DuringAHandler_ThenARestartRunsTheHandlersAgain_NotTheJobs_AndOnlyThenEndsTheRun()
    {
        using var folder = new HostFolder();
        folder.Write(folder.Flow("alerting.flow"), Flow(DateTimeOffset.UtcNow.AddSeconds(3)));
        using (var host = HostProcess.Start(folder.Config))
        {
            Wait.Until(() => File.Exists(folder.DataFile("alert.txt")), "the handler's marker", () => host.Output);
            host.Signal("KILL");
            host.WaitForExit();
            Assert.Equal(0, host.Count("ended failed"));
        }

        using (var host = HostProcess.Start(folder.Config))
        {
            host.WaitFor("Resuming run alerting@");
            host.WaitFor("of alerting ended failed: job load failed: Error: disk full");
        }
        Assert.Single(File.ReadAllLines(folder.DataFile("load.txt")));
        Assert.Equal(["failed load", "failed load"], File.ReadAllLines(folder.DataFile("alert.txt")));
        Assert.Equal(["failed"], File.ReadAllLines(folder.DataFile("exit.txt")));
    }
}
