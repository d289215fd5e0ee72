namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>
/// A lone UTF-16 surrogate ("\ud800") is a valid JavaScript string but no character: every --json document that holds
/// one (in an output, an error, a log line, a param) is still one valid document, with U+FFFD in its place.
/// </summary>
public sealed class LoneSurrogateTests : IDisposable
{
    // The params hold the surrogate as the .flow file spells it; the jobs put it in each place a document shows.
    private const string Flow = """
        workflow lone {
            params { "p": "x\ud800y" }
            job output { run ``` return "\ud800"; ``` }
            job param  { run ``` return params.p; ``` }
            job logs   { run ``` log("log \ud800"); return 1; ``` }
            job error  { run ``` throw new Error("error \ud800"); ``` }
        }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private CliRun Verb(params string[] args) => CliRun.Of([.. args, "--state", Path.Combine(_folder.Path, "state.db")]);

    [Fact]
    public void TriggerShowAndRunsPrintValidJsonWithUFFFDForEachLoneSurrogate()
    {
        var flow = _folder.Write("lone.flow", Flow);

        // A --param makes the run merge its params with the workflow's, which writes them out again.
        var trigger = Verb("trigger", flow, "--json", "--param", "q=\ud800", "--data", Path.Combine(_folder.Path, "data"));
        var runId = trigger.Json().GetProperty("runId").GetString()!;
        var show = Verb("show", runId, "--json");
        var runs = Verb("runs", "--json");

        Assert.Equal((1, 0, 0), (trigger.ExitCode, show.ExitCode, runs.ExitCode));
        foreach (var document in new[] { trigger.Json(), show.Json() })
        {
            var jobs = document.GetProperty("jobs").EnumerateArray().ToDictionary(j => j.GetProperty("name").GetString()!);
            Assert.Equal("\ufffd", jobs["output"].GetProperty("output").GetString());
            Assert.Equal("x\ufffdy", jobs["param"].GetProperty("output").GetString());
            Assert.Equal(["log \ufffd"], jobs["logs"].GetProperty("logs").Strings());
            Assert.StartsWith("Error: error \ufffd", jobs["error"].GetProperty("error").GetString());
        }
        Assert.Equal(runId, Assert.Single(runs.Json().GetProperty("runs").EnumerateArray()).GetProperty("runId").GetString());
    }
}
