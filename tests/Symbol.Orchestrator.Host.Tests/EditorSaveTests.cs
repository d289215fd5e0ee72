namespace Symbol.Orchestrator.Host.Tests;

/// <summary>
/// An editor's save is several file-system events; the host must apply the settled file once (docs/semantics.md), not the
/// half-written states in between. Each test changes the schedule from every second to every 2 s on the Unix-epoch
/// grid, so the fires themselves show which version is in force.
/// </summary>
public sealed class EditorSaveTests
{
    // overlap queue: a run slowed past the next fire by a busy machine (the first, cold one most of all) delays
    // that fire rather than skipping it, so a gap in the fires can only be the scheduler's.
    private static string Beat(string every, string marker) => $$"""
        workflow beat {
            schedule every {{every}}
            overlap queue
            job write { run ``` files.append("{{marker}}", run.scheduledAt + "\n"); ``` }
        }
        """;

    public static TheoryData<string> Saves => ["chunks", "temp file renamed over it", "original renamed away then rewritten"];

    [Theory]
    [MemberData(nameof(Saves))]
    public void ABurstOfWritesIsAppliedOnceWithTheFinalContentAndNoErrorForTheStatesInBetween(string save)
    {
        // Between its writes each save waits for one more fire of the old version, so the half-written states last
        // most of a second (a reload of one would log an error or unschedule the workflow); a 5 s quiet window
        // still covers the whole burst on a busy machine.
        using var folder = new HostFolder(reloadDebounce: "00:00:05");
        var path = folder.Flow("beat.flow");
        folder.Write(path, Beat("1s", "v1.txt"));
        using var host = HostProcess.Start(folder.Config);
        host.WaitFor("Started: 1 workflows");
        Wait.Until(() => File.Exists(folder.DataFile("v1.txt")), "the first version to fire", () => host.Output);

        var final = Beat("2s", "v2.txt");
        void OneMoreOldFire()
        {
            var fired = Fires.LineCount(folder.DataFile("v1.txt"));
            Wait.Until(() => Fires.LineCount(folder.DataFile("v1.txt")) > fired, "the old version to fire during the save", () => host.Output);
        }
        switch (save)
        {
            case "chunks":
                WriteInChunks(path, final, OneMoreOldFire);
                break;
            case "temp file renamed over it": // VS Code, and vim with backupcopy=no writing a temp file
                File.WriteAllText(path + ".tmp", final);
                File.Move(path + ".tmp", path, overwrite: true);
                break;
            case "original renamed away then rewritten": // vim's default "rename the original to a backup"
                File.Move(path, path + "~");
                OneMoreOldFire();
                File.WriteAllText(path, final);
                File.Delete(path + "~");
                break;
        }

        host.WaitFor("Reload: changed beat");
        Wait.Until(() => Fires.LineCount(folder.DataFile("v2.txt")) >= 3, "three fires of the final version", () => host.Output);

        Assert.Equal(1, host.Count("Reload:"));
        Assert.Equal(0, host.Count("beat.flow:")); // no diagnostic for the half-written file
        Assert.Equal(0, host.Count("has errors"));
        var fires = Fires.Appended(folder.DataFile("v2.txt"));
        Assert.All(fires, at => Assert.Equal(0, at.ToUnixTimeSeconds() % 2));
        Fires.AssertEvery(fires, TimeSpan.FromSeconds(2), host.Output);
    }

    // Truncate (an empty file: no workflows), then a first part that does not parse (an open script block), then
    // the rest; each part flushed so the watcher sees each as its own write, with a pause between them.
    private static void WriteInChunks(string path, string text, Action betweenWrites)
    {
        var cut = text.IndexOf("files.append", StringComparison.Ordinal);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.SetLength(0);
        stream.Flush(flushToDisk: true);
        foreach (var part in new[] { text[..cut], text[cut..(cut + 5)], text[(cut + 5)..] })
        {
            betweenWrites();
            stream.Write(System.Text.Encoding.UTF8.GetBytes(part));
            stream.Flush(flushToDisk: true);
        }
    }
}
