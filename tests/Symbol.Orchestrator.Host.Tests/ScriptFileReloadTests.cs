namespace Symbol.Orchestrator.Host.Tests;

/// <summary>A workflow's code lives in its <c>.flow</c> file and in the <c>.js</c> files it names; a change to either is a new version.</summary>
public sealed class ScriptFileReloadTests
{
    private const string Flow = """
        workflow beat {
            schedule every 1s
            use file "lib/marker.js"
            job write { run file "scripts/write.js" }
        }
        """;

    private const string Other = """
        workflow other {
            schedule every 1h
            job idle { run ``` return 0; ``` }
        }
        """;

    [Fact]
    public void AChangedUseFileOrRunFileReloadsTheWorkflowsThatUseItAndOnlyThose()
    {
        using var folder = new HostFolder();
        Directory.CreateDirectory(folder.Flow("lib"));
        Directory.CreateDirectory(folder.Flow("scripts"));
        folder.Write(folder.Flow("lib/marker.js"), """function marker() { return "v1.txt"; }""");
        folder.Write(folder.Flow("scripts/write.js"), """files.append(marker(), run.scheduledAt + "\n");""");
        folder.Write(folder.Flow("beat.flow"), Flow);
        folder.Write(folder.Flow("other.flow"), Other);
        using var host = HostProcess.Start(folder.Config);
        host.WaitFor("Started: 2 workflows");
        Wait.Until(() => File.Exists(folder.DataFile("v1.txt")), "the first version to fire", () => host.Output);

        folder.Write(folder.Flow("lib/marker.js"), """function marker() { return "v2.txt"; }""");
        host.WaitFor("Reload: changed beat");
        Wait.Until(() => File.Exists(folder.DataFile("v2.txt")), "the new use file to be in force", () => host.Output);

        folder.Write(folder.Flow("scripts/write.js"), """files.append("run-" + marker(), run.scheduledAt + "\n");""");
        host.WaitFor("Reload: changed beat", atLeast: 2);
        Wait.Until(() => File.Exists(folder.DataFile("run-v2.txt")), "the new run file to be in force", () => host.Output);

        Assert.DoesNotContain("other", string.Join("\n", host.Output.Split('\n').Where(l => l.Contains("Reload:", StringComparison.Ordinal))));
    }

    [Fact]
    public void AChangedScriptOutsideTheWorkflowsFolderReloadsTheWorkflowThatUsesIt()
    {
        using var folder = new HostFolder();
        folder.AllowScriptsFrom("shared");
        var shared = Path.Combine(folder.Path, "shared");
        Directory.CreateDirectory(shared);
        folder.Write(Path.Combine(shared, "write.js"), """files.append("v1.txt", run.scheduledAt + "\n");""");
        folder.Write(folder.Flow("beat.flow"), """
            workflow beat {
                schedule every 1s
                job write { run file "../shared/write.js" }
            }
            """);
        using var host = HostProcess.Start(folder.Config);
        host.WaitFor("Started: 1 workflows");
        Wait.Until(() => File.Exists(folder.DataFile("v1.txt")), "the first version to fire", () => host.Output);

        folder.Write(Path.Combine(shared, "write.js"), """files.append("v2.txt", run.scheduledAt + "\n");""");
        host.WaitFor("Reload: changed beat");
        Wait.Until(() => File.Exists(folder.DataFile("v2.txt")), "the new script to be in force", () => host.Output);
    }
}
