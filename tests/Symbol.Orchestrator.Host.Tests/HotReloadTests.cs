namespace Symbol.Orchestrator.Host.Tests;

public sealed class HotReloadTests
{
    private static string Beat(string marker) => $$"""
        workflow beat {
            schedule every 1s
            job write { run ``` files.append("{{marker}}", run.scheduledAt + "\n"); ``` }
        }
        """;

    [Fact]
    public void AnAddedFileFiresABrokenOneKeepsTheOldVersionAndADeletedOneStops()
    {
        using var folder = new HostFolder();
        using var host = HostProcess.Start(folder.Config);
        host.WaitFor("Started: 0 workflows");

        folder.Write(folder.Flow("beat.flow"), Beat("v1.txt"));
        host.WaitFor("Reload: added beat");
        Wait.Until(() => File.Exists(folder.DataFile("v1.txt")), "the added workflow to fire", () => host.Output);

        folder.Write(folder.Flow("beat.flow"), "workflow beat {\n    schedule every 1s\n    job write { run ``` return 1; ```\n");
        host.WaitFor("beat.flow:");
        host.WaitFor("kept their previous version");
        var lines = LineCount(folder.DataFile("v1.txt"));
        Wait.Until(() => LineCount(folder.DataFile("v1.txt")) >= lines + 2, "the old version to keep firing", () => host.Output);

        folder.Write(folder.Flow("beat.flow"), Beat("v2.txt"));
        host.WaitFor("Reload: changed beat");
        Wait.Until(() => File.Exists(folder.DataFile("v2.txt")), "the fixed version to fire", () => host.Output);

        File.Delete(folder.Flow("beat.flow"));
        host.WaitFor("removed beat");
        var afterRemoval = LineCount(folder.DataFile("v2.txt"));
        // A second workflow is the clock: three of its fires later, the removed one would have fired three times too.
        folder.Write(folder.Flow("tock.flow"), Beat("tock.txt").Replace("workflow beat", "workflow tock"));
        Wait.Until(() => LineCount(folder.DataFile("tock.txt")) >= 3, "three fires of another workflow", () => host.Output);
        Assert.True(LineCount(folder.DataFile("v2.txt")) <= afterRemoval + 1, host.Output); // one fire may have been under way
    }

    private static int LineCount(string path) => File.Exists(path) ? File.ReadAllLines(path).Length : 0;
}
