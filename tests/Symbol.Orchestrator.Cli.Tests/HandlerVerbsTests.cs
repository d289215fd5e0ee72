using System.Text.Json;

namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>
/// Handlers in the verbs' output: <c>trigger</c> and <c>show</c> list them after the jobs under a heading, their JSON has a
/// <c>handlers</c> array beside <c>jobs</c> (which holds only jobs), <c>preview</c> and <c>graph</c> show them.
/// </summary>
public sealed class HandlerVerbsTests : IDisposable
{
    private const string Alerting = """
        workflow nightly {
            job extract { run ``` return { rows: 3 }; ``` }
            job load    { run ``` throw new Error("disk full"); ``` }
            extract -> load
            on exit    { run ``` log(`done: ${run.status}`); ``` }
            on failure { run ``` console.warn(`${Object.keys(run.failed)}: ${run.failed.load}`); ``` }
            on success { run ``` log("fine"); ``` }
        }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string State => Path.Combine(_folder.Path, "state.db");

    private CliRun Verb(params string[] args) => CliRun.Of([.. args, "--state", State, "--data", Path.Combine(_folder.Path, "data")]);

    [Fact]
    public void Trigger_PrintsTheHandlersAfterTheJobs_UnderAHeading()
    {
        var flow = _folder.Write("nightly.flow", Alerting);

        var run = Verb("trigger", flow);

        Assert.Equal(1, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(["extract", "load", "handlers", "on", "on", "on", "run"], lines.Select(l => l.Split(' ')[0]));
        Assert.Matches(@"^on success\s+skipped\s+0 attempts\s+-\s+not for this outcome$", lines[3]);
        Assert.Matches(@"^on failure\s+succeeded\s+1 attempt", lines[4]);
        Assert.Matches(@"^on exit\s+succeeded\s+1 attempt", lines[5]);
        Assert.Matches(@"^run nightly@manual-\S+ failed", lines[6]);
    }

    [Fact]
    public void TriggerAndShowJson_KeepJobsForJobs_AndListHandlersWithTheSameFields()
    {
        var flow = _folder.Write("nightly.flow", Alerting);

        var triggered = Verb("trigger", flow, "--json");
        var runId = triggered.Json().GetProperty("runId").GetString()!;
        var shown = Verb("show", runId, "--json");

        Assert.Equal(triggered.Out, shown.Out);
        var json = shown.Json();
        Assert.Equal(["extract", "load"], json.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("name").GetString()));
        var handlers = json.GetProperty("handlers").EnumerateArray().ToDictionary(h => h.GetProperty("name").GetString()!);
        Assert.Equal(["on failure", "on success", "on exit"], handlers.Keys);
        Assert.Equal(json.GetProperty("jobs")[0].EnumerateObject().Select(p => p.Name), handlers["on exit"].EnumerateObject().Select(p => p.Name));
        Assert.Equal(("succeeded", "skipped", "succeeded"),
            (handlers["on failure"].GetProperty("status").GetString(), handlers["on success"].GetProperty("status").GetString(), handlers["on exit"].GetProperty("status").GetString()));
        Assert.Equal(["warn: load: Error: disk full (at " + flow + ":3)"], handlers["on failure"].GetProperty("logs").Strings());
        Assert.Equal(["done: failed"], handlers["on exit"].GetProperty("logs").Strings());
        Assert.Equal("failed", json.GetProperty("status").GetString());
    }

    [Fact]
    public void Show_ListsTheHandlersWithTheirAttemptsAndLogs_AfterTheJobs()
    {
        var flow = _folder.Write("nightly.flow", Alerting);
        var runId = Verb("trigger", flow, "--json").Json().GetProperty("runId").GetString()!;

        var text = Verb("show", runId).Out;

        var handlers = text.IndexOf("\nhandlers\n", StringComparison.Ordinal);
        Assert.True(handlers > text.IndexOf("\nload ", StringComparison.Ordinal), text);
        Assert.Contains("      | done: failed", text[handlers..]);
        Assert.Matches(@"\non failure\s+succeeded[^\n]*\n    attempt 1: succeeded", text);
    }

    [Fact]
    public void Retry_RunsTheHandlersAgain_UnderTheHeading()
    {
        var flow = _folder.Write("nightly.flow", Alerting.Replace("throw new Error(\"disk full\");", "if (!files.exists(\"ok\")) throw new Error(\"disk full\");"));
        var runId = Verb("trigger", flow, "--json").Json().GetProperty("runId").GetString()!;
        File.WriteAllText(Path.Combine(_folder.Path, "data", "ok"), "");

        var retry = Verb("retry", runId);

        Assert.Equal(0, retry.ExitCode);
        Assert.Matches(@"load\s+succeeded[^\n]*\nhandlers\n", retry.Out.Replace("\r", ""));
        Assert.Matches(@"on failure\s+skipped", retry.Out);
        Assert.Matches(@"on success\s+succeeded", retry.Out);
    }

    [Fact]
    public void PreviewJson_AddsTheHandlers_AndPreviewTextListsThemAfterThePlan()
    {
        var flow = _folder.Write("nightly.flow", Alerting);

        var json = CliRun.Of("preview", flow, "--json").Json().GetProperty("workflows")[0];
        var text = CliRun.Of("preview", flow).Out;

        Assert.Equal([("on failure", "failure"), ("on success", "success"), ("on exit", "exit")],
            json.GetProperty("handlers").EnumerateArray().Select(h => (h.GetProperty("name").GetString(), h.GetProperty("when").GetString())));
        Assert.Equal(JsonValueKind.Array, json.GetProperty("plan").ValueKind);
        Assert.Matches(@"plan\s+1\. extract\s+2\. load\s+handlers\s+on failure\s+after the jobs, when the run failed", text);
    }

    [Fact]
    public void Graph_DrawsHandlersApartFromTheJobs()
    {
        var flow = _folder.Write("nightly.flow", Alerting);

        var mermaid = CliRun.Of("graph", flow).Out;
        var dot = CliRun.Of("graph", flow, "--format", "dot").Out;

        Assert.Contains("on_failure([\"on failure\"]):::handler", mermaid);
        Assert.Contains("classDef handler stroke-dasharray: 5 5", mermaid);
        Assert.Contains("\"on exit\" [label=\"on exit\", style=\"dashed,rounded\"];", dot);
        Assert.DoesNotContain("-> \"on", dot);
    }
}
