using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// The host's store factory seam in tests: the real SQLite store, optionally wrapped (a <see cref="CrashingStore"/>),
/// and the store the host opened, kept so a test can read what the host wrote.
/// </summary>
internal sealed class WrappingStoreFactory(IStateStoreFactory inner, Func<IStateStore, IStateStore>? wrap) : IStateStoreFactory
{
    public IStateStore? Opened { get; private set; }

    public string Location => inner.Location;

    public bool Exists => inner.Exists;

    public async Task<IStateStore> OpenAsync(CancellationToken cancellationToken = default) => Wrap(await inner.OpenAsync(cancellationToken));

    public async Task<(IStateStore Store, IHostClaim Claim)> OpenForHostAsync(string owner, CancellationToken cancellationToken = default)
    {
        var (store, claim) = await inner.OpenForHostAsync(owner, cancellationToken);
        return (Wrap(store), claim);
    }

    public IReadOnlyList<string> GoneHostOwners() => inner.GoneHostOwners();

    public string? LiveHostOwner() => inner.LiveHostOwner();

    private IStateStore Wrap(IStateStore store) => Opened = wrap?.Invoke(store) ?? store;
}
