namespace Symbol.Orchestrator.Language.Tests;

/// <summary>The examples in <c>workflows/</c> at the repository root validate clean and mean what their comments say.</summary>
public sealed class ShippedWorkflowsTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "workflows");

    [Fact]
    public void WorkflowsFolder_CompilesWithoutDiagnostics()
    {
        var compilation = FlowCompiler.Compile([Folder], Compile.Options);

        Assert.Empty(compilation.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(["daily_report", "microservices", "nightly_etl", "weekly_summary"], compilation.Workflows.Select(w => w.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NightlyEtl_FansOutAndIn()
    {
        var etl = FlowCompiler.Compile([Folder], Compile.Options).FindWorkflow("nightly_etl")!;

        Assert.Equal(["extract"], etl.FindJob("validate")!.Upstream);
        Assert.Equal(["transform", "validate"], etl.FindJob("load")!.Upstream);
        Assert.Single(etl.Uses);
        Assert.EndsWith("extract.js", etl.FindJob("extract")!.Script.Path);
        Assert.Equal(2, etl.Schedules.Count);
    }
}
