using Npgsql;
using Symbol.Orchestrator.Testing;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>A run as the PostgreSQL store holds it, with the host that ran it and its jobs' attempts.</summary>
internal readonly record struct PgRun(string Workflow, DateTimeOffset ScheduledAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string Status,
    string? Owner, int Attempts);

/// <summary>The server's counters at one moment: transactions committed, rows written, WAL flushes, and CPU seconds.</summary>
internal readonly record struct Counters(long Commits, long Inserted, long Updated, long WalSyncs, long WalRecords, double ServerCpu, double MachineCpu, double HarnessCpu);

/// <summary>
/// The load benchmarks' private PostgreSQL server (the test kit's <see cref="PostgresServer"/>), a fresh database per
/// measurement, and what the harness reads from it: the runs, and the counters (<c>pg_stat_database</c>,
/// <c>pg_stat_user_tables</c>, <c>pg_stat_wal</c>) and CPU time that say where the time went.
/// </summary>
internal sealed class PostgresProbe : IDisposable
{
    private readonly PostgresServer _server;
    private readonly int _postmaster;

    private PostgresProbe(PostgresServer server)
    {
        _server = server;
        _postmaster = int.Parse(File.ReadLines(Path.Combine(server.Folder, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static PostgresProbe Start(bool fsync) => new(PostgresServer.StartAsync(fsync).GetAwaiter().GetResult());

    /// <summary>A new database: its Npgsql connection string and the <c>postgres://</c> URL the hosts' State is set to.</summary>
    public (string ConnectionString, string Url) NewDatabase(int? pool)
    {
        var connectionString = _server.CreateDatabaseAsync().GetAwaiter().GetResult();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        return (connectionString, $"postgres://postgres@127.0.0.1:{_server.Port}/{database}{(pool is { } n ? $"?MaxPoolSize={n}" : "")}");
    }

    public Counters Read(string connectionString)
    {
        using var connection = Open(connectionString);
        using var command = new NpgsqlCommand(
            """
            SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
                   (SELECT COALESCE(sum(n_tup_ins), 0)::bigint FROM pg_stat_user_tables),
                   (SELECT COALESCE(sum(n_tup_upd), 0)::bigint FROM pg_stat_user_tables),
                   (SELECT wal_sync FROM pg_stat_wal), (SELECT wal_records FROM pg_stat_wal)
            """, connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new Counters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
            CpuTime.Server(_postmaster), CpuTime.Machine(), System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
    }

    public static IReadOnlyList<PgRun> Runs(string connectionString)
    {
        using var connection = Open(connectionString);
        using var command = new NpgsqlCommand(
            """
            SELECT r.workflow, r.scheduled_at, r.started_at, r.finished_at, r.status, r.lease_owner,
                   (SELECT count(*) FROM attempts a WHERE a.run_id = r.run_id)::int
            FROM runs r
            """, connection);
        using var reader = command.ExecuteReader();
        var runs = new List<PgRun>();
        while (reader.Read())
            runs.Add(new PgRun(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6)));
        return runs;
    }

    /// <summary>Finished runs and the latest finish, for polling a drain.</summary>
    public static (long Finished, DateTimeOffset? Last) Finished(string connectionString)
    {
        using var connection = Open(connectionString);
        using var command = new NpgsqlCommand("SELECT count(finished_at), max(finished_at) FROM runs", connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>
    /// What the server did on its own (autovacuum, autoanalyze of the store's tables, checkpoints), with the time of the latest of each,
    /// to set beside the slowest seconds of a measurement.
    /// </summary>
    public static string Maintenance(string connectionString)
    {
        using var connection = Open(connectionString);
        using var command = new NpgsqlCommand(
            """
            SELECT string_agg(format('%s vacuum %s (last %s), analyze %s (last %s)', relname, autovacuum_count,
                       COALESCE(to_char(last_autovacuum AT TIME ZONE 'UTC', 'HH24:MI:SS.MS'), '-'), autoanalyze_count,
                       COALESCE(to_char(last_autoanalyze AT TIME ZONE 'UTC', 'HH24:MI:SS.MS'), '-')), '; ' ORDER BY relname)
                   || format('; checkpoints %s', (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter))
            FROM pg_stat_user_tables WHERE relname IN ('runs', 'jobs', 'attempts')
            """, connection);
        return command.ExecuteScalar() as string ?? "";
    }

    private static NpgsqlConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    public void Dispose() => _server.Stop();
}
