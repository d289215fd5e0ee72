namespace Symbol.Orchestrator.Host.Tests;

/// <summary>The host compiles with <c>Script:Roots</c>, at start and on every reload: scripts there load, scripts elsewhere outside the folder are refused.</summary>
public sealed class ScriptRootsHostTests
{
    private static string Workflow(string name, string script) => $$"""
        workflow {{name}} {
            job a { run file "{{script}}" }
        }
        """;

    [Fact]
    public void ScriptsInARootLoadAtStartAndOnReloadAndScriptsOutsideEveryRootAreRefused()
    {
        using var folder = new HostFolder();
        folder.AllowScriptsFrom("shared");
        foreach (var outside in new[] { "shared", "secret" })
        {
            Directory.CreateDirectory(Path.Combine(folder.Path, outside));
            File.WriteAllText(Path.Combine(folder.Path, outside, "x.js"), "return 1;");
        }
        folder.Write(folder.Flow("allowed.flow"), Workflow("allowed", "../shared/x.js"));
        folder.Write(folder.Flow("refused.flow"), Workflow("refused", "../secret/x.js"));

        using var host = HostProcess.Start(folder.Config);
        host.WaitFor("Started: 1 workflows");
        host.WaitFor("refused.flow:2:22: \"../secret/x.js\" is outside the workflows folder and Script:Roots");

        folder.Write(folder.Flow("later.flow"), Workflow("later", "../shared/x.js"));
        host.WaitFor("Reload: added later");
    }
}
