using System.Text.Json;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Execution.ExecutorHarness;

namespace Symbol.Orchestrator.Tests.Execution;

/// <summary>The executor with the real Jint runner, and the definition a run records.</summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private ExecutorHarness _h = null!;

    public async Task InitializeAsync() => _h = await CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ASmallFlowRunsInTheSandboxWithOutputsParamsAndLogsRecorded()
    {
        var flow = Flow("""
            workflow etl {
                params { "region": "eu" }
                use file "helpers.js"
                job ingest    { run ``` log(`ingest ${params.region}`); return { count: 3 }; ``` }
                job transform { run file "transform.js" }
                job validate  { run ``` if (inputs.ingest.count < 1) throw new Error("empty"); ``` }
                job load      { run ``` return { total: inputs.transform, ok: inputs.validate === null, at: run.job }; ``` }
                ingest -> transform, validate -> load
            }
            """, new Dictionary<string, string> { ["helpers.js"] = "function twice(n) { return 2 * n; }", ["transform.js"] = "return twice(inputs.ingest.count);" });
        Directory.CreateDirectory(_h.DataRoot);
        using var runner = new ScriptJobRunner(new SandboxOptions { DataRoot = _h.DataRoot });

        var run = (await _h.Executor(runner: runner).StartAsync(flow, RunTrigger.Manual, T0))!;

        var jobs = await _h.JobsAsync(run.RunId);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal("6", jobs["transform"].OutputJson);
        Assert.Equal("""{"total":6,"ok":true,"at":"load"}""", jobs["load"].OutputJson);
        Assert.Equal(["ingest eu"], (await _h.Store.GetAttemptsAsync(run.RunId)).Single(a => a.Job == "ingest").Logs);
    }

    [Fact]
    public async Task AsyncJobsAndAsyncHelpersValidateAndRunAndARejectionFailsItsJobAtItsLine()
    {
        var flow = Flow("""
            workflow etl {
                use file "helpers.js"
                job ingest { run ``` const rows = await fetchRows(); return rows.length; ``` }
                job check  { run ```
                    await null;
                    throw new Error(`only ${inputs.ingest} rows`);
                ``` }
                ingest -> check
            }
            """, new Dictionary<string, string> { ["helpers.js"] = "async function fetchRows() { await null; return [1, 2]; }" });
        Directory.CreateDirectory(_h.DataRoot);
        using var runner = new ScriptJobRunner(new SandboxOptions { DataRoot = _h.DataRoot });

        var run = (await _h.Executor(runner: runner).StartAsync(flow, RunTrigger.Manual, T0))!;

        var jobs = await _h.JobsAsync(run.RunId);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("2", jobs["ingest"].OutputJson);
        Assert.Equal("Error: only 2 rows (at /flows/test.flow:6)", jobs["check"].Error);
    }

    [Fact]
    public async Task OutputsHoldsEveryAncestorsOutputAndInputsTheDirectOnesAlsoWhenARetryReadsThemFromTheStore()
    {
        // load's only upstream is check: an explicit dependency reads inputs, a value from further up reads outputs.
        var flow = Flow("""
            workflow chain {
                job ingest    { run ``` return { rows: 3 }; ``` }
                job transform { run ``` return { total: outputs.ingest.rows * 2 }; ``` }
                job check     { run ``` if (!files.exists("ready.txt")) throw new Error("not ready"); return "ok"; ``` }
                job load      { run ``` return { total: outputs.transform.total, rows: outputs.ingest.rows, direct: Object.keys(inputs), all: Object.keys(outputs).sort() }; ``` }
                ingest -> transform -> check -> load
            }
            """);
        Directory.CreateDirectory(_h.DataRoot);
        using var runner = new ScriptJobRunner(new SandboxOptions { DataRoot = _h.DataRoot });
        var executor = _h.Executor(runner: runner);

        var failed = (await executor.StartAsync(flow, RunTrigger.Manual, T0))!;
        File.WriteAllText(Path.Combine(_h.DataRoot, "ready.txt"), "");
        var retried = await executor.RetryAsync(failed.RunId);
        Assert.NotNull(retried);

        var jobs = await _h.JobsAsync(retried.RunId);
        Assert.Equal((RunStatus.Failed, RunStatus.Succeeded), (failed.Status, retried.Status));
        Assert.Equal(1, jobs["transform"].Attempts);
        Assert.Equal("""{"total":6,"rows":3,"direct":["check"],"all":["check","ingest","transform"]}""", jobs["load"].OutputJson);
    }

    [Fact]
    public void ARecordedDefinitionHoldsTheFlowAndItsScriptsAndCompilesBackToTheSameWorkflow()
    {
        var flow = Flow("""workflow w { use file "h.js" job a { run file "a.js" } }""",
            new Dictionary<string, string> { ["h.js"] = "var h = 1;", ["a.js"] = "return h;" });

        var json = RunDefinition.Capture(flow);
        var run = new RunRecord("w@x", "w", RunStatus.Running, RunTrigger.Manual, T0, T0, null, flow.Position.Path, json, "{}");
        var loaded = RunDefinition.Load(run, CompileOptions.Default(T0));

        using var document = JsonDocument.Parse(json);
        Assert.Equal(["/flows/test.flow", "/flows/h.js", "/flows/a.js"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(flow.Jobs.Single().Script, loaded.Jobs.Single().Script);
        Assert.Equal(flow.Uses, loaded.Uses);
    }

    [Fact]
    public async Task ADefinitionThatNoLongerCompilesIsRefusedWithItsErrors()
    {
        var run = new RunRecord("w@x", "w", RunStatus.Failed, RunTrigger.Manual, T0, T0, T0, "/flows/w.flow",
            """{"/flows/w.flow":"workflow w { job a { run file \"gone.js\" } }"}""", "{}");
        Assert.Equal(RunCreation.Created, await _h.Store.TryCreateRunAsync(run, ["a"], "test-host", TimeSpan.FromMinutes(1)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _h.Executor().RetryAsync("w@x"));

        Assert.Contains("gone.js", error.Message);
    }
}
