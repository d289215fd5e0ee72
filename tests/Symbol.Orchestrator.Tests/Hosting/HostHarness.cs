using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Tests.Execution;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// A <see cref="WorkflowHost"/> built as <c>orchestrator run</c> builds it (<see cref="OrchestratorServices.AddOrchestrator"/>),
/// with its seams given: a <see cref="FakeTimeProvider"/>, a <see cref="ScriptedRunner"/>, the SQLite store over a temp
/// folder (workflows, store, data) through a <see cref="WrappingStoreFactory"/>, and a capturing logger. It can be
/// stopped and started again on the same folder, as after a restart.
/// </summary>
internal sealed class HostHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 30, TimeSpan.Zero);

    private readonly TempFolder _folder = new();

    public HostHarness() => Directory.CreateDirectory(Workflows);

    public string Workflows => _folder.File("workflows");

    public string StatePath => _folder.File("state.db");

    public FakeTimeProvider Clock { get; private set; } = new(T0);

    public ScriptedRunner Runner { get; } = new();

    public FakeLogCollector Logs { get; } = new();

    public WorkflowHost? Host { get; private set; }

    private ServiceProvider? _services;
    private WrappingStoreFactory? _stores;

    /// <summary>The store the host opened, to read what it wrote.</summary>
    public IStateStore Store => _stores?.Opened ?? throw new InvalidOperationException("The host has not started.");

    public string Write(string name, string text)
    {
        var path = Path.Combine(Workflows, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <param name="wrapStore">Wraps the host's store, e.g. in a <see cref="CrashingStore"/>.</param>
    /// <param name="grace">The host's ShutdownGrace; zero by default, so a stop cancels what runs at once.</param>
    /// <param name="owner">The host's Owner: a fixed name, unless a test plays hosts of different processes.</param>
    /// <param name="stores">Where the host opens its store, instead of this folder's SQLite file: one that several harnesses share plays several hosts on one store.</param>
    /// <param name="clock">The host's clock, instead of a new one at <paramref name="now"/>: hosts sharing a store share their clock.</param>
    public async Task StartAsync(DateTimeOffset? now = null, int catchupLimit = 100, Func<IStateStore, IStateStore>? wrapStore = null, TimeSpan grace = default,
        string owner = "test-host", IStateStoreFactory? stores = null, FakeTimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider(now ?? T0);
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [OrchestratorConfiguration.FolderKey] = _folder.Path,
            ["Orchestrator:Workflows"] = "workflows",
            ["Orchestrator:State"] = "state.db",
            ["Orchestrator:Data"] = "data",
            ["Orchestrator:CatchupLimit"] = catchupLimit.ToString(CultureInfo.InvariantCulture),
            ["Orchestrator:ShutdownGrace"] = grace.ToString("c", CultureInfo.InvariantCulture),
            ["Orchestrator:Owner"] = owner,
        }).Build();
        _stores = new WrappingStoreFactory(stores ?? new SqliteStateStoreFactory(StatePath, Clock), wrapStore);
        _services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IJobRunner>(Runner)
            .AddSingleton<IStateStoreFactory>(_stores)
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(Logs)))
            .AddOrchestrator(settings)
            .BuildServiceProvider();
        Host = _services.GetRequiredService<WorkflowHost>();
        // Counted, not just found: after a restart the log still holds the previous start's lines.
        var starts = Count("Started: ");
        await Host.StartAsync(CancellationToken.None);
        // Started, as a user reads it: the host says so once it has resumed, caught up and scheduled everything.
        await Wait.UntilAsync(() => Count("Started: ") > starts || Logs.Any("The host failed"), "the host's start");
        if (Logs.Any("The host failed"))
            throw new InvalidOperationException($"The host failed to start:\n{string.Join("\n", Logs.Lines())}");
    }

    public async Task StopAsync()
    {
        if (Host is null)
            return;
        await Host.StopAsync(CancellationToken.None);
        await _services!.DisposeAsync();
        Host = null;
        _services = null;
    }

    /// <summary>Reloads the folder as the folder watch does after a change, and returns once it has been applied.</summary>
    public Task ReloadAsync() => _services!.GetRequiredService<CatalogApplier>().ReloadAsync();

    /// <summary>What the API asks of the host: trigger, retry, cancel, pause, backfill.</summary>
    internal HostOperations Operations => _services!.GetRequiredService<HostOperations>();

    /// <summary>The host's event hub, to subscribe to what the host saw (the API's event stream does).</summary>
    public HostEvents Events => _services!.GetRequiredService<HostEvents>();

    /// <summary>Reads the store as the host's store watch does every quarter second, and returns once the pollers are done.</summary>
    public Task PollStoreAsync() => _services!.GetRequiredService<StoreWatch>().PollOnceAsync();

    /// <summary>The next fire of <paramref name="workflow"/> on the host's scheduler; throws when it is not scheduled.</summary>
    public DateTimeOffset? NextFire(string workflow) => Scheduled.Single(j => j.Name == workflow).NextRun;

    /// <summary>
    /// True once the host's scheduler has handed every fire due by now to the host and each call has returned: every workflow's next
    /// fire is after <paramref name="instant"/> and none is being handed over.
    /// </summary>
    public bool HandedOver(DateTimeOffset instant)
    {
        var scheduler = _services!.GetRequiredService<Scheduler>();
        return scheduler.Jobs.All(j => j.NextRun > instant) && scheduler.RunningCount == 0;
    }

    /// <summary>The workflows on the host's scheduler.</summary>
    public IReadOnlyList<ScheduledJob> Scheduled => _services!.GetRequiredService<Scheduler>().Jobs;

    /// <summary>Records a watermark as a host that ran earlier would have, before this one starts.</summary>
    public async Task SeedWatermarkAsync(string workflow, DateTimeOffset instant)
    {
        await using var store = await SqliteStateStore.OpenAsync(StatePath, TimeProvider.System);
        await store.AdvanceWatermarkAsync(workflow, instant);
    }

    public async Task<IReadOnlyList<RunRecord>> RunsAsync(string workflow) => await Store.ListRunsAsync(workflow, 1000);

    /// <summary>Waits until <paramref name="count"/> runs of <paramref name="workflow"/> have finished.</summary>
    public async Task<IReadOnlyList<RunRecord>> FinishedRunsAsync(string workflow, int count)
    {
        IReadOnlyList<RunRecord> runs = [];
        await Wait.UntilAsync(() =>
        {
            runs = RunsAsync(workflow).GetAwaiter().GetResult();
            return runs.Count(r => r.Status is RunStatus.Succeeded or RunStatus.Failed) >= count;
        }, $"{count} finished runs of {workflow}", () => $"the host logged:\n{string.Join("\n", Logs.Lines())}");
        return runs;
    }

    /// <summary>
    /// Moves the clock on a second at a time, up to <paramref name="until"/>, while a background wait on it (a retry's
    /// backoff) may not have started yet: one jump taken before the executor sets its timer would leave that timer
    /// due after the jump, never to fire. Stops once <paramref name="done"/> completes.
    /// </summary>
    public async Task StepClockAsync(DateTimeOffset until, Task done)
    {
        while (!done.IsCompleted && Clock.GetUtcNow() < until)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(done, Task.Delay(100));
        }
    }

    /// <summary>How many lines the host has logged with <paramref name="text"/> in them.</summary>
    public int Count(string text) => Logs.Lines().Count(l => l.Contains(text, StringComparison.Ordinal));

    public Task WaitForLogAsync(string text) => Wait.UntilAsync(() => Logs.Any(text), $"a log line with '{text}'");

    public static DateTimeOffset At(string hhmmss) => new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero).Add(TimeSpan.Parse(hhmmss));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _folder.Dispose();
    }
}
