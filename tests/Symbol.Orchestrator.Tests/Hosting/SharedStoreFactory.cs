using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// One store that several <see cref="HostHarness"/>es open, as hosts on one PostgreSQL do: no host claims it, none is
/// known to be gone, and a host's end leaves it open for the others (the test disposes it). With <paramref name="live"/>, every
/// host sees those owners alive, as a PostgreSQL host reads them from the hosts table, and shares out the fires by them.
/// </summary>
internal sealed class SharedStoreFactory(IStateStore store, IReadOnlyList<string>? live = null) : IStateStoreFactory
{
    public string Location => "shared store";

    public bool Exists => true;

    public Task<IStateStore> OpenAsync(CancellationToken cancellationToken = default) => Task.FromResult<IStateStore>(new Unclosed(store));

    public Task<(IStateStore Store, IHostClaim Claim)> OpenForHostAsync(string owner, CancellationToken cancellationToken = default) =>
        Task.FromResult<(IStateStore, IHostClaim)>((new Unclosed(store), new NoClaim(live ?? [])));

    public IReadOnlyList<string> GoneHostOwners() => [];

    public string? LiveHostOwner() => null;

    // As on PostgreSQL: a host holds no lock on a shared store and knows of no gone host.
    private sealed class NoClaim(IReadOnlyList<string> live) : IHostClaim
    {
        public IReadOnlyList<string> GoneOwners => [];

        public IReadOnlyList<string> LiveOwners => live;

        public void Resumed()
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class Unclosed(IStateStore inner) : State.ForwardingStore(inner)
    {
        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
