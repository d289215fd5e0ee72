using System.Text.RegularExpressions;

namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>
/// <c>trigger FOLDER --workflow NAME</c> needs only NAME's own file to be valid: someone fixing one file can still run
/// a workflow from another, and sees the broken file's errors as warnings.
/// </summary>
public sealed class TriggerFolderTests : IDisposable
{
    private const string Demo = """
        workflow demo {
            job hello { run ``` return "hi"; ``` }
        }
        """;

    // The workflow's name parses; its edge names a job that does not exist (line 3).
    private const string Broken = """
        workflow nightly {
            job extract { run ``` return 1; ``` }
            extract -> lod
        }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string State => Path.Combine(_folder.Path, "state", "state.db");

    private CliRun Trigger(string workflow) =>
        CliRun.Of("trigger", Path.Combine(_folder.Path, "flows"), "--workflow", workflow, "--state", State, "--data", Path.Combine(_folder.Path, "data"), "--json");

    private (string Demo, string Broken) WriteFolder()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, "flows"));
        return (_folder.Write(Path.Combine("flows", "demo.flow"), Demo), _folder.Write(Path.Combine("flows", "nightly.flow"), Broken));
    }

    [Fact]
    public void AValidWorkflowRunsWhileAnotherFileHasErrorsWhichArePrintedAsWarnings()
    {
        var (_, broken) = WriteFolder();

        var run = Trigger("demo");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("demo", "succeeded"), (run.Json().GetProperty("workflow").GetString(), run.Json().GetProperty("status").GetString()));
        Assert.Matches($@"(?m)^{Regex.Escape(broken)}:3:\d+: warning: .*'lod'", run.Error);
        Assert.DoesNotMatch($@"(?m)^{Regex.Escape(broken)}:\d+:\d+: (?!warning:)", run.Error);
    }

    [Fact]
    public void AWorkflowWhoseOwnFileHasErrorsFailsWithThoseErrorsAndRunsNothing()
    {
        var (_, broken) = WriteFolder();

        var run = Trigger("nightly");

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Matches($@"(?m)^{Regex.Escape(broken)}:3:\d+: .*'lod'", run.Error);
        Assert.Contains($"error: workflow 'nightly' is declared in {broken}, which has errors", run.Error);
        Assert.False(File.Exists(State));
    }

    [Fact]
    public void AnUnknownWorkflowFailsListingTheNamesFoundWithADidYouMean()
    {
        WriteFolder();

        var run = Trigger("dmeo");

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Contains("no workflow named 'dmeo'", run.Error);
        Assert.Contains("(did you mean 'demo'?)", run.Error);
        Assert.Contains("(found: demo, nightly)", run.Error);
        Assert.False(File.Exists(State));
    }

    [Fact]
    public void PreviewAndGraphOfOneWorkflowWorkBesideABrokenFileAndFailForTheBrokenOne()
    {
        var (_, broken) = WriteFolder();
        var flows = Path.Combine(_folder.Path, "flows");

        var preview = CliRun.Of("preview", flows, "--workflow", "demo", "--json");
        var graph = CliRun.Of("graph", flows, "--workflow", "demo");
        var brokenGraph = CliRun.Of("graph", flows, "--workflow", "nightly");

        Assert.Equal(0, preview.ExitCode);
        Assert.Equal("demo", Assert.Single(preview.Json().GetProperty("workflows").EnumerateArray()).GetProperty("name").GetString());
        Assert.Matches($@"(?m)^{Regex.Escape(broken)}:3:\d+: warning: .*'lod'", preview.Error);
        Assert.Equal(0, graph.ExitCode);
        Assert.Contains("hello", graph.Out);
        Assert.Equal((1, ""), (brokenGraph.ExitCode, brokenGraph.Out));
        Assert.Contains($"error: workflow 'nightly' is declared in {broken}, which has errors", brokenGraph.Error);
    }
}
