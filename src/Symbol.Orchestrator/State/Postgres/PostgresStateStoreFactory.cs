using Npgsql;

namespace Symbol.Orchestrator.State.Postgres;

/// <summary>
/// The PostgreSQL store one URL names. Several hosts share it, so a host takes no lock on it: runs are kept apart by
/// their leases alone.
/// </summary>
public sealed class PostgresStateStoreFactory(PostgresUrl url, TimeProvider time) : IStateStoreFactory
{
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

    public async Task<(IStateStore Store, IHostClaim Claim)> OpenForHostAsync(string owner, CancellationToken cancellationToken = default) =>
        (await OpenAsync(cancellationToken).ConfigureAwait(false), SharedHostClaim.Instance);

    /// <summary>None: no host is known to be gone; a run of a dead host is taken once its lease expires.</summary>
    public IReadOnlyList<string> GoneHostOwners() => [];

    // Null for now: hosts do not yet record themselves in the database. A hosts table with heartbeats will say which
    // one is alive, so that backfill leaves its runs to it.
    public string? LiveHostOwner() => null;
}
