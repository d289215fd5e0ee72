using Microsoft.Data.Sqlite;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.State;

/// <summary>Group commit: writes queued while the writer is busy share one transaction, and one that fails is undone alone.</summary>
public sealed class SqliteWriterTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private SqliteWriter _writer = null!;

    public async Task InitializeAsync()
    {
        var connection = new SqliteConnection($"Data Source={_folder.File("w.db")};Pooling=False");
        await connection.OpenAsync();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE t (k TEXT PRIMARY KEY)";
            await setup.ExecuteNonQueryAsync();
        }
        _writer = new SqliteWriter(connection, _folder.File("w.db"));
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task WritesQueuedBehindACommitShareTheNextOneAndAFailingOneIsUndoneAlone()
    {
        using var running = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        var blocker = _writer.WriteAsync(c => { running.Release(); release.Wait(); return Insert(c, "first"); }, CancellationToken.None);
        await running.WaitAsync();   // the writer is inside "first": what follows queues up behind it
        var queued = new[] { "a", "b", "a", "c" }.Select(k => _writer.WriteAsync(c => Insert(c, k), CancellationToken.None)).ToList();
        var failing = _writer.WriteAsync<int>(c => throw new InvalidOperationException("no"), CancellationToken.None);

        release.Set();
        await blocker;
        await Task.WhenAll(queued[0], queued[1], queued[3]);

        await Assert.ThrowsAsync<StateStoreException>(() => queued[2]);   // the duplicate key: a constraint, its own fault
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal((2L, 6L), _writer.Counts);   // "first" alone, then the five queued behind it
        Assert.Equal(["a", "b", "c", "first"], await _writer.WriteAsync(c => c.Query("SELECT k FROM t ORDER BY k", r => r.GetString(0)), CancellationToken.None));
    }

    private static int Insert(SqliteCommands c, string key) => c.Execute("INSERT INTO t (k) VALUES (@k)", ("@k", key));
}
