namespace Symbol.Orchestrator.Cli.Tests;

public sealed class GraphVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Mermaid_IsTheDefault_AndDrawsIsolatedJobs()
    {
        var etl = _folder.Write("etl.flow", Samples.Etl);

        var run = CliRun.Of("graph", etl);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""
            flowchart LR
                %% workflow etl
                ingest --> transform
                ingest --> validate
                transform --> load
                validate --> load
                audit

            """, run.Out, ignoreLineEndingDifferences: true);
    }

    [Fact]
    public void Dot_OfOneWorkflowOfAFolder()
    {
        _folder.Write("etl.flow", Samples.Etl);
        _folder.Write("reports.flow", Samples.Reports);

        var run = CliRun.Of("graph", _folder.Path, "--workflow", "reports", "--format", "dot");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""
            digraph "reports" {
                rankdir=LR;
                node [shape=box];
                "build" -> "send";
            }

            """, run.Out, ignoreLineEndingDifferences: true);
    }

    [Fact]
    public void AFileWithErrors_ExitsOne()
    {
        var broken = _folder.Write("broken.flow", Samples.Broken);

        var run = CliRun.Of("graph", broken);

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Contains(":2:5: ", run.Error);
    }
}
