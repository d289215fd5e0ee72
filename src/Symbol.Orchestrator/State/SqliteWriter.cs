using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Symbol.Orchestrator.Telemetry;

namespace Symbol.Orchestrator.State;

/// <summary>
/// The one connection that writes, and its group commit: a loop on a thread of its own takes every
/// write queued while the previous commit was syncing, runs them in one transaction, commits once, and
/// only then completes their tasks. Under load many writes share one fsync; alone, a write waits for
/// nothing but its own commit.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private const int MaxBatch = 1024;

    private readonly Channel<WriteOp> _queue = Channel.CreateUnbounded<WriteOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteCommands _commands;
    private readonly string _path;
    private readonly Task _loop;
    private long _commits;
    private long _writes;

    public SqliteWriter(SqliteConnection connection, string path)
    {
        _commands = new SqliteCommands(connection);
        _path = path;
        // The loop blocks in SQLite (and in fsync) and should not hold a pool thread.
        _loop = Task.Factory.StartNew(Loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Transactions committed (or attempted) and writes run so far: their ratio is the mean group size.</summary>
    public (long Commits, long Writes) Counts => (Volatile.Read(ref _commits), Volatile.Read(ref _writes));

    public Task<T> WriteAsync<T>(Func<SqliteCommands, T> work, CancellationToken cancellationToken)
    {
        var op = new WriteOp<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(op))
            throw new ObjectDisposedException(nameof(SqliteStateStore), $"The state store {_path} is closed.");
        return op.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _commands.Dispose();
        await _commands.Connection.DisposeAsync().ConfigureAwait(false);
    }

    private void Loop()
    {
        var batch = new List<WriteOp>();
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            // Let the callers the last commit released queue their next writes, so they join this
            // commit instead of the next: measured, 60 writes a commit instead of 35 with 64 runs in flight.
            Thread.Yield();
            while (batch.Count < MaxBatch && reader.TryRead(out var op))
                batch.Add(op);
            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<WriteOp> batch)
    {
        try
        {
            // A write that fails is undone alone: the batch rolls back and runs again without it.
            // Failures are rare (a lost lease, a bug), so this costs less than a savepoint per write.
            while (!TryRunAll(batch))
                RollBack();
            _commands.Execute("COMMIT");
        }
        catch (Exception e)
        {
            RollBack();
            var error = e is SqliteException sqlite ? Unwritable(sqlite) : e;
            foreach (var op in batch)
                op.Error ??= error;
        }
        Volatile.Write(ref _commits, _commits + 1);
        Volatile.Write(ref _writes, _writes + batch.Count);
        // From the oldest write's queueing: what a caller waiting on this commit waited.
        if (batch[0].QueuedAt != 0)
            StoreTelemetry.Committed(StoreTelemetry.Sqlite, Stopwatch.GetElapsedTime(batch[0].QueuedAt));
        foreach (var op in batch)
            op.Complete();
    }

    /// <summary>Runs the batch's writes in one open transaction; false, with the culprit's error set, if one failed alone.</summary>
    private bool TryRunAll(List<WriteOp> batch)
    {
        _commands.Execute("BEGIN IMMEDIATE");
        foreach (var op in batch)
        {
            if (op.Error is not null || op.Skipped)
                continue;
            if (op.CancellationToken.IsCancellationRequested)
            {
                op.Skipped = true;
                continue;
            }
            try
            {
                op.Run(_commands);
            }
            // A broken constraint is this write's fault; any other SQLite error (I/O, a full disk) fails the whole batch.
            catch (Exception e) when (e is not SqliteException { SqliteErrorCode: not SQLitePCL.raw.SQLITE_CONSTRAINT })
            {
                op.Error = e is SqliteException sqlite ? Unwritable(sqlite) : e;
                return false;
            }
        }
        return true;
    }

    private void RollBack()
    {
        try
        {
            if (SQLitePCL.raw.sqlite3_get_autocommit(_commands.Connection.Handle) == 0)
                _commands.Execute("ROLLBACK");
        }
        catch (SqliteException)
        {
            // The failure that brought us here is what the callers hear about.
        }
    }

    private StateStoreException Unwritable(SqliteException e) =>
        new($"The state store {_path} could not be written: {e.Message}", e);

    private abstract class WriteOp(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken => cancellationToken;

        public Exception? Error { get; set; }

        /// <summary>Cancelled while it waited in the queue: it never ran.</summary>
        public bool Skipped { get; set; }

        /// <summary>When it was queued (<see cref="Stopwatch.GetTimestamp"/>), while anyone measures the commits; 0 otherwise.</summary>
        public long QueuedAt { get; } = StoreTelemetry.MeasuresWrites ? Stopwatch.GetTimestamp() : 0;

        public abstract void Run(SqliteCommands commands);

        public abstract void Complete();
    }

    private sealed class WriteOp<T>(Func<SqliteCommands, T> work, CancellationToken cancellationToken) : WriteOp(cancellationToken)
    {
        // Callers continue on the pool, never on the writer's thread.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _done.Task;

        public override void Run(SqliteCommands commands) => _result = work(commands);

        public override void Complete()
        {
            if (Skipped)
                _done.TrySetCanceled(CancellationToken);
            else if (Error is not null)
                _done.TrySetException(Error);
            else
                _done.TrySetResult(_result);
        }
    }
}
