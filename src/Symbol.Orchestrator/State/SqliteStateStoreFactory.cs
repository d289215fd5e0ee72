namespace Symbol.Orchestrator.State;

/// <summary>The SQLite store at one file; a host holds <see cref="SqliteHostLock"/> on it, so one host serves it at a time.</summary>
public sealed class SqliteStateStoreFactory(string path, TimeProvider time) : IStateStoreFactory
{
    public string Location { get; } = Path.GetFullPath(path);

    public bool Exists => File.Exists(Location);

    public async Task<IStateStore> OpenAsync(CancellationToken cancellationToken = default) =>
        await SqliteStateStore.OpenAsync(Location, time, cancellationToken).ConfigureAwait(false);

    public async Task<(IStateStore Store, IHostClaim Claim)> OpenForHostAsync(string owner, CancellationToken cancellationToken = default)
    {
        // Before the store is touched: a second host on a SQLite store stops here, naming the first.
        var claim = SqliteHostLock.Take(Location, owner, time.GetUtcNow());
        try
        {
            return (await OpenAsync(cancellationToken).ConfigureAwait(false), claim);
        }
        catch
        {
            claim.Dispose();
            throw;
        }
    }

    public IReadOnlyList<string> GoneHostOwners() => SqliteHostLock.GoneHostOwners(Location);

    public string? LiveHostOwner() => SqliteHostLock.LiveHost(Location)?.Owner;
}
