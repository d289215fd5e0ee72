using System.Data.Common;
using Npgsql;

namespace Symbol.Orchestrator.State.Postgres;

/// <summary>
/// The state store in a PostgreSQL database, which several hosts share. Connections come from Npgsql's pool
/// (<c>MaxPoolSize</c> in the connection string). A run's own writes (create, take, attempt start and finish, job and run
/// status) go through the <see cref="PostgresWriter"/>'s group commit: the writes of many runs share one round trip and one
/// commit. The other calls are one transaction each, and every write is one round trip (one statement, or one batch that
/// PostgreSQL runs as one transaction) except <see cref="ClaimInterruptedRunsAsync"/>, which takes three. A write has
/// been committed when its task completes. Lease expiry is read from the <see cref="TimeProvider"/>, not the database's
/// clock, so every host and the tests agree on it.
/// </summary>
public sealed class PostgresStateStore : IStateStore
{
    // A deadlock (40P01) aborts one of the transactions involved; each call is one transaction, so it is safe to run again.
    private const int DeadlockRetries = 3;

    private readonly NpgsqlDataSource _source;
    private readonly PostgresWriter _writer;
    private readonly TimeProvider _time;
    private bool _disposed;

    private PostgresStateStore(NpgsqlDataSource source, string location, TimeProvider time)
    {
        _source = source;
        _writer = new PostgresWriter(source, location);
        Location = location;
        _time = time;
    }

    /// <summary>The schema version this build writes and reads (the <c>schema_version</c> table).</summary>
    public static int SchemaVersion => PostgresSql.SchemaVersion;

    /// <summary>The database as messages name it: its URL without the password.</summary>
    public string Location { get; }

    /// <summary>Opens the store in the database <paramref name="url"/> names, creating or migrating its schema.</summary>
    /// <exception cref="StateStoreException">The database cannot be reached, or holds a schema this build cannot use.</exception>
    public static async Task<PostgresStateStore> OpenAsync(PostgresUrl url, TimeProvider time, CancellationToken ct = default)
    {
        var source = NpgsqlDataSource.Create(Tuned(url.ConnectionString));
        try
        {
            await PostgresSchema.MigrateAsync(source, url, ct).ConfigureAwait(false);
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new PostgresStateStore(source, url.Location, time);
    }

    // Round trips: 1 (the run, its jobs and the watermark in one batch, which PostgreSQL runs as one transaction; with maxActive, the
    // workflow's lock first, so that the count and the insert of every writer of the store come one after another).
    public Task<RunCreation> TryCreateRunAsync(RunRecord run, IReadOnlyList<string> jobs, string owner, TimeSpan lease, int? maxActive = null,
        CancellationToken cancellationToken = default)
    {
        NewRunArguments.Check(run, jobs, owner);
        var now = _time.GetUtcNow();
        var jobNames = jobs.ToArray();
        (string, object?)[] columns =
        [
            ("run", run.RunId), ("workflow", run.Workflow), ("status", run.Status), ("trigger", run.Trigger),
            ("scheduled", run.ScheduledAt), ("started", run.StartedAt), ("finished", run.FinishedAt),
            ("path", run.DefinitionPath), ("definition", run.DefinitionJson), ("params", run.ParamsJson),
            ("owner", owner), ("expires", now + lease), ("jobs", jobNames),
        ];
        var fire = run.Trigger is RunTrigger.Schedule or RunTrigger.Catchup;
        if (maxActive is not { } max)
            return _writer.WriteAsync(run.RunId, () =>
            {
                var create = new PostgresStatement(PostgresSql.InsertRunWithJobs, ReturnsRows: true, columns);
                // One transaction with the run: the watermark never passes a fire whose run was not committed.
                return fire
                    ? [create, new PostgresStatement(PostgresSql.AdvanceWatermark, ReturnsRows: false, ("workflow", run.Workflow), ("at", run.ScheduledAt))]
                    : [create];
            }, r => Convert.ToInt64(r.Rows(0)[0][0], System.Globalization.CultureInfo.InvariantCulture) == 1 ? RunCreation.Created : RunCreation.Exists,
            cancellationToken);
        // The workflow's lock first, so that the count and the insert of every writer of the store come one after another; the
        // watermark moves only once the fire's run exists (nothing moves at the limit).
        return _writer.WriteAsync(run.RunId, () =>
        {
            List<PostgresStatement> statements =
            [
                new(PostgresSql.LockWorkflow, ReturnsRows: true, ("workflow", run.Workflow)),
                new(PostgresSql.InsertRunWithJobsWithin, ReturnsRows: true, [.. columns, ("now", now), ("max", max)]),
            ];
            if (fire)
                statements.Add(new(PostgresSql.AdvanceWatermarkIfRunExists, ReturnsRows: false, ("workflow", run.Workflow), ("at", run.ScheduledAt), ("run", run.RunId)));
            return statements;
        }, r => (string?)r.Rows(1)[0][0] switch
        {
            "created" => RunCreation.Created,
            "exists" => RunCreation.Exists,
            _ => RunCreation.AtLimit,
        }, cancellationToken);
    }

    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        (await Query(PostgresSql.SelectRun, PostgresRows.Run, cancellationToken, ("run", runId)).ConfigureAwait(false)).SingleOrDefault();

    public async Task<IReadOnlyList<RunRecord>> GetRunsAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        return runIds.Count == 0 ? [] : await Query(PostgresSql.SelectRuns, PostgresRows.Run, cancellationToken, ("runs", runIds.ToArray())).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(string? workflow, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return workflow is null
            ? await Query(PostgresSql.SelectRunsNewest, PostgresRows.Run, cancellationToken, ("limit", limit)).ConfigureAwait(false)
            : await Query(PostgresSql.SelectRunsNewestOfWorkflow, PostgresRows.Run, cancellationToken, ("workflow", workflow), ("limit", limit)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RunRecord>> ListActiveRunsAsync(string workflow, CancellationToken cancellationToken = default) =>
        await Query(PostgresSql.SelectActiveRunsOfWorkflow, PostgresRows.Run, cancellationToken, ("workflow", workflow), ("now", _time.GetUtcNow())).ConfigureAwait(false);

    public async Task<IReadOnlyList<JobRecord>> GetJobsAsync(string runId, CancellationToken cancellationToken = default) =>
        await Query(PostgresSql.SelectJobs, PostgresRows.Job, cancellationToken, ("run", runId)).ConfigureAwait(false);

    public async Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default) =>
        await Query(PostgresSql.SelectAttempts, PostgresRows.Attempt, cancellationToken, ("run", runId)).ConfigureAwait(false);

    public Task SetRunStatusAsync(string runId, RunStatus status, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(runId, () => [new PostgresStatement(PostgresSql.UpdateRunStatus, ReturnsRows: false, ("status", status), ("at", at), ("run", runId))],
            r => r.Affected(0) == 0 ? throw new InvalidOperationException($"The store holds no run '{runId}'.") : true, cancellationToken);

    // Round trips: 1.
    public Task StartAttemptAsync(string runId, string job, int attempt, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        return _writer.WriteAsync(runId, () => [new PostgresStatement(PostgresSql.StartAttempt, ReturnsRows: true, ("attempt", attempt), ("at", at), ("run", runId), ("job", job))], r =>
        {
            // A unique violation: another writer started an attempt of the job at the same moment (attempts_one_running).
            var (started, known) = r.Error is not null ? (false, true) : ((bool)r.Rows(0)[0][0]!, (bool)r.Rows(0)[0][1]!);
            if (!started)
                throw known
                    ? new InvalidOperationException(
                        $"Attempt {attempt} of job '{job}' in run '{runId}' cannot start: an attempt of the job is still running, or attempt {attempt} or a later one was already recorded.")
                    : UnknownJob(runId, job);
            return true;
        }, cancellationToken, e => e.SqlState == PostgresErrorCodes.UniqueViolation);
    }

    // Round trips: 1.
    public Task FinishAttemptAsync(AttemptFinish finish, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(finish);
        if (finish.Outcome == AttemptOutcome.Running)
            throw new ArgumentException("A finished attempt needs an outcome other than Running.", nameof(finish));
        var logs = StoreText.Logs(finish.Logs);
        return _writer.WriteAsync(finish.RunId, () => [new PostgresStatement(PostgresSql.FinishAttempt, ReturnsRows: false,
                ("outcome", finish.Outcome), ("at", finish.FinishedAt), ("error", finish.Error), ("logs", logs),
                ("run", finish.RunId), ("job", finish.Job), ("attempt", finish.Attempt), ("status", finish.NewJobStatus), ("output", finish.OutputJson))],
            r => r.Affected(0) == 0
                ? throw new InvalidOperationException(
                    $"Attempt {finish.Attempt} of job '{finish.Job}' in run '{finish.RunId}' is not running: it was never started, already finished, or interrupted when another host claimed the run.")
                : true,
            cancellationToken);
    }

    // Round trips: 1 (a second one names the unknown job when there is one).
    public Task SetJobStatusAsync(string runId, IReadOnlyList<string> jobs, JobStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (status == JobStatus.Running)
            throw new ArgumentException("A job becomes running by starting an attempt (StartAttemptAsync).", nameof(status));
        var named = jobs.Distinct(StringComparer.Ordinal).ToArray();
        if (named.Length == 0)
            return Task.CompletedTask;
        return SetJobStatusAsync(runId, named, status, cancellationToken);
    }

    private async Task SetJobStatusAsync(string runId, string[] named, JobStatus status, CancellationToken cancellationToken)
    {
        var all = await _writer.WriteAsync(runId, () => [status == JobStatus.Pending
                ? new PostgresStatement(PostgresSql.UpdateJobsPendingForRetry, ReturnsRows: false, ("run", runId), ("jobs", named), ("count", (long)named.Length))
                : new PostgresStatement(PostgresSql.UpdateJobsStatus, ReturnsRows: false, ("status", status), ("run", runId), ("jobs", named), ("count", (long)named.Length))],
            r => r.Affected(0) == named.Length, cancellationToken).ConfigureAwait(false);
        if (all)
            return;
        var known = await Query(PostgresSql.SelectJobNames, r => r.GetString(0), cancellationToken, ("run", runId), ("jobs", named)).ConfigureAwait(false);
        throw UnknownJob(runId, named.First(j => !known.Contains(j, StringComparer.Ordinal)));
    }

    public async Task<DateTimeOffset?> GetWatermarkAsync(string workflow, CancellationToken cancellationToken = default) =>
        (await Query(PostgresSql.SelectWatermark, r => (DateTimeOffset?)r.GetFieldValue<DateTimeOffset>(0), cancellationToken, ("workflow", workflow)).ConfigureAwait(false))
            .SingleOrDefault();

    public Task AdvanceWatermarkAsync(string workflow, DateTimeOffset instant, CancellationToken cancellationToken = default) =>
        Write(async c =>
        {
            await using var command = Command(c, PostgresSql.AdvanceWatermark, ("workflow", workflow), ("at", instant));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    // Round trips: 3 in one transaction (claim the runs, then their jobs and attempts in one batch, then commit); 2 when
    // there is nothing to claim. Hosts call it at start-up, not per run.
    public Task<IReadOnlyList<RunRecord>> ClaimInterruptedRunsAsync(string owner, TimeSpan lease, IReadOnlyCollection<string>? goneOwners = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var gone = (goneOwners ?? []).ToArray();
        return Write<IReadOnlyList<RunRecord>>(async c =>
        {
            var now = _time.GetUtcNow();
            await using var transaction = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var runs = await Read(c, PostgresSql.ClaimRuns, PostgresRows.Run, cancellationToken,
                ("owner", owner), ("gone", gone), ("expires", now + lease), ("now", now)).ConfigureAwait(false);
            if (runs.Count > 0)
            {
                var ids = runs.Select(r => r.RunId).ToArray();
                // The jobs first, then their attempts: the order every write takes their locks in.
                await using var batch = new NpgsqlBatch(c, transaction);
                batch.BatchCommands.Add(Statement(PostgresSql.InterruptJobs, ("runs", ids)));
                batch.BatchCommands.Add(Statement(PostgresSql.InterruptAttempts, ("runs", ids)));
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return runs.OrderBy(r => r.ScheduledAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
        }, cancellationToken);
    }

    public Task<bool> TryLeaseRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return Write(async c =>
        {
            var now = _time.GetUtcNow();
            await using var command = Command(c, PostgresSql.LeaseRun, ("owner", owner), ("expires", now + lease), ("run", runId), ("now", now));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    public Task RenewLeasesAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        Write(async c =>
        {
            await using var command = Command(c, PostgresSql.RenewLeases, ("expires", _time.GetUtcNow() + lease), ("owner", owner));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    // Round trips: 1 for any number of runs (arrays unnested in one statement).
    public Task<IReadOnlyList<string>> EnqueueRunsAsync(IReadOnlyList<NewRun> runs, CancellationToken cancellationToken = default)
    {
        NewRunArguments.CheckQueued(runs);
        // An id given twice is created once, with the first one's jobs, as the SQLite store does.
        var distinct = runs.DistinctBy(r => r.Run.RunId, StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
            return Task.FromResult<IReadOnlyList<string>>([]);
        var jobs = distinct.SelectMany(r => r.Jobs.Select((job, position) => (r.Run.RunId, Job: job, Position: position))).ToList();
        return Write<IReadOnlyList<string>>(async c =>
        {
            var created = await Read(c, PostgresSql.InsertQueuedRuns, r => r.GetString(0), cancellationToken,
                ("runs", distinct.Select(r => r.Run.RunId).ToArray()),
                ("workflows", distinct.Select(r => r.Run.Workflow).ToArray()),
                ("triggers", distinct.Select(r => PostgresRows.Value(r.Run.Trigger)).Cast<string>().ToArray()),
                ("scheduled", distinct.Select(r => r.Run.ScheduledAt.UtcDateTime).ToArray()),
                ("paths", distinct.Select(r => r.Run.DefinitionPath).ToArray()),
                ("definitions", distinct.Select(r => r.Run.DefinitionJson).ToArray()),
                ("params", distinct.Select(r => r.Run.ParamsJson).ToArray()),
                ("jobRuns", jobs.Select(j => j.RunId).ToArray()),
                ("jobNames", jobs.Select(j => j.Job).ToArray()),
                ("jobPositions", jobs.Select(j => j.Position).ToArray())).ConfigureAwait(false);
            var made = created.ToHashSet(StringComparer.Ordinal);
            return distinct.Select(r => r.Run.RunId).Where(made.Contains).ToList();
        }, cancellationToken);
    }

    // Round trips: 1 (with maxActive, the workflow's lock and the take in one batch).
    public Task<bool> TryTakeQueuedRunAsync(string runId, string owner, TimeSpan lease, DateTimeOffset at, int? maxActive = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var now = _time.GetUtcNow();
        if (maxActive is not { } max)
            return _writer.WriteAsync(runId, () => [new PostgresStatement(PostgresSql.TakeQueuedRun, ReturnsRows: false, ("at", at), ("owner", owner), ("expires", now + lease), ("run", runId))],
                r => r.Affected(0) == 1, cancellationToken);
        // With maxActive, the workflow's lock first, then the take, in one transaction.
        return _writer.WriteAsync(runId, () =>
        [
            new PostgresStatement(PostgresSql.LockWorkflowOfRun, ReturnsRows: true, ("run", runId)),
            new PostgresStatement(PostgresSql.TakeQueuedRunWithin, ReturnsRows: false, ("at", at), ("owner", owner), ("expires", now + lease), ("run", runId), ("now", now), ("max", max)),
        ], r => r.Affected(1) == 1, cancellationToken);
    }

    public async Task<IReadOnlyList<RunRecord>> ListQueuedRunsAsync(string? workflow, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return workflow is null
            ? await Query(PostgresSql.SelectQueuedRuns, PostgresRows.Run, cancellationToken, ("limit", limit)).ConfigureAwait(false)
            : await Query(PostgresSql.SelectQueuedRunsOfWorkflow, PostgresRows.Run, cancellationToken, ("workflow", workflow), ("limit", limit)).ConfigureAwait(false);
    }

    // Round trips: 1 (the request and the read of the run in one batch).
    public Task<RunRecord?> RequestCancelAsync(string runId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Write(async c =>
        {
            await using var batch = new NpgsqlBatch(c);
            batch.BatchCommands.Add(Statement(PostgresSql.RequestCancel, ("at", at), ("run", runId)));
            batch.BatchCommands.Add(Statement(PostgresSql.SelectRun, ("run", runId)));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? PostgresRows.Run(reader) : null;
        }, cancellationToken);

    public async Task<IReadOnlyList<RunRecord>> ListCancelRequestsAsync(string owner, CancellationToken cancellationToken = default) =>
        await Query(PostgresSql.SelectCancelRequests, PostgresRows.Run, cancellationToken, ("owner", owner)).ConfigureAwait(false);

    public Task<bool> SetPausedAsync(string workflow, bool paused, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workflow);
        return Write(async c =>
        {
            await using var command = paused
                ? Command(c, PostgresSql.InsertPaused, ("workflow", workflow), ("at", at))
                : Command(c, PostgresSql.DeletePaused, ("workflow", workflow));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ListPausedAsync(CancellationToken cancellationToken = default) =>
        (await Query(PostgresSql.SelectPaused, r => (Workflow: r.GetString(0), At: r.GetFieldValue<DateTimeOffset>(1)), cancellationToken).ConfigureAwait(false))
            .ToDictionary(p => p.Workflow, p => p.At, StringComparer.Ordinal);

    /// <summary>Lets the writes queued for a group commit commit, then closes the pool's connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _source.DisposeAsync().ConfigureAwait(false);
    }

    // The store sets no session state, so a connection back in the pool needs no DISCARD ALL (which costs the server a
    // transaction per call); and its dozen statements, prepared once per connection, skip parsing and planning after.
    // A URL that sets MaxAutoPrepare keeps its own.
    private static string Tuned(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) is var builder && builder.MaxAutoPrepare == 0
            ? new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 32 }.ConnectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;

    private static InvalidOperationException UnknownJob(string runId, string job) =>
        new($"The store holds no job '{job}' in run '{runId}'.");

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in args)
            command.Parameters.AddWithValue(name, PostgresRows.Value(value));
        return command;
    }

    private static NpgsqlBatchCommand Statement(string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in args)
            command.Parameters.AddWithValue(name, PostgresRows.Value(value));
        return command;
    }

    private static async Task<List<T>> Read<T>(NpgsqlConnection connection, string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        await using var command = Command(connection, sql, args);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            rows.Add(read(reader));
        return rows;
    }

    // Round trips: 1 per read.
    private Task<List<T>> Query<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] args) =>
        Write(c => Read(c, sql, read, ct, args), ct);

    /// <summary>Runs <paramref name="work"/> on a pooled connection, again after a deadlock; an unreachable database is a <see cref="StateStoreException"/>.</summary>
    private async Task<T> Write<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
                return await work(connection).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < DeadlockRetries)
            {
            }
            catch (NpgsqlException e) when (e is not PostgresException && !ct.IsCancellationRequested)
            {
                throw new StateStoreException($"The state store {Location} could not be reached: {PostgresUrl.Describe(e)}", e);
            }
            catch (PostgresException e)
            {
                throw new StateStoreException($"The state store {Location} refused a statement: {e.MessageText} ({e.SqlState})", e);
            }
        }
    }
}
