using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;

namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary>A sandbox over a temporary data folder, and jobs built straight from JavaScript text.</summary>
internal sealed class Sandbox : IDisposable
{
    private readonly TempFolder _folder = new();
    private ScriptJobRunner? _runner;

    public Sandbox(Func<SandboxOptions, SandboxOptions>? configure = null)
    {
        DataRoot = Directory.CreateDirectory(_folder.File("data")).FullName;
        Options = (configure ?? (o => o))(new SandboxOptions { DataRoot = DataRoot });
    }

    /// <summary>A temporary folder holding <see cref="DataRoot"/> and whatever a test puts beside it.</summary>
    public string Folder => _folder.Path;

    public string DataRoot { get; }

    public SandboxOptions Options { get; }

    public ScriptJobRunner Runner => _runner ??= new ScriptJobRunner(Options);

    public static ScriptSource Script(string code, string path = "test.flow", int line = 1, int column = 1) => new(code, path, line, column);

    public static JobDefinition Job(ScriptSource script, TimeSpan? timeout = null, string name = "job") =>
        new(name, new SourcePosition(script.Path, script.Line, 1), RetryPolicy.None, timeout, script, []);

    public static WorkflowDefinition Workflow(JobDefinition job, IReadOnlyList<ScriptSource>? uses = null, string paramsJson = "{}") =>
        new("wf", job.Position, "", [], TimeZoneInfo.Utc, CatchupPolicy.Default, 1, OverlapPolicy.Skip, paramsJson, uses ?? [], [job], []);

    public static AttemptContext Context(
        IReadOnlyDictionary<string, string>? inputs = null, string paramsJson = "{}", string job = "job", int attempt = 1) =>
        new("wf@2026-11-28T01:00:00Z", "wf", job, new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero), attempt, paramsJson,
            inputs ?? new Dictionary<string, string>());

    public Task<AttemptResult> RunAsync(string code, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        RunAsync(Job(Script(code), timeout), cancellationToken: cancellationToken);

    public Task<AttemptResult> RunAsync(
        JobDefinition job, IReadOnlyList<ScriptSource>? uses = null, AttemptContext? context = null, CancellationToken cancellationToken = default) =>
        Runner.RunAsync(Workflow(job, uses), job, context ?? Context(), cancellationToken);

    /// <summary>Runs a script that must succeed and returns its output JSON.</summary>
    public async Task<string> OutputAsync(string code)
    {
        var result = await RunAsync(code);
        Assert.True(result.Succeeded, result.Error);
        return result.OutputJson!;
    }

    /// <summary>Runs a script that must fail and returns its error.</summary>
    public async Task<string> ErrorAsync(string code, TimeSpan? timeout = null)
    {
        var result = await RunAsync(code, timeout);
        Assert.False(result.Succeeded, $"expected a failure, got {result.OutputJson}");
        return result.Error!;
    }

    public void Dispose()
    {
        _runner?.Dispose();
        _folder.Dispose();
    }
}
