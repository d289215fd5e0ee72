namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>The verbs on the repository's own workflows/ folder, as a user would first try them.</summary>
public class ShippedExamplesTests
{
    private static readonly string Examples = Path.Combine(RepositoryRoot(), "workflows");

    [Fact]
    public void Validate_ExitsZero()
    {
        var run = CliRun.Of("validate", Examples, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Json().GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void Preview_ListsEveryWorkflowWithFiresAndAPlan()
    {
        var run = CliRun.Of("preview", Examples, "--json", "--count", "3");

        Assert.Equal(0, run.ExitCode);
        var workflows = run.Json().GetProperty("workflows").EnumerateArray().ToArray();
        Assert.NotEmpty(workflows);
        Assert.All(workflows, w => Assert.NotEmpty(w.GetProperty("plan").EnumerateArray()));
        Assert.Contains(workflows, w => w.GetProperty("next").GetArrayLength() == 3);
    }

    [Theory]
    [InlineData("mermaid", "flowchart LR")]
    [InlineData("dot", "digraph workflows {")]
    public void Graph_DrawsThemAll(string format, string firstLine)
    {
        var run = CliRun.Of("graph", Examples, "--format", format);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith(firstLine, run.Out);
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Symbol.Orchestrator.sln")))
                return folder.FullName;
        throw new InvalidOperationException("no Symbol.Orchestrator.sln above " + AppContext.BaseDirectory);
    }
}
