namespace Symbol.Orchestrator.Host.Tests;

/// <summary>A SQLite store serves one host: a second started on it stops at once, and the first runs on undisturbed.</summary>
public sealed class TwoHostsTests
{
    // Fires once, just ahead; its job notes that it started, then holds until the test lets it end.
    private static string Flow(DateTimeOffset at) => $$"""
        workflow once {
            schedule at "{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss}}Z"
            job hold { timeout 5m  run ```
                files.append("started.txt", "ran\n");
                while (!files.exists("release.txt")) sleep(50);
                return 1; ``` }
        }
        """;

    [Fact]
    public void ASecondHostOnTheSameStoreExits1NamingTheFirstWhichRunsItsJobExactlyOnce()
    {
        using var folder = new HostFolder();
        folder.Write(folder.Flow("once.flow"), Flow(DateTimeOffset.UtcNow.AddSeconds(3)));
        using var first = HostProcess.StartVerbose(folder.Config);
        Wait.Until(() => File.Exists(folder.DataFile("started.txt")), "the job to start", () => first.Output);

        using (var second = HostProcess.Start(folder.Config))
        {
            Assert.Equal(1, second.WaitForExit());
            var error = Assert.Single(second.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Matches($@"^error: The state store \S+state\.db is in use by another host: \S+:{first.Id} \(pid {first.Id}, running since \S+\)\. "
                           + "One SQLite store serves one host: stop that one first, or run several hosts on a PostgreSQL store\\.$", error);
        }
        File.WriteAllText(folder.DataFile("release.txt"), "");
        first.WaitFor("of once ended succeeded");

        Assert.Single(File.ReadAllLines(folder.DataFile("started.txt")));
        Assert.Equal(1, first.Count(" started (attempt "));
        Assert.Equal(1, first.Count(" succeeded after 1 attempt"));
    }
}
