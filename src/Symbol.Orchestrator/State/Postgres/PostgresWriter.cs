using System.Diagnostics;
using System.Threading.Channels;
using Npgsql;
using Symbol.Orchestrator.Telemetry;

namespace Symbol.Orchestrator.State.Postgres;

/// <summary>
/// Group commit for the PostgreSQL store's small writes: a loop takes every write queued while the previous commit was in
/// flight, sends their statements in one <see cref="NpgsqlBatch"/> (one round trip, one implicit transaction, one commit and
/// so one WAL flush), and completes their tasks only after that commit. Alone, a write waits for nothing but its own commit;
/// under load hundreds share one. Each write still gets its own result (its rows, its rows affected) and its own failure:
/// a statement that fails aborts the batch, which runs again without that write. Writes of a batch are taken in the order
/// of their keys (the run id), so two hosts' batches lock the rows they share in the same order and do not deadlock.
/// </summary>
internal sealed class PostgresWriter : IAsyncDisposable
{
    // A batch's size bound: one round trip of a few hundred statements stays well under a millisecond of parsing.
    private const int MaxBatch = 512;

    // A deadlock (40P01) or a serialisation failure aborts the whole batch, through no single write's fault: run it again,
    // then each write on its own.
    private const int BatchRetries = 3;

    private readonly Channel<PostgresWrite> _queue = Channel.CreateUnbounded<PostgresWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NpgsqlDataSource _source;
    private readonly string _location;
    private readonly Task _loop;
    private long _commits;
    private long _writes;

    public PostgresWriter(NpgsqlDataSource source, string location)
    {
        _source = source;
        _location = location;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Transactions committed (or attempted) and writes run so far: their ratio is the mean group size.</summary>
    public (long Commits, long Writes) Counts => (Volatile.Read(ref _commits), Volatile.Read(ref _writes));

    /// <summary>
    /// Queues a write: <paramref name="statements"/> (built anew each time the batch is sent), run in a transaction with
    /// other writes; <paramref name="read"/> turns their results into the caller's. A <see cref="PostgresException"/> the
    /// write expects (<paramref name="expected"/>) reaches <paramref name="read"/>; any other is a <see cref="StateStoreException"/>.
    /// </summary>
    public Task<T> WriteAsync<T>(string key, Func<IReadOnlyList<PostgresStatement>> statements, Func<PostgresWriteResult, T> read,
        CancellationToken cancellationToken, Func<PostgresException, bool>? expected = null)
    {
        var write = new PostgresWrite<T>(key, statements, read, expected, cancellationToken);
        if (!_queue.Writer.TryWrite(write))
            throw new ObjectDisposedException(nameof(PostgresStateStore), $"The state store {_location} is closed.");
        return write.Task;
    }

    /// <summary>Lets the writes already queued commit, then stops the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        var batch = new List<PostgresWrite>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var write))
            {
                if (write.CancellationToken.IsCancellationRequested)
                    write.Cancel();
                else
                    batch.Add(write);
            }
            if (batch.Count > 0)
                await CommitAsync(batch.OrderBy(w => w.Key, StringComparer.Ordinal).ToList()).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<PostgresWrite> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            var failed = await TryCommitAsync(batch).ConfigureAwait(false);
            if (failed is not { } failure)
                break;
            if (failure.Transient && attempt < BatchRetries)
                continue;
            if (batch.Count(w => !w.Done) > 1)
            {
                foreach (var write in batch)
                    await CommitAsync([write]).ConfigureAwait(false);
                return;
            }
            foreach (var write in batch.Where(w => !w.Done))
                write.Fail(Refused(failure.Error));
            break;
        }
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _writes, batch.Count);
        Measure(batch);
        foreach (var write in batch)
            write.Complete();
    }

    // From the oldest write's queueing (the batch is in key order, not queueing order): what a caller waiting on this commit waited.
    private static void Measure(List<PostgresWrite> batch)
    {
        if (!StoreTelemetry.MeasuresWrites)
            return;
        var oldest = long.MaxValue;
        foreach (var write in batch)
            if (write.QueuedAt != 0 && write.QueuedAt < oldest)
                oldest = write.QueuedAt;
        if (oldest != long.MaxValue)
            StoreTelemetry.Committed(StoreTelemetry.Postgres, Stopwatch.GetElapsedTime(oldest));
    }

    /// <summary>
    /// Sends the writes that have not failed in one batch, again without each write whose statement failed, until the rest
    /// commit. Returns the error of a batch that failed through no one write's fault (a deadlock: transient), or through a
    /// write Npgsql did not name, for the caller to retry or to split.
    /// </summary>
    private async Task<(PostgresException Error, bool Transient)?> TryCommitAsync(List<PostgresWrite> batch)
    {
        while (true)
        {
            var live = batch.Where(w => !w.Done).ToList();
            if (live.Count == 0)
                return null;
            var owners = new Dictionary<NpgsqlBatchCommand, PostgresWrite>();
            try
            {
                await using var connection = await _source.OpenConnectionAsync().ConfigureAwait(false);
                await using var npgsqlBatch = new NpgsqlBatch(connection);
                var parts = new List<(PostgresWrite Write, List<(NpgsqlBatchCommand Command, bool ReturnsRows)> Commands)>();
                foreach (var write in live)
                {
                    List<(NpgsqlBatchCommand Command, bool ReturnsRows)> commands;
                    try
                    {
                        commands = write.Statements().Select(s => (Command: s.ToBatchCommand(), s.ReturnsRows)).ToList();
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
                    {
                        write.Fail(e); // a value the store cannot send: this write's fault alone
                        continue;
                    }
                    foreach (var (command, _) in commands)
                    {
                        npgsqlBatch.BatchCommands.Add(command);
                        owners[command] = write;
                    }
                    parts.Add((write, commands));
                }
                var sets = new List<List<object?[]>>();
                await using (var reader = await npgsqlBatch.ExecuteReaderAsync().ConfigureAwait(false))
                {
                    // The reader stops only at statements that return rows; the others are passed over.
                    do
                    {
                        var rows = new List<object?[]>();
                        while (await reader.ReadAsync().ConfigureAwait(false))
                        {
                            var row = new object?[reader.FieldCount];
                            for (var i = 0; i < row.Length; i++)
                                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                            rows.Add(row);
                        }
                        if (reader.FieldCount > 0)
                            sets.Add(rows);
                    }
                    while (await reader.NextResultAsync().ConfigureAwait(false));
                }
                var next = 0;
                foreach (var (write, commands) in parts)
                    write.Succeed(new PostgresWriteResult(commands.Select(c => c.ReturnsRows ? sets[next++] : []).ToArray(),
                        commands.Select(c => c.Command.RecordsAffected).ToArray()));
                return null;
            }
            catch (PostgresException e) when (e.SqlState.StartsWith("40", StringComparison.Ordinal))
            {
                return (e, Transient: true);
            }
            catch (PostgresException e) when (e.BatchCommand is { } command && owners.TryGetValue(command, out var culprit))
            {
                // This write's statement failed: it hears why, and the others run again without it.
                culprit.Fail(culprit.Expects(e) ? e : Refused(e));
            }
            catch (PostgresException e) when (live.Count == 1)
            {
                live[0].Fail(live[0].Expects(e) ? e : Refused(e));
            }
            catch (PostgresException e)
            {
                // Npgsql did not say whose statement it was: each write runs on its own, and the culprit fails alone.
                return (e, Transient: false);
            }
            catch (Exception e)
            {
                // Unreachable, or a bug here: no write of the batch may wait for ever.
                var error = e is NpgsqlException unreachable ? new StateStoreException($"The state store {_location} could not be reached: {PostgresUrl.Describe(unreachable)}", e) : e;
                foreach (var write in live)
                    write.Fail(error);
                return null;
            }
        }
    }

    private StateStoreException Refused(PostgresException e) =>
        new($"The state store {_location} refused a statement: {e.MessageText} ({e.SqlState})", e);

    private abstract class PostgresWrite(string key, Func<IReadOnlyList<PostgresStatement>> statements, CancellationToken cancellationToken)
    {
        public string Key => key;

        public CancellationToken CancellationToken => cancellationToken;

        /// <summary>When it was queued (<see cref="Stopwatch.GetTimestamp"/>), while anyone measures the commits; 0 otherwise.</summary>
        public long QueuedAt { get; } = StoreTelemetry.MeasuresWrites ? Stopwatch.GetTimestamp() : 0;

        /// <summary>Its result or its failure is known: it is not sent again.</summary>
        public bool Done { get; protected set; }

        public IReadOnlyList<PostgresStatement> Statements() => statements();

        public abstract void Succeed(PostgresWriteResult result);

        /// <summary>True when the write handles this failure of its statement itself (its reader gets it).</summary>
        public abstract bool Expects(PostgresException error);

        /// <summary>It failed: with a <see cref="PostgresException"/> it expects, or with the error its caller gets.</summary>
        public abstract void Fail(Exception error);

        public abstract void Cancel();

        /// <summary>Completes the caller's task, after the commit.</summary>
        public abstract void Complete();
    }

    private sealed class PostgresWrite<T>(string key, Func<IReadOnlyList<PostgresStatement>> statements, Func<PostgresWriteResult, T> read,
        Func<PostgresException, bool>? expected, CancellationToken cancellationToken) : PostgresWrite(key, statements, cancellationToken)
    {
        // Callers continue on the pool, never in the writer's loop.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private PostgresWriteResult? _result;
        private Exception? _error;

        public Task<T> Task => _done.Task;

        public override void Succeed(PostgresWriteResult result) => _result = result;

        public override bool Expects(PostgresException error) => expected?.Invoke(error) == true;

        public override void Fail(Exception error)
        {
            Done = true;
            _error = error;
        }

        public override void Cancel()
        {
            Done = true;
            _done.TrySetCanceled(CancellationToken);
        }

        public override void Complete()
        {
            if (_done.Task.IsCompleted)
                return;
            if (_error is not null and not PostgresException)
            {
                _done.TrySetException(_error);
                return;
            }
            try
            {
                _done.TrySetResult(read(_error is PostgresException expectedError ? new PostgresWriteResult(expectedError) : _result!));
            }
            catch (Exception e)
            {
                _done.TrySetException(e);
            }
        }
    }
}

/// <summary>One statement of a write sent through the <see cref="PostgresWriter"/>: its SQL, its parameters, whether it returns rows.</summary>
internal sealed record PostgresStatement(string Sql, bool ReturnsRows, params (string Name, object? Value)[] Arguments)
{
    public NpgsqlBatchCommand ToBatchCommand()
    {
        var command = new NpgsqlBatchCommand(Sql);
        Bind(command.Parameters, Arguments);
        return command;
    }

    /// <summary>Adds the arguments to a command's parameters, each value as the store writes it (<see cref="PostgresRows.Value"/>).</summary>
    public static void Bind(NpgsqlParameterCollection parameters, ReadOnlySpan<(string Name, object? Value)> arguments)
    {
        foreach (var (name, value) in arguments)
            parameters.AddWithValue(name, PostgresRows.Value(value));
    }
}

/// <summary>What a write's statements gave back, in their order: the rows of each (none for a statement that returns none) and the rows each affected; or the error the write expected.</summary>
internal sealed class PostgresWriteResult
{
    private readonly IReadOnlyList<object?[]>[] _rows;
    private readonly int[] _affected;

    public PostgresWriteResult(IReadOnlyList<object?[]>[] rows, int[] affected)
    {
        _rows = rows;
        _affected = affected;
    }

    public PostgresWriteResult(PostgresException error)
    {
        _rows = [];
        _affected = [];
        Error = error;
    }

    /// <summary>The failure the write said it expects (<see cref="PostgresWriter.WriteAsync"/>), or null.</summary>
    public PostgresException? Error { get; }

    public IReadOnlyList<object?[]> Rows(int statement) => _rows[statement];

    public int Affected(int statement) => _affected[statement];
}
