using Microsoft.Extensions.Time.Testing;
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
        await SkipScenarioAsync(() => new PostgresStateStoreFactory(url, _clock));
    }

    [PostgresFact]
    public async Task WithOverlapQueueOnPostgreSqlEachInstantRunsOnceOneAfterAnother()
    {
        var url = PostgresUrl.Parse(PrivatePostgres.Url(await PrivatePostgres.CreateDatabaseAsync()));
        await QueueScenarioAsync(() => new PostgresStateStoreFactory(url, _clock));
    }

    private async Task SkipScenarioAsync(Func<IStateStoreFactory> stores)
    {
        await StartAsync(Flow("skip"), stores);

        await StepAsync(At("10:06:40"));

        // 10:01 runs until 10:02:30, so 10:02 is skipped; 10:03 runs, 10:04 is skipped; 10:05 runs.
        var runs = await _a.FinishedRunsAsync("slow", 3);
        Assert.Equal([At("10:01:00"), At("10:03:00"), At("10:05:00")], runs.Select(r => r.ScheduledAt).Order());
        Assert.Equal(1, _mostRunning);
        foreach (var skipped in new[] { "10:02:00", "10:04:00" })
        {
            // The host holding the run skips at its own gate; the other one, whose gate is empty, at the store's count.
            var line = $"Skipped slow at 2026-11-28T{skipped}.0000000+00:00: 1 run(s) active, concurrency 1, overlap skip";
            Assert.Equal((1, 1), (_a.Count(line), _b.Count(line)));
        }
        Assert.Equal(At("10:06:00"), await _a.Store.GetWatermarkAsync("slow"));
    }

    private async Task QueueScenarioAsync(Func<IStateStoreFactory> stores)
    {
        await StartAsync(Flow("queue"), stores);

        await StepAsync(At("10:07:10"));

        // Back to back: 10:01 from 10:01:00, 10:02 from 10:02:30, 10:03 from 10:04:00, 10:04 from 10:05:30 (until 10:07:00).
        var runs = (await _a.FinishedRunsAsync("slow", 4)).Where(r => r.IsFinished).OrderBy(r => r.ScheduledAt).ToList();
        Assert.Equal([At("10:01:00"), At("10:02:00"), At("10:03:00"), At("10:04:00")], runs.Select(r => r.ScheduledAt));
        Assert.Equal(1, _mostRunning);
        lock (_lock)
            Assert.All(_jobs.Zip(_jobs.Skip(1)), pair => Assert.True(pair.Second.Started >= pair.First.Ended, $"a job started at {pair.Second.Started:O}, before the one before it ended ({pair.First.Ended:O})"));
        // Some fire found the slot taken by the other host's run and waited on the store's count.
        Assert.True(_a.Count("run(s) active, concurrency 1; it starts when a slot frees") + _b.Count("run(s) active, concurrency 1; it starts when a slot frees") > 0);
    }

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

    // A second of the shared clock at a time, with a moment for what each second started (fires, job ends, store watch ticks).
    private async Task StepAsync(DateTimeOffset until)
    {
        while (_clock.GetUtcNow() < until)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(15);
        }
    }
}
