using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// A host standing by for fires another live host fires first (<see cref="FireShare"/>): <see cref="FireShare.StandbyDelay"/> after
/// their instant it looks at all of them with one read of the store, and fires those their first host did not act on. Here the
/// first host, <c>host-a</c>, is in the live list but never runs, as a host that died within its last heartbeat; what it "acted on"
/// is a watermark moved in the store, as its run's creation (or its overlap skip) moves it.
/// </summary>
public sealed class StandbyTests : IAsyncLifetime
{
    private static readonly string[] Live = ["host-a", "host-b"];

    private readonly FakeTimeProvider _clock = new(T0);
    private readonly HostHarness _b = new();
    private readonly InMemoryStateStore _store;
    private CountingStore? _counting;

    public StandbyTests() => _store = new InMemoryStateStore(_clock);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task TheStandbyLooksAtAllTheFiresOfAnInstantWithOneReadAndFiresOnlyThoseNotActedOn()
    {
        // Twenty workflows host-a fires first; it acted on every other one before going.
        var names = Enumerable.Range(0, 200).Select(i => $"w{i:000}").Where(n => FireShare.IsStandby(n, "host-b", Live)).Take(20).ToList();
        var actedOn = names.Where((_, i) => i % 2 == 0).ToList();
        var notActedOn = names.Except(actedOn).ToList();
        _b.Write("all.flow", string.Concat(names.Select(n => $$"""
            workflow {{n}} {
                schedule cron "* * * * *"
                job a { run ``` return 1; ``` }
            }

            """)));
        await _b.StartAsync(owner: "host-b", stores: new SharedStoreFactory(_store, Live), clock: _clock, wrapStore: s => _counting = new CountingStore(s));
        foreach (var name in actedOn)
            await _store.AdvanceWatermarkAsync(name, At("10:01:00"));
        var readsAtStart = _counting!.SingleReads;

        _clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => _b.HandedOver(At("10:01:00")), "the scheduler to hand over the fires of 10:01");
        Assert.Empty(await _store.ListRunsAsync(null, 100));
        _clock.Advance(FireShare.StandbyDelay);
        await Wait.UntilAsync(() => _store.ListRunsAsync(null, 100).Result.Count(r => r.Status == RunStatus.Succeeded) == notActedOn.Count
            && _b.Count("already has a run in the store") == actedOn.Count, "the standby's look at 10:01", () => string.Join("\n", _b.Logs.Lines()));

        var runs = await _store.ListRunsAsync(null, 100);
        Assert.Equal(notActedOn.Order(StringComparer.Ordinal), runs.Select(r => r.Workflow).Order(StringComparer.Ordinal));
        Assert.All(runs, r => Assert.Equal((At("10:01:00"), RunTrigger.Schedule, "host-b"), (r.ScheduledAt, r.Trigger, r.LeaseOwner)));
        Assert.Equal(1, _counting.ManyReads);
        Assert.Equal(readsAtStart, _counting.SingleReads);
    }

    [Fact]
    public async Task FiresOfTwoInstantsAreEachLookedAtTheirOwnDelayAfterThem()
    {
        var name = Enumerable.Range(0, 200).Select(i => $"w{i:000}").First(n => FireShare.IsStandby(n, "host-b", Live));
        _b.Write("one.flow", $$"""
            workflow {{name}} {
                schedule cron "* * * * *"
                job a { run ``` return 1; ``` }
            }
            """);
        await _b.StartAsync(owner: "host-b", stores: new SharedStoreFactory(_store, Live), clock: _clock, wrapStore: s => _counting = new CountingStore(s));

        _clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => _b.HandedOver(At("10:01:00")), "the scheduler to hand over the fire of 10:01");
        _clock.Advance(FireShare.StandbyDelay);
        // Ended, as logged once its slot is free: the next fire finds the workflow's concurrency 1 free.
        await _b.WaitForLogAsync($"Run {name}@2026-11-28T10:01:00Z of {name} ended succeeded");
        _clock.SetUtcNow(At("10:02:00"));
        await Wait.UntilAsync(() => _b.HandedOver(At("10:02:00")), "the scheduler to hand over the fire of 10:02");
        _clock.Advance(FireShare.StandbyDelay);
        await Wait.UntilAsync(() => _store.ListRunsAsync(name, 10).Result.Count(r => r.Status == RunStatus.Succeeded) == 2, "the standby's look at 10:02");

        Assert.Equal([At("10:01:00"), At("10:02:00")], (await _store.ListRunsAsync(name, 10)).Select(r => r.ScheduledAt).Order());
        Assert.Equal(2, _counting!.ManyReads);
    }

    private sealed class CountingStore(IStateStore inner) : State.ForwardingStore(inner)
    {
        private int _single;
        private int _many;

        public int SingleReads => Volatile.Read(ref _single);

        public int ManyReads => Volatile.Read(ref _many);

        public override Task<DateTimeOffset?> GetWatermarkAsync(string workflow, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _single);
            return base.GetWatermarkAsync(workflow, cancellationToken);
        }

        public override Task<IReadOnlyDictionary<string, DateTimeOffset>> GetWatermarksAsync(IReadOnlyCollection<string> workflows,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _many);
            return base.GetWatermarksAsync(workflows, cancellationToken);
        }
    }
}
