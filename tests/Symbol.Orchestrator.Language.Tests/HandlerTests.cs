using Symbol.Orchestrator.Language.Planning;

namespace Symbol.Orchestrator.Language.Tests;

/// <summary>
/// <c>on failure|success|exit { … }</c>: handlers compile to jobs named after their kind, with the workflow's job defaults and
/// no upstream, one of each kind, in the order they run. The error cases are in Corpus/handler-errors.flow.
/// </summary>
public sealed class HandlerTests
{
    private const string Job = "job a { run ``` return 1; ``` }";

    [Fact]
    public void Handlers_AreJobsNamedAfterTheirKind_WithTheWorkflowsDefaults_InTheOrderTheyRun()
    {
        var w = Compile.Single("""
            workflow w {
                retries 2 backoff 5s exponential
                timeout 1m
                job a { run ``` return 1; ``` }
                on exit { run ``` log(run.status); ``` }
                on failure { retries 0 timeout 10s run ``` log(run.failed); ``` }
            }
            """);

        Assert.Equal([HandlerKind.Failure, HandlerKind.Exit], w.Handlers.Select(h => h.When));
        var failure = w.Handlers[0].Job;
        Assert.Equal("on failure", failure.Name);
        Assert.Equal((RetryPolicy.None with { Retries = 0 }, TimeSpan.FromSeconds(10)), (failure.Retry, failure.Timeout));
        Assert.Empty(failure.Upstream);
        Assert.Equal(new SourcePosition("test.flow", 6, 5), failure.Position);
        var exit = w.Handlers[1].Job;
        Assert.Equal("on exit", exit.Name);
        Assert.Equal((new RetryPolicy(2, TimeSpan.FromSeconds(5), true), TimeSpan.FromMinutes(1)), (exit.Retry, exit.Timeout));
        Assert.Equal(" log(run.status); ", exit.Script.Code);
        // Handlers are not jobs: the plan, the edges and FindJob know nothing of them.
        Assert.Equal(["a"], w.Jobs.Select(j => j.Name));
        Assert.Null(w.FindJob("on exit"));
        Assert.Same(w.Handlers[1], w.FindHandler(HandlerKind.Exit));
        Assert.Null(w.FindHandler(HandlerKind.Success));
        // A run records its handlers as jobs, after them.
        Assert.Equal(["a", "on failure", "on exit"], w.RunRecordNames);
    }

    [Fact]
    public void AWorkflowWithoutHandlers_HasNone() =>
        Assert.Empty(Compile.Single("workflow w { " + Job + " }").Handlers);

    [Fact]
    public void RunFile_InAHandler_IsReadRelativeToTheFlowFile()
    {
        var w = Compile.Single("workflow w { " + Job + " on failure { run file \"alert.js\" } }",
            new Dictionary<string, string> { ["alert.js"] = "log(run.status);" });
        Assert.Equal("log(run.status);", w.Handlers.Single().Job.Script.Code);
    }

    [Theory]
    [InlineData("on faliure { run ``` 1 ``` }", "1:49: unknown handler 'on faliure': expected 'failure', 'success' or 'exit' (did you mean 'failure'?)")]
    [InlineData("on exit { run ``` 1 ``` } on exit { run ``` 2 ``` }", "1:72: duplicate handler 'on exit' in workflow 'w': already declared at 1:46")]
    [InlineData("on success { timeout 1s }", "1:46: handler 'on success' has no 'run': add run ``` … ``` or run file \"….js\"")]
    [InlineData("on exit { run ``` return ( ``` }", "1:73: JavaScript syntax error: Unexpected end of input")]
    [InlineData("on exit { run file \"nope.js\" }", "1:65: run file \"nope.js\" not found (looked for {cwd}/nope.js)")]
    [InlineData("on exit { concurrency 2 run ``` 1 ``` }", "1:56: 'concurrency' is a workflow setting and cannot be set on a handler")]
    [InlineData("on { run ``` 1 ``` }", "1:49: expected 'failure', 'success' or 'exit', found '{'")]
    [InlineData("on exit { run ``` 1 ``` job b { run ``` 2 ``` }", "1:70: expected '}' to close handler 'on exit' opened at 1:54, found 'job'")]
    [InlineData("a -> on", "1:51: edge names unknown job 'on' in workflow 'w'")]
    public void HandlerMistakes_AreOneLineEach_AtTheirToken(string handler, string expected)
    {
        var lines = Compile.Lines("workflow w { " + Job + " " + handler + " }");
        Assert.Equal([expected.Replace("{cwd}", Directory.GetCurrentDirectory(), StringComparison.Ordinal)], lines.Where(l => !l.Contains("warning")));
    }

    [Fact]
    public void Graphs_DrawHandlersAsDashedNodesWithoutEdges()
    {
        var w = Compile.Single("workflow w { " + Job + " job b { run ``` 1 ``` } a -> b on failure { run ``` 1 ``` } }");

        Assert.Equal("""
            flowchart LR
                %% workflow w
                a --> b
                on_failure(["on failure"]):::handler
                classDef handler stroke-dasharray: 5 5

            """, WorkflowGraph.Render(w, GraphFormat.Mermaid), ignoreLineEndingDifferences: true);
        Assert.Contains("\"on failure\" [label=\"on failure\", style=\"dashed,rounded\"];", WorkflowGraph.Render(w, GraphFormat.Dot), StringComparison.Ordinal);
    }

    [Fact]
    public void Mermaid_GivesEveryNodeANeutralId_WhenAJobIsNamedLikeAHandlersNode()
    {
        var w = Compile.Single("workflow w { job on_failure { run ``` 1 ``` } on failure { run ``` 1 ``` } }");

        Assert.Equal("""
            flowchart LR
                %% workflow w
                j0["on_failure"]
                h0(["on failure"]):::handler
                classDef handler stroke-dasharray: 5 5

            """, WorkflowGraph.Render(w, GraphFormat.Mermaid), ignoreLineEndingDifferences: true);
    }
}
