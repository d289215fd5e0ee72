namespace Symbol.Orchestrator.Host.Tests;

/// <summary>Renaming a <c>.flow</c> file is a delete and a create to the watcher; the workflow in it must not notice.</summary>
public sealed class RenameTests
{
    private static string Beat(string name, string marker, string overlap = "skip") => $$"""
        workflow {{name}} {
            schedule every 1s
            overlap {{overlap}}
            job write { run ``` files.append("{{marker}}", run.scheduledAt + "\n"); ``` }
        }
        """;

    [Fact]
    public void ARenamedFlowFileKeepsItsWorkflowFiringEverySecondWithNoGapAndNoDoubleFire()
    {
        using var folder = new HostFolder();
        var beat = folder.DataFile("beat.txt");
        // overlap queue: a run slowed past the next fire by a busy machine (the first, cold one most of all) delays
        // that fire rather than skipping it, so a gap in the fires can only be the scheduler's.
        folder.Write(folder.Flow("a.flow"), Beat("beat", "beat.txt", overlap: "queue"));
        using var host = HostProcess.Start(folder.Config);
        host.WaitFor("Started: 1 workflows");
        Wait.Until(() => Fires.LineCount(beat) >= 2, "two fires before the rename", () => host.Output);

        File.Move(folder.Flow("a.flow"), folder.Flow("b.flow"));
        host.WaitFor("Reload: ");
        var before = Fires.LineCount(beat);
        Wait.Until(() => Fires.LineCount(beat) >= before + 3, "three fires after the rename", () => host.Output);

        // The workflow's file changed, so it is rescheduled from b.flow: the log says so and when it fires next.
        Assert.Contains("Reload: changed beat (next ", host.Output);
        Assert.DoesNotContain("removed beat", host.Output);
        Fires.AssertEvery(Fires.Appended(beat), TimeSpan.FromSeconds(1), host.Output);
        Assert.True(!Fires.LoggedTwice(host.Output, "beat").Any(), host.Output);
    }

    [Fact]
    public void AFlowFileRenamedToAnotherExtensionUnschedulesItsWorkflow()
    {
        using var folder = new HostFolder();
        var beat = folder.DataFile("beat.txt");
        folder.Write(folder.Flow("a.flow"), Beat("beat", "beat.txt"));
        using var host = HostProcess.Start(folder.Config);
        host.WaitFor("Started: 1 workflows");
        Wait.Until(() => Fires.LineCount(beat) >= 1, "the workflow to fire", () => host.Output);

        File.Move(folder.Flow("a.flow"), folder.Flow("a.flow.bak"));
        host.WaitFor("Reload: removed beat");
        var afterRemoval = Fires.LineCount(beat);
        // A second workflow is the clock: three of its fires later, the removed one would have fired three times too.
        folder.Write(folder.Flow("tock.flow"), Beat("tock", "tock.txt"));
        Wait.Until(() => Fires.LineCount(folder.DataFile("tock.txt")) >= 3, "three fires of another workflow", () => host.Output);
        Assert.True(Fires.LineCount(beat) <= afterRemoval + 1, host.Output); // one fire may have been under way
    }
}
