namespace Symbol.Orchestrator.State;

/// <summary>
/// Opens the state store the settings name (<c>Orchestrator:State</c>): SQLite for a file path; a PostgreSQL store
/// plugs in beside it. The host and every verb open their store here, never a store type by name.
/// </summary>
public interface IStateStoreFactory
{
    /// <summary>Where the store is, as messages name it (a SQLite store's full path).</summary>
    string Location { get; }

    /// <summary>True when the store has been created: the verbs that only read refuse to create one.</summary>
    bool Exists { get; }

    /// <summary>Opens the store, creating it if missing; a damaged or newer store throws <see cref="StateStoreException"/>.</summary>
    Task<IStateStore> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the store for the host <paramref name="owner"/>, then opens it. A store that serves one host at a time
    /// (SQLite) throws <see cref="StateStoreException"/> naming the host that has it; dispose the claim at the host's end.
    /// </summary>
    Task<(IStateStore Store, IHostClaim Claim)> OpenForHostAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>The owners of hosts known to be gone from the store: their runs are nobody's, whatever their leases say.</summary>
    IReadOnlyList<string> GoneHostOwners();

    /// <summary>
    /// The owner of a host alive on the store now, or null when none is: a verb that queues runs (<c>backfill</c>) leaves
    /// them to that host, and runs them itself otherwise.
    /// </summary>
    string? LiveHostOwner();
}
