using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.State.Postgres;
using Symbol.Orchestrator.Tests.Execution;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// Two hosts on one store, one clock: a <c>concurrency 1</c> workflow whose job (90 s) outlasts its interval (a minute) never has
/// two active runs, though each host's own gate is empty whenever the other host holds the run. With <c>overlap skip</c> the host
/// that does not hold the run skips the fire at the store's count; with <c>overlap queue</c> every instant runs once, one after
/// another, on whichever host gets there first. On the in-memory store, and on PostgreSQL through the real store.
/// </summary>
public sealed class TwoHostConcurrencyTests : IAsyncLifetime
{
    private static readonly TimeSpan JobTime = TimeSpan.FromSeconds(90);

    private readonly HostHarness _a = new();
    private readonly HostHarness _b = new();
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly Lock _lock = new();
    private readonly List<(DateTimeOffset Started, DateTimeOffset Ended)> _jobs = [];
    private readonly List<IStateStore> _opened = [];
    private int _running;
    private int _mostRunning;

    private static string Flow(string overlap) => $$"""
        workflow slow {
            schedule cron "* * * * *"
            concurrency 1
            overlap {{overlap}}
            job hold { run ``` return 1; ``` }
        }
        """;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        foreach (var store in _opened)
            await store.DisposeAsync();
    }

    [Fact]
    public async Task WithOverlapSkipTheHostWithoutTheRunSkipsAtTheStoresCount()
    {
        var store = new InMemoryStateStore(_clock);
        await SkipScenarioAsync(() => new SharedStoreFactory(store));
    }

    [Fact]
    public async Task WithOverlapQueueEachInstantRunsOnceOneAfterAnother()
    {
        var store = new InMemoryStateStore(_clock);
        await QueueScenarioAsync(() => new SharedStoreFactory(store));
    }

    [PostgresFact]
    public async Task WithOverlapSkipOnPostgreSqlTheHostWithoutTheRunSkipsAtTheStoresCount()
    {
        var url = PostgresUrl.Parse(PrivatePostgres.Url(await PrivatePostgres.CreateDatabaseAsync()));
        await SkipScenarioAsync(() => new SharedStoreFactory(OpenPostgres(url)));
    }

    [PostgresFact]
    public async Task WithOverlapQueueOnPostgreSqlEachInstantRunsOnceOneAfterAnother()
    {
        var url = PostgresUrl.Parse(PrivatePostgres.Url(await PrivatePostgres.CreateDatabaseAsync()));
        await QueueScenarioAsync(() => new SharedStoreFactory(OpenPostgres(url)));
    }

    [Fact]
    public async Task ABackfillRunStaysQueuedWhileTheOtherHostHoldsTheSlotThenRunsOnce()
    {
        var store = new InMemoryStateStore(_clock);
        await StartAsync(Flow("skip"), () => new SharedStoreFactory(store));
        await StepToAsync("10:01:00", () => Running == 1, "the 10:01 run's job to start");
        var definition = FlowCompiler.Compile([_a.Workflows], new CompileOptions(TimeZoneInfo.Utc, T0)).FindWorkflow("slow")!;
        var backfill = new RunRecord(RunRecord.ScheduledRunId("slow", At("09:00:00")), "slow", RunStatus.Pending, RunTrigger.Backfill, At("09:00:00"),
            null, null, definition.Position.Path, RunDefinition.Capture(definition), definition.ParamsJson);
        await store.EnqueueRunsAsync([new NewRun(backfill, ["hold"])]);

        // Both hosts look at the queue at every tick; the one without the run has a free gate, and the store refuses it the slot.
        await StepToAsync("10:01:30", () => true, "half a minute of ticks");
        Assert.True((await store.GetRunAsync(backfill.RunId))!.IsQueued);

        await StepToAsync("10:02:30", () => Finished == 1, "the 10:01 run to end");
        await Wait.UntilAsync(() =>
        {
            _clock.Advance(StoreWatch.Interval);
            return store.GetRunAsync(backfill.RunId).GetAwaiter().GetResult()!.Status == RunStatus.Succeeded;
        }, "the backfill run to run once the slot is free");
        Assert.Equal(1, _mostRunning);
        Assert.Single(_a.Runner.CallsOf("hold").Concat(_b.Runner.CallsOf("hold")), c => c.ScheduledAt == At("09:00:00"));
    }

    private async Task SkipScenarioAsync(Func<IStateStoreFactory> stores)
    {
        await StartAsync(Flow("skip"), stores);

        // 10:01 runs until 10:02:30, so 10:02 is skipped; 10:03 runs until 10:04:30, so 10:04 is skipped.
        await StepToAsync("10:01:00", () => Running == 1, "the 10:01 run's job to start");
        await StepToAsync("10:02:00", () => Logged("Skipped slow at 2026-11-28T10:02:00") == 2, "both hosts to skip 10:02");
        await StepToAsync("10:02:30", () => Finished == 1, "the 10:01 run to end");
        await StepToAsync("10:03:00", () => Running == 1, "the 10:03 run's job to start");
        await StepToAsync("10:04:00", () => Logged("Skipped slow at 2026-11-28T10:04:00") == 2, "both hosts to skip 10:04");
        await StepToAsync("10:04:30", () => Finished == 2, "the 10:03 run to end");

        var runs = await _a.RunsAsync("slow");
        Assert.Equal([At("10:01:00"), At("10:03:00")], runs.Select(r => r.ScheduledAt).Order());
        Assert.Equal(1, _mostRunning);
        foreach (var skipped in new[] { "10:02:00", "10:04:00" })
        {
            // The host holding the run skips at its own gate; the other one, whose gate is empty, at the store's count.
            var line = $"Skipped slow at 2026-11-28T{skipped}.0000000+00:00: 1 run(s) active, concurrency 1, overlap skip";
            Assert.Equal((1, 1), (_a.Count(line), _b.Count(line)));
        }
        Assert.Equal(At("10:04:00"), await _a.Store.GetWatermarkAsync("slow"));
    }

    private async Task QueueScenarioAsync(Func<IStateStoreFactory> stores)
    {
        await StartAsync(Flow("queue"), stores);

        // Back to back: 10:01 from 10:01:00, 10:02 from 10:02:30, 10:03 from 10:04:00, 10:04 from 10:05:30 until 10:07:00.
        await StepToAsync("10:01:00", () => Running == 1, "the 10:01 run's job to start");
        await StepToAsync("10:02:00", () => Logged("Queued slow at 2026-11-28T10:02:00") >= 2, "both hosts to queue 10:02");
        await StepToAsync("10:02:30", () => Running == 1 && Created == 2, "the 10:02 run's job to start");
        await StepToAsync("10:04:00", () => Running == 1 && Created == 3, "the 10:03 run's job to start");
        await StepToAsync("10:05:30", () => Running == 1 && Created == 4, "the 10:04 run's job to start");
        await StepToAsync("10:07:00", () => Finished == 4, "the 10:04 run to end");

        var runs = (await _a.RunsAsync("slow")).Where(r => r.IsFinished).OrderBy(r => r.ScheduledAt).ToList();
        Assert.Equal([At("10:01:00"), At("10:02:00"), At("10:03:00"), At("10:04:00")], runs.Select(r => r.ScheduledAt));
        Assert.Equal(1, _mostRunning);
        lock (_lock)
            Assert.All(_jobs.Zip(_jobs.Skip(1)), pair => Assert.True(pair.Second.Started >= pair.First.Ended, $"a job started at {pair.Second.Started:O}, before the one before it ended ({pair.First.Ended:O})"));
        // The host without the run waited on the store's count: both hosts logged the instant as queued.
        Assert.All(new[] { _a, _b }, host => Assert.True(host.Count("Queued slow at 2026-11-28T10:03:00") >= 1));
    }

    // Each host its own store on the database (its own connections and group commit), and no table of live hosts: both hosts
    // act on every fire at once, as they do while they disagree about who is alive (FireShare), so the store's count decides.
    private IStateStore OpenPostgres(PostgresUrl url)
    {
        var store = PostgresStateStore.OpenAsync(url, _clock).GetAwaiter().GetResult();
        _opened.Add(store);
        return store;
    }

    private int Running => Volatile.Read(ref _running);

    private int Created => _a.RunsAsync("slow").GetAwaiter().GetResult().Count;

    private int Finished => _a.RunsAsync("slow").GetAwaiter().GetResult().Count(r => r.IsFinished);

    private int Logged(string text) => _a.Count(text) + _b.Count(text);

    private async Task StartAsync(string flow, Func<IStateStoreFactory> stores)
    {
        foreach (var (host, owner) in new[] { (_a, "host-a"), (_b, "host-b") })
        {
            host.Write("slow.flow", flow);
            host.Runner.On("hold", HoldAsync);
            await host.StartAsync(owner: owner, stores: stores(), clock: _clock);
        }
    }

    // The job of either host: counted across both while it runs, for JobTime of the shared clock.
    private async Task<AttemptResult> HoldAsync(AttemptContext context, CancellationToken ct)
    {
        // A backfill's run (an instant before the hosts started) ends at once.
        if (context.ScheduledAt < T0)
        {
            lock (_lock)
                _mostRunning = Math.Max(_mostRunning, Interlocked.Increment(ref _running));
            Interlocked.Decrement(ref _running);
            return ScriptedRunner.Ok(context);
        }
        var started = _clock.GetUtcNow();
        var running = Interlocked.Increment(ref _running);
        lock (_lock)
            _mostRunning = Math.Max(_mostRunning, running);
        try
        {
            await Task.Delay(JobTime, _clock, ct);
            return ScriptedRunner.Ok(context);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            lock (_lock)
                _jobs.Add((started, _clock.GetUtcNow()));
        }
    }

    // A second of the shared clock at a time up to the instant (never a jump past a lease renewal), then a wait for what that
    // instant starts, so the next step begins from a settled state however slow the machine is.
    private async Task StepToAsync(string hhmmss, Func<bool> settled, string what)
    {
        var until = At(hhmmss);
        while (_clock.GetUtcNow() < until)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }
        await Wait.UntilAsync(settled, what, () => $"host-a logged:\n{string.Join("\n", _a.Logs.Lines())}\nhost-b logged:\n{string.Join("\n", _b.Logs.Lines())}");
    }
}
