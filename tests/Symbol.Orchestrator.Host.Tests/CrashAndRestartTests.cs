namespace Symbol.Orchestrator.Host.Tests;

public sealed class CrashAndRestartTests
{
    // first writes its side effect and ends; second writes a marker then sleeps long enough to be killed in the middle;
    // after it, third records that it ran. Fires once, at a fixed instant just ahead, so there is one run to follow.
    private static string Flow(DateTimeOffset at) => $$"""
        workflow crash {
            schedule at "{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss}}Z"
            job first  { run ``` files.append("first.txt", "ran\n"); ``` }
            job second { timeout 5m  run ```
                files.append("second.txt", "started\n");
                if (files.read("second.txt").split("\n").length <= 2) sleep(120000);
                return 2; ``` }
            job third  { run ``` files.append("third.txt", "ran\n"); ``` }
            first -> second -> third
        }
        """;

    [PosixFact]
    public void Kill9InTheMiddleOfAJobThenARestartCompletesTheRunWithoutRepeatingFinishedJobs()
    {
        using var folder = new HostFolder();
        folder.Write(folder.Flow("crash.flow"), Flow(DateTimeOffset.UtcNow.AddSeconds(3)));
        using (var host = HostProcess.Start(folder.Config))
        {
            Wait.Until(() => File.Exists(folder.DataFile("second.txt")), "the second job's marker", () => host.Output);
            host.Signal("KILL");
            host.WaitForExit();
        }

        using (var host = HostProcess.Start(folder.Config))
        {
            host.WaitFor("Resuming run crash@");
            Wait.Until(() => File.Exists(folder.DataFile("third.txt")), "the resumed run to finish", () => host.Output);
            host.WaitFor("of crash ended succeeded");
        }
        Assert.Single(File.ReadAllLines(folder.DataFile("first.txt")));
        Assert.Equal(2, File.ReadAllLines(folder.DataFile("second.txt")).Length);
        Assert.Single(File.ReadAllLines(folder.DataFile("third.txt")));
    }

    [PosixFact]
    public void SigtermStopsWithExit0AfterTheGraceAndTheNextStartResumesTheRun()
    {
        using var folder = new HostFolder(shutdownGrace: "00:00:01");
        folder.Write(folder.Flow("crash.flow"), Flow(DateTimeOffset.UtcNow.AddSeconds(3)));
        using (var host = HostProcess.Start(folder.Config))
        {
            Wait.Until(() => File.Exists(folder.DataFile("second.txt")), "the second job's marker", () => host.Output);
            host.Signal("TERM");
            Assert.Equal(0, host.WaitForExit());
            Assert.Contains("Grace period over", host.Output);
            Assert.Contains("Stopped", host.Output);
        }

        using (var host = HostProcess.Start(folder.Config))
        {
            host.WaitFor("Resuming run crash@");
            host.WaitFor("of crash ended succeeded");
        }
        Assert.Single(File.ReadAllLines(folder.DataFile("first.txt")));
        Assert.Single(File.ReadAllLines(folder.DataFile("third.txt")));
    }
}
