using System.Diagnostics;
using Jint;
using Jint.Constraints;
using Jint.Native;
using Jint.Runtime;
using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// Runs a job's JavaScript in a Jint sandbox: a fresh engine per attempt with the limits of
/// <see cref="SandboxOptions"/>, the globals of docs/scripts.md and nothing else, scripts parsed once per
/// definition. Exceeding a limit or throwing fails the attempt; cancellation throws.
/// </summary>
public sealed class ScriptJobRunner : IJobRunner, IDisposable
{
    private static readonly ScriptSource WarmUpScript = new("log(run.job); return { n: inputs.a.n + 1, p: params.p };", "warm-up.js", 1, 1);
    private static readonly JobDefinition WarmUpJob = new("warmup", new SourcePosition("warm-up.js", 1, 1), RetryPolicy.None, null, WarmUpScript, []);
    private static readonly WorkflowDefinition WarmUpWorkflow = new(
        "warmup", WarmUpJob.Position, "", [], TimeZoneInfo.Utc, CatchupPolicy.Default, 1, OverlapPolicy.Skip, "{}", [], [WarmUpJob], []);

    private readonly SandboxOptions _options;
    private readonly MemoryLimits _limits;
    private readonly HeapBudget _heap;
    private readonly HttpClient _httpClient;
    private readonly FilesApi _files;
    private readonly HttpApi _http;
    private readonly EnvApi _env;

    public ScriptJobRunner(SandboxOptions options)
    {
        _options = options;
        _httpClient = HttpApi.CreateClient(options.HttpHandler);
        _limits = new MemoryLimits(options.MemoryMb);
        _heap = new HeapBudget(options.MemoryMb, options.MaxParallelJobs);
        _files = new FilesApi(new DataRootPath(options.DataRoot), _limits);
        _http = new HttpApi(_httpClient, options.AllowedHosts);
        _env = new EnvApi(options.AllowedEnv);
    }

    /// <summary>
    /// Runs the attempt on the thread pool (a script blocks its thread while it runs, sleeps or waits
    /// for <c>http</c>). Cancellation stops the script within a few statements, or at once in a
    /// <c>sleep</c> or an <c>http</c> wait, and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public Task<AttemptResult> RunAsync(WorkflowDefinition workflow, JobDefinition job, AttemptContext context, CancellationToken cancellationToken) =>
        Task.Run(() => Run(workflow, job, context, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs one small job through the whole path. The first engine in a process costs about half a
    /// second (JIT and Jint's static set-up); call this at start-up so the first real job does not pay it.
    /// </summary>
    public TimeSpan WarmUp()
    {
        var started = Stopwatch.GetTimestamp();
        var context = new AttemptContext("warmup", "warmup", "warmup", DateTimeOffset.UnixEpoch, 1, """{"p":1}""",
            new Dictionary<string, string> { ["a"] = """{"n":1}""" });
        var result = Run(WarmUpWorkflow, WarmUpJob, context, CancellationToken.None);
        Debug.Assert(result.Succeeded, result.Error);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>One attempt, on the calling thread.</summary>
    internal AttemptResult Run(WorkflowDefinition workflow, JobDefinition job, AttemptContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var timeout = job.Timeout ?? _options.Timeout;
        var logs = new LogCapture();
        var deadline = new OperationDeadlineConstraint();
        using var engine = SandboxEngine.Create(_options, timeout, deadline, _limits, _heap);
        deadline.Begin(timeout, cancellationToken);
        try
        {
            var budget = new AttemptBudget(timeout, cancellationToken);
            ScriptGlobals.Install(engine, context, budget, logs, _files, _http, _env);
            foreach (var use in workflow.Uses)
            {
                engine.Execute(PreparedScripts.Use(use));
            }
            var result = Settled(engine.Evaluate(PreparedScripts.Body(job.Script)), budget);
            var output = OutputSerializer.Serialize(engine, result, out var error);
            return output is null ? AttemptResult.Failure(error, logs.Lines) : AttemptResult.Success(output, logs.Lines);
        }
        // Jint's own check (a tight loop) and a host call that waited (sleep, http) end alike, keeping what was logged.
        catch (Exception e) when (e is ExecutionCanceledException or OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            throw new AttemptCancelledException([.. logs.Lines], cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return AttemptResult.Failure(AttemptErrors.Describe(engine, e, _options, _limits, timeout), logs.Lines);
        }
        finally
        {
            deadline.End();
        }
    }

    /// <summary>
    /// A returned Promise (an <c>async</c> body returns one) is run to its end within the attempt's time: its
    /// value is the output and its rejection the error. Nothing outside the script can settle it (every host
    /// function is synchronous), so one that is still pending once its jobs have run waits out the timeout.
    /// </summary>
    private static JsValue Settled(JsValue result, AttemptBudget budget)
    {
        if (!result.IsPromise())
        {
            return result;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(budget.CancellationToken);
        timeout.CancelAfter(budget.Remaining);
        try
        {
            return result.UnwrapIfPromise(timeout.Token);
        }
        catch (OperationCanceledException) when (!budget.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The attempt's time budget elapsed with its Promise pending.");
        }
    }

    public void Dispose() => _httpClient.Dispose();
}
