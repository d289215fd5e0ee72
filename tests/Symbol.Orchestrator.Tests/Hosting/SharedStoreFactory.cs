using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// One store that several <see cref="HostHarness"/>es open, as hosts on one PostgreSQL do: no host claims it, none is
/// known to be gone, and a host's end leaves it open for the others (the test disposes it).
/// </summary>
internal sealed class SharedStoreFactory(IStateStore store) : IStateStoreFactory
{
    public string Location => "shared store";

    public bool Exists => true;

    public Task<IStateStore> OpenAsync(CancellationToken cancellationToken = default) => Task.FromResult<IStateStore>(new Unclosed(store));

    public Task<(IStateStore Store, IHostClaim Claim)> OpenForHostAsync(string owner, CancellationToken cancellationToken = default) =>
        Task.FromResult<(IStateStore, IHostClaim)>((new Unclosed(store), new NoClaim()));

    public IReadOnlyList<string> GoneHostOwners() => [];

    public string? LiveHostOwner() => null;

    // As on PostgreSQL: a host holds no lock on a shared store and knows of no gone host.
    private sealed class NoClaim : IHostClaim
    {
        public IReadOnlyList<string> GoneOwners => [];

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
