using Npgsql;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.State.Postgres;
using Symbol.Orchestrator.Telemetry;
using Symbol.Orchestrator.Tests.Telemetry;

namespace Symbol.Orchestrator.Tests.State;

/// <summary>
/// Group commit on PostgreSQL: writes queued while a commit is in flight share the next one, each gets its own result,
/// and one whose statement fails fails alone.
/// </summary>
public sealed class PostgresWriterTests : IAsyncLifetime
{
    private const string Insert = "INSERT INTO t (k) VALUES (@k) ON CONFLICT (k) DO NOTHING";
    private const string InsertStrict = "INSERT INTO t (k) VALUES (@k)";

    private string _database = null!;
    private NpgsqlDataSource _source = null!;
    private PostgresWriter _writer = null!;

    public async Task InitializeAsync()
    {
        if (PrivatePostgres.SkipReason is not null)
            return;
        _database = await PrivatePostgres.CreateDatabaseAsync();
        _source = NpgsqlDataSource.Create(_database);
        await using (var create = _source.CreateCommand("CREATE TABLE t (k text PRIMARY KEY)"))
            await create.ExecuteNonQueryAsync();
        _writer = new PostgresWriter(_source, "postgres://test");
    }

    public async Task DisposeAsync()
    {
        if (PrivatePostgres.SkipReason is not null)
            return;
        await _writer.DisposeAsync();
        await _source.DisposeAsync();
    }

    [PostgresFact]
    public async Task WritesQueuedBehindACommitShareTheNextOneAndEachGetsItsOwnRowsAffected()
    {
        var (blocker, release) = await BlockTheWriterAsync();
        var queued = new[] { "a", "b", "a", "c" }.Select(k => Write(Insert, k)).ToList();

        await release();
        await blocker;
        var affected = await Task.WhenAll(queued);

        Assert.Equal([1, 1, 0, 1], affected);   // the second "a" met the first inside the same transaction
        Assert.Equal((2L, 5L), _writer.Counts);  // the blocker's commit, then one for the four queued behind it
        Assert.Equal(["a", "b", "c", "first"], await KeysAsync());
    }

    [PostgresFact]
    public async Task EachCommitIsMeasuredFromItsOldestWritesQueueing()
    {
        using var measured = new MeasurementCapture();
        var (blocker, release) = await BlockTheWriterAsync();
        var queued = new[] { "m1", "m2" }.Select(k => Write(Insert, k)).ToList();

        await release();
        await blocker;
        await Task.WhenAll(queued);

        // Other tests' PostgreSQL stores commit beside this one: at least this writer's two commits are measured.
        Assert.True(measured.Of(OrchestratorMetrics.Names.StoreWriteDuration, (TelemetryTags.DbSystemName, "postgresql")).Count >= 2);
    }

    [PostgresFact]
    public async Task AWriteWhoseStatementFailsFailsAloneAndTheOthersCommit()
    {
        var (blocker, release) = await BlockTheWriterAsync();
        var good = new[] { "x", "y" }.Select(k => Write(Insert, k)).ToList();
        var duplicate = Write(InsertStrict, "first");   // the blocker's key: a unique violation
        var expected = _writer.WriteAsync("z", () => [new PostgresStatement(InsertStrict, ReturnsRows: false, ("k", "x"))],
            r => r.Error?.SqlState ?? "none", CancellationToken.None, e => e.SqlState == PostgresErrorCodes.UniqueViolation);

        await release();
        await blocker;

        int[] committed = await Task.WhenAll(good);
        Assert.Equal([1, 1], committed);
        var refused = await Assert.ThrowsAsync<StateStoreException>(() => duplicate);
        Assert.StartsWith("The state store postgres://test refused a statement: duplicate key value", refused.Message);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, await expected);   // a failure the write expects reaches its reader
        Assert.Equal(["first", "x", "y"], await KeysAsync());
    }

    [PostgresFact]
    public async Task RowsComeBackToTheWriteWhoseStatementReturnedThem()
    {
        var (blocker, release) = await BlockTheWriterAsync();
        var both = _writer.WriteAsync("b", () =>
            [
                new PostgresStatement(Insert, ReturnsRows: false, ("k", "p")),
                new PostgresStatement("SELECT k, 7 FROM t WHERE k = @k", ReturnsRows: true, ("k", "p")),
            ],
            r => $"{r.Affected(0)} {r.Rows(1)[0][0]} {r.Rows(1)[0][1]}", CancellationToken.None);
        var none = _writer.WriteAsync("a", () => [new PostgresStatement("SELECT k FROM t WHERE k = 'nothing'", ReturnsRows: true)],
            r => r.Rows(0).Count, CancellationToken.None);

        await release();
        await blocker;

        Assert.Equal("1 p 7", await both);
        Assert.Equal(0, await none);
    }

    [PostgresFact]
    public async Task WritesQueuedWhenTheWriterIsDisposedAreCommittedFirst()
    {
        var writes = Enumerable.Range(0, 50).Select(i => Write(Insert, $"k{i:D2}")).ToList();

        await _writer.DisposeAsync();

        Assert.All(await Task.WhenAll(writes), affected => Assert.Equal(1, affected));
        Assert.Equal(50, (await KeysAsync()).Count);
        Assert.Throws<ObjectDisposedException>(() => { _ = Write(Insert, "late"); });   // refused at once, not queued
    }

    private Task<int> Write(string sql, string key) =>
        _writer.WriteAsync(key, () => [new PostgresStatement(sql, ReturnsRows: false, ("k", key))], r => r.Affected(0), CancellationToken.None);

    /// <summary>
    /// Holds a lock on the table from another connection, so the writer's first write ("first") waits in its commit and
    /// what the test writes next queues up behind it; the returned function lets it go.
    /// </summary>
    private async Task<(Task<int> Blocker, Func<Task> Release)> BlockTheWriterAsync()
    {
        var connection = await _source.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE t IN EXCLUSIVE MODE", connection, transaction))
            await lockTable.ExecuteNonQueryAsync();
        var blocker = Write(Insert, "first");
        await Wait.UntilAsync(WaitingOnALock, "the writer's first write waiting on the table's lock");
        return (blocker, async () =>
        {
            await transaction.CommitAsync();
            await connection.DisposeAsync();
        });
    }

    private bool WaitingOnALock()
    {
        using var command = _source.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        return (long)command.ExecuteScalar()! > 0;
    }

    private async Task<List<string>> KeysAsync()
    {
        await using var command = _source.CreateCommand("SELECT k FROM t ORDER BY k");
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
            keys.Add(reader.GetString(0));
        return keys;
    }
}
