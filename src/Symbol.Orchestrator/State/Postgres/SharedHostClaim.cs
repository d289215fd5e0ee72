using Npgsql;

namespace Symbol.Orchestrator.State.Postgres;

/// <summary>
/// A host's claim on a store that several hosts share: a row in the <c>hosts</c> table, written at start and every
/// <c>Lease/3</c> after (its heartbeat), deleted at a graceful stop. It holds nothing: a host whose heartbeat is older
/// than the lease is taken for gone by <c>backfill</c> (<see cref="LiveOwner"/>), and the runs of a host that died are
/// taken once their leases expire, so it knows of no gone host.
/// </summary>
internal sealed class SharedHostClaim : IHostClaim
{
    // A heartbeat, or the delete at a stop, that the database does not answer within this gives way to the next one.
    private const int CommandTimeoutSeconds = 5;

    private readonly NpgsqlDataSource _source;
    private readonly string _owner;
    private readonly DateTimeOffset _started;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lease;
    private readonly ITimer _timer;
    private volatile IReadOnlyList<string> _live = [];
    private int _beating;

    private SharedHostClaim(NpgsqlDataSource source, string owner, TimeSpan lease, TimeProvider time)
    {
        _source = source;
        _owner = owner;
        _time = time;
        _lease = lease;
        // To the microsecond, as timestamptz keeps it, so the delete at the stop finds the row by it.
        var now = time.GetUtcNow();
        _started = now.AddTicks(-(now.Ticks % 10));
        var every = lease / 3;
        _timer = time.CreateTimer(_ => _ = BeatAsync(), null, every, every);
    }

    public IReadOnlyList<string> GoneOwners => [];

    public IReadOnlyList<string> LiveOwners => _live;

    /// <summary>Records the host <paramref name="owner"/> as alive on the store, and keeps it so every <c>Lease/3</c> until disposed.</summary>
    public static async Task<SharedHostClaim> TakeAsync(PostgresUrl url, string owner, TimeSpan lease, TimeProvider time, CancellationToken ct)
    {
        // A connection of its own, so a heartbeat never waits behind the store's work.
        var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(url.ConnectionString)
        {
            MaxPoolSize = 1,
            CommandTimeout = CommandTimeoutSeconds,
        }.ConnectionString);
        var claim = new SharedHostClaim(source, owner, lease, time);
        try
        {
            await claim.WriteAsync(ct).ConfigureAwait(false);
            return claim;
        }
        catch (NpgsqlException e)
        {
            claim.Dispose();
            throw new StateStoreException($"The state store {url.Location} could not record this host ({owner}): {PostgresUrl.Describe(e)}", e);
        }
    }

    /// <summary>The owner of a host whose heartbeat is fresher than <paramref name="lease"/> (the freshest), or null when none is.</summary>
    public static string? LiveOwner(PostgresUrl url, TimeSpan lease, TimeProvider time)
    {
        try
        {
            using var connection = new NpgsqlConnection(url.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand(PostgresSql.SelectLiveHost, connection);
            command.Parameters.AddWithValue("since", time.GetUtcNow() - lease);
            return command.ExecuteScalar() as string;
        }
        // No hosts table yet (no host has opened the store with this version): no host is alive on it.
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    public void Resumed()
    {
    }

    /// <summary>Stops the heartbeat and deletes the host's row, so a verb run next sees at once that this host is gone.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        // Waits out a heartbeat under way and lets none start, so none writes the row again after it is deleted.
        SpinWait.SpinUntil(() => Interlocked.CompareExchange(ref _beating, 1, 0) == 0, TimeSpan.FromSeconds(CommandTimeoutSeconds + 1));
        try
        {
            using var connection = _source.OpenConnection();
            using var command = new NpgsqlCommand(PostgresSql.DeleteHost, connection);
            command.Parameters.AddWithValue("owner", _owner);
            command.Parameters.AddWithValue("started", _started);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The database is away: the row stays and goes stale within a lease, which says the same thing later.
        }
        _source.Dispose();
    }

    private async Task BeatAsync()
    {
        // One heartbeat at a time: a slow database skips a beat rather than piling them up.
        if (Interlocked.Exchange(ref _beating, 1) == 1)
            return;
        try
        {
            await WriteAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or ObjectDisposedException)
        {
            // The database is away for a moment (the next beat tries again), or the host is stopping.
        }
        finally
        {
            Volatile.Write(ref _beating, 0);
        }
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        await using var connection = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(PostgresSql.UpsertHost, connection);
        command.Parameters.AddWithValue("owner", _owner);
        command.Parameters.AddWithValue("started", _started);
        var now = _time.GetUtcNow();
        command.Parameters.AddWithValue("at", now);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        // With each beat, who else is alive: the hosts share out the fires by it.
        await using var live = new NpgsqlCommand(PostgresSql.SelectLiveHosts, connection);
        live.Parameters.AddWithValue("since", now - _lease);
        var owners = new List<string>();
        await using (var reader = await live.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                owners.Add(reader.GetString(0));
        }
        _live = owners;
    }
}
