using System.Text.Json;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Execution.ExecutorHarness;

namespace Symbol.Orchestrator.Tests.Execution;

/// <summary>Handlers in the real Jint sandbox: what their scripts see, their limits, and the definition a run records of them.</summary>
public sealed class HandlerScriptTests : IAsyncLifetime
{
    private ExecutorHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await CreateAsync();
        Directory.CreateDirectory(_h.DataRoot);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task AHandlersScriptSeesRunStatusRunFailedAndEverySucceededJobsOutput()
    {
        var flow = Flow("""
            workflow w {
                job ingest { run ``` return { rows: 3 }; ``` }
                job load   { run ``` throw new Error("disk full"); ``` }
                job report { run ``` return 1; ``` }
                ingest -> load -> report
                on failure { run ```
                    log(`${run.job}: ${run.status}, failed ${JSON.stringify(run.failed)}`);
                    return { rows: outputs.ingest.rows, same: inputs.ingest.rows, jobs: Object.keys(outputs), attempt: run.attempt };
                ``` }
                on exit { run ``` return { status: run.status, failed: Object.keys(run.failed) }; ``` }
            }
            """);
        using var runner = new ScriptJobRunner(new SandboxOptions { DataRoot = _h.DataRoot });

        var run = (await _h.Executor(runner: runner).StartAsync(flow, RunTrigger.Manual, T0))!;

        var jobs = await _h.JobsAsync(run.RunId);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("""{"rows":3,"same":3,"jobs":["ingest"],"attempt":1}""", jobs["on failure"].OutputJson);
        Assert.Equal("""on failure: failed, failed {"load":"Error: disk full (at /flows/test.flow:3)"}""",
            Assert.Single((await _h.Store.GetAttemptsAsync(run.RunId)).Single(a => a.Job == "on failure").Logs));
        Assert.Equal("""{"status":"failed","failed":["load"]}""", jobs["on exit"].OutputJson);
    }

    [Fact]
    public async Task ASucceededRunsHandlersSeeAnEmptyRunFailed_AndJobsSeeNoStatusAtAll()
    {
        var flow = Flow("""
            workflow w {
                job a { run ``` return [typeof run.status, typeof run.failed]; ``` }
                on success { run ``` return [run.status, Object.keys(run.failed).length]; ``` }
            }
            """);
        using var runner = new ScriptJobRunner(new SandboxOptions { DataRoot = _h.DataRoot });

        var run = (await _h.Executor(runner: runner).StartAsync(flow, RunTrigger.Manual, T0))!;

        var jobs = await _h.JobsAsync(run.RunId);
        Assert.Equal("""["undefined","undefined"]""", jobs["a"].OutputJson);
        Assert.Equal("""["succeeded",0]""", jobs["on success"].OutputJson);
    }

    [Fact]
    public async Task AHandlerThatRunsPastItsTimeoutFailsNamingTheLimit_AndTheRunStillSucceeds()
    {
        var flow = Flow("""
            workflow w {
                job a { run ``` return 1; ``` }
                on exit { timeout 200ms run ``` while (true) {} ``` }
            }
            """);
        using var runner = new ScriptJobRunner(new SandboxOptions { DataRoot = _h.DataRoot });

        var run = (await _h.Executor(runner: runner).StartAsync(flow, RunTrigger.Manual, T0))!;

        var handler = (await _h.JobsAsync(run.RunId))["on exit"];
        Assert.Equal((RunStatus.Succeeded, JobStatus.Failed), (run.Status, handler.Status));
        Assert.Contains("200ms", handler.Error);
    }

    [Fact]
    public void ARecordedDefinitionKeepsTheHandlersAndTheirScriptFiles()
    {
        var flow = Flow("""
            workflow w {
                retries 2
                job a { run ``` return 1; ``` }
                on failure { run file "alert.js" }
                on exit { timeout 5s run ``` log(run.status); ``` }
            }
            """, new Dictionary<string, string> { ["alert.js"] = "log(JSON.stringify(run.failed));" });

        var json = RunDefinition.Capture(flow);
        var run = new RunRecord("w@x", "w", RunStatus.Running, RunTrigger.Manual, T0, T0, null, flow.Position.Path, json, "{}");
        var loaded = RunDefinition.Load(run, CompileOptions.Default(T0));

        using var document = JsonDocument.Parse(json);
        Assert.Equal(["/flows/test.flow", "/flows/alert.js"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(flow.Handlers, loaded.Handlers);
        Assert.Equal("log(JSON.stringify(run.failed));", loaded.FindHandler(HandlerKind.Failure)!.Job.Script.Code);
        Assert.Equal((2, TimeSpan.FromSeconds(5)), (loaded.FindHandler(HandlerKind.Exit)!.Job.Retry.Retries, loaded.FindHandler(HandlerKind.Exit)!.Job.Timeout));
    }
}
