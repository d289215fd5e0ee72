using Npgsql;

namespace Symbol.Orchestrator.State.Postgres;

/// <summary>
/// The PostgreSQL store one URL names. Several hosts share it, so a host takes no lock on it: runs are kept apart by
/// their leases alone. Each host records itself in the <c>hosts</c> table, with a heartbeat every <paramref name="lease"/>/3
/// (default: the executor's lease), so a verb can tell whether one is alive.
/// </summary>
public sealed class PostgresStateStoreFactory(PostgresUrl url, TimeProvider time, TimeSpan? lease = null) : IStateStoreFactory
{
    private readonly TimeSpan _lease = lease ?? Execution.ExecutorOptions.Default.Lease;

    public string Location => url.Location;

    /// <summary>
    /// True when the database holds the store's schema, and when it cannot be reached: then the verb goes on to open it,
    /// which fails naming the host and port, instead of saying that nothing has run yet.
    /// </summary>
    public bool Exists
    {
        get
        {
            try
            {
                using var connection = new NpgsqlConnection(url.ConnectionString);
                connection.Open();
                using var command = new NpgsqlCommand(PostgresSql.VersionTableExists, connection);
                return command.ExecuteScalar() is true;
            }
            catch (NpgsqlException)
            {
                return true;
            }
        }
    }

    public async Task<IStateStore> OpenAsync(CancellationToken cancellationToken = default) =>
        await PostgresStateStore.OpenAsync(url, time, cancellationToken).ConfigureAwait(false);

    /// <summary>Opens the store, then records the host <paramref name="owner"/> in it until the claim is disposed.</summary>
    public async Task<(IStateStore Store, IHostClaim Claim)> OpenForHostAsync(string owner, CancellationToken cancellationToken = default)
    {
        var store = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (store, await SharedHostClaim.TakeAsync(url, owner, _lease, time, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>None: no host is known to be gone; a run of a dead host is taken once its lease expires.</summary>
    public IReadOnlyList<string> GoneHostOwners() => [];

    /// <summary>A host whose heartbeat in the <c>hosts</c> table is fresher than the lease, or null: backfill leaves its runs to it.</summary>
    public string? LiveHostOwner()
    {
        try
        {
            return SharedHostClaim.LiveOwner(url, _lease, time);
        }
        // Unreachable: the verb goes on to open the store, which fails naming the host and port.
        catch (NpgsqlException)
        {
            return null;
        }
    }
}
