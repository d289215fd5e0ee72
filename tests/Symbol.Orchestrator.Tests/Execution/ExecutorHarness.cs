using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.Execution;

/// <summary>An executor over a real SQLite store in a temp folder, a <see cref="ScriptedRunner"/> and an <see cref="ObservedTime"/>.</summary>
internal sealed class ExecutorHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

    // Long enough that the lease-renewal timer (a third of it) never collides with a backoff a test waits for.
    public static readonly ExecutorOptions Options = new() { Owner = "test-host", Lease = TimeSpan.FromHours(1) };

    private readonly TempFolder _folder;

    private ExecutorHarness(SqliteStateStore store, TempFolder folder, ObservedTime time) => (Store, _folder, Time) = (store, folder, time);

    public ObservedTime Time { get; }

    public SqliteStateStore Store { get; }

    public ScriptedRunner Runner { get; } = new();

    public string DataRoot => _folder.File("data");

    public static async Task<ExecutorHarness> CreateAsync()
    {
        var time = new ObservedTime(T0);
        var folder = new TempFolder();
        var store = await SqliteStateStore.OpenAsync(folder.File("state.db"), time);
        return new ExecutorHarness(store, folder, time);
    }

    public RunExecutor Executor(ExecutorOptions? options = null, IJobRunner? runner = null, IStateStore? store = null) =>
        new(store ?? Store, runner ?? Runner, Time, options ?? Options, null);

    /// <summary>Compiles one workflow from .flow text (scripts by <paramref name="files"/>), failing the test on any error.</summary>
    public static WorkflowDefinition Flow(string text, IReadOnlyDictionary<string, string>? files = null)
    {
        var compilation = FlowCompiler.CompileSources([("/flows/test.flow", text)], CompileOptions.Default(T0),
            full => files?.GetValueOrDefault(Path.GetFileName(full)));
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return Assert.Single(compilation.Workflows);
    }

    public async Task<Dictionary<string, JobRecord>> JobsAsync(string runId) =>
        (await Store.GetJobsAsync(runId)).ToDictionary(j => j.Job);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _folder.Dispose();
    }
}
