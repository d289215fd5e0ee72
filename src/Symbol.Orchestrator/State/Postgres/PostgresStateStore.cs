using System.Data.Common;
using Npgsql;
using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.State.Postgres;

/// <summary>
/// The state store in a PostgreSQL database, which several hosts share. Connections come from Npgsql's pool
/// (<c>MaxPoolSize</c> in the connection string). A run's own writes (create, take, attempt start and finish, job and run
/// status) go through the <see cref="PostgresWriter"/>'s group commit: the writes of many runs share one round trip and one
/// commit. The other calls are one transaction each, and every write is one round trip (one statement, or one batch that
/// PostgreSQL runs as one transaction) except the claims (<see cref="ClaimInterruptedRunsAsync"/>, <see cref="ClaimExpiredRunsAsync"/>),
/// which take three; a fenced write that is refused takes a second to say why. A write has been committed when its task
/// completes. Lease expiry is read from the <see cref="TimeProvider"/>, not the database's clock, so every host and the
/// tests agree on it.
/// </summary>
public sealed class PostgresStateStore : IStateStore
{
    // A deadlock (40P01) aborts one of the transactions involved; each call is one transaction, so it is safe to run again.
    private const int DeadlockRetries = 3;

    private readonly NpgsqlDataSource _source;
    private readonly PostgresWriter _writer;

    // Creates have a writer of their own: every host creates every fire, so a create can wait on another host's uncommitted row
    // of the same run (or its workflow's lock) until that host commits; in the run writer's batch, that wait held up the
    // attempt and status writes of all this host's runs behind it.
    private readonly PostgresWriter _creates;
    private readonly TimeProvider _time;
    private bool _disposed;

    private PostgresStateStore(NpgsqlDataSource source, string location, TimeProvider time)
    {
        _source = source;
        _writer = new PostgresWriter(source, location);
        _creates = new PostgresWriter(source, location);
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
            ("owner", owner), ("expires", now + lease), ("jobs", jobNames), ("traceparent", run.TraceParent),
        ];
        var fire = run.Trigger is RunTrigger.Schedule or RunTrigger.Catchup;
        if (maxActive is not { } max)
            return _creates.WriteAsync(run.RunId, () =>
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
        return _creates.WriteAsync(run.RunId, () =>
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

    public async Task<IReadOnlyList<RunRecord>> ListRunsPageAsync(string? workflow, RunStatus? status, int limit, RunCursor? before = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var sql = PostgresSql.SelectRunsPage(workflow is not null, status is not null, before is not null);
        var args = new List<(string, object?)> { ("limit", limit) };
        if (workflow is not null)
            args.Add(("workflow", workflow));
        if (status is { } s)
            args.Add(("status", EnumText.Name(s)));
        if (before is not null)
        {
            args.Add(("at", before.ScheduledAt.ToUniversalTime()));
            args.Add(("run", before.RunId));
        }
        return await Query(sql, PostgresRows.Run, cancellationToken, [.. args]).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, RunRecord>> GetLastRunsAsync(IReadOnlyCollection<string> workflows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        if (workflows.Count == 0)
            return new Dictionary<string, RunRecord>(StringComparer.Ordinal);
        // Distinct: a name given twice would be looked up, and answered, twice.
        return (await Query(PostgresSql.SelectLastRuns, PostgresRows.Run, cancellationToken, ("workflows", workflows.Distinct().ToArray())).ConfigureAwait(false))
            .ToDictionary(r => r.Workflow, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<RunRecord>> ListActiveRunsAsync(string workflow, CancellationToken cancellationToken = default) =>
        await Query(PostgresSql.SelectActiveRunsOfWorkflow, PostgresRows.Run, cancellationToken, ("workflow", workflow), ("now", _time.GetUtcNow())).ConfigureAwait(false);

    public async Task<IReadOnlyList<JobRecord>> GetJobsAsync(string runId, CancellationToken cancellationToken = default) =>
        await Query(PostgresSql.SelectJobs, PostgresRows.Job, cancellationToken, ("run", runId)).ConfigureAwait(false);

    public async Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default) =>
        await Query(PostgresSql.SelectAttempts, PostgresRows.Attempt, cancellationToken, ("run", runId)).ConfigureAwait(false);

    public async Task SetRunStatusAsync(string runId, RunStatus status, DateTimeOffset at, long leaseToken, CancellationToken cancellationToken = default)
    {
        if (await _writer.WriteAsync(runId, () => [new PostgresStatement(PostgresSql.UpdateRunStatus, ReturnsRows: false, ("status", status), ("at", at), ("run", runId), ("token", leaseToken))],
                r => r.Affected(0) == 1, cancellationToken).ConfigureAwait(false))
            return;
        await CheckLeaseAsync(runId, leaseToken, cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException($"The store holds no run '{runId}'.");
    }

    // Round trips: 1 (a second one, when it is refused, says why).
    public async Task StartAttemptAsync(string runId, string job, int attempt, DateTimeOffset at, long leaseToken, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        var (started, known) = await _writer.WriteAsync(runId,
            () => [new PostgresStatement(PostgresSql.StartAttempt, ReturnsRows: true, ("attempt", attempt), ("at", at), ("run", runId), ("job", job), ("token", leaseToken))],
            // A unique violation: another writer started an attempt of the job at the same moment (attempts_one_running).
            r => r.Error is not null ? (false, true) : ((bool)r.Rows(0)[0][0]!, (bool)r.Rows(0)[0][1]!),
            cancellationToken, e => e.SqlState == PostgresErrorCodes.UniqueViolation).ConfigureAwait(false);
        if (started)
            return;
        await CheckLeaseAsync(runId, leaseToken, cancellationToken).ConfigureAwait(false);
        throw known
            ? new InvalidOperationException(
                $"Attempt {attempt} of job '{job}' in run '{runId}' cannot start: an attempt of the job is still running, or attempt {attempt} or a later one was already recorded.")
            : UnknownJob(runId, job);
    }

    // Round trips: 1.
    public async Task FinishAttemptAsync(AttemptFinish finish, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(finish);
        if (finish.Outcome == AttemptOutcome.Running)
            throw new ArgumentException("A finished attempt needs an outcome other than Running.", nameof(finish));
        var logs = StoreText.Logs(finish.Logs);
        if (await _writer.WriteAsync(finish.RunId, () => [new PostgresStatement(PostgresSql.FinishAttempt, ReturnsRows: false,
                ("outcome", finish.Outcome), ("at", finish.FinishedAt), ("error", finish.Error), ("logs", logs),
                ("run", finish.RunId), ("job", finish.Job), ("attempt", finish.Attempt), ("status", finish.NewJobStatus), ("output", finish.OutputJson),
                ("token", finish.LeaseToken))],
            r => r.Affected(0) == 1, cancellationToken).ConfigureAwait(false))
            return;
        await CheckLeaseAsync(finish.RunId, finish.LeaseToken, cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException(
            $"Attempt {finish.Attempt} of job '{finish.Job}' in run '{finish.RunId}' is not running: it was never started, already finished, or interrupted when another host claimed the run.");
    }

    // Round trips: 1 (a second one names the unknown job when there is one).
    public Task SetJobStatusAsync(string runId, IReadOnlyList<string> jobs, JobStatus status, long leaseToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (status == JobStatus.Running)
            throw new ArgumentException("A job becomes running by starting an attempt (StartAttemptAsync).", nameof(status));
        var named = jobs.Distinct(StringComparer.Ordinal).ToArray();
        if (named.Length == 0)
            return Task.CompletedTask;
        return SetJobStatusAsync(runId, named, status, leaseToken, cancellationToken);
    }

    private async Task SetJobStatusAsync(string runId, string[] named, JobStatus status, long leaseToken, CancellationToken cancellationToken)
    {
        var all = await _writer.WriteAsync(runId, () => [status == JobStatus.Pending
                ? new PostgresStatement(PostgresSql.UpdateJobsPendingForRetry, ReturnsRows: false, ("run", runId), ("jobs", named), ("count", (long)named.Length), ("token", leaseToken))
                : new PostgresStatement(PostgresSql.UpdateJobsStatus, ReturnsRows: false, ("status", status), ("run", runId), ("jobs", named), ("count", (long)named.Length), ("token", leaseToken))],
            r => r.Affected(0) == named.Length, cancellationToken).ConfigureAwait(false);
        if (all)
            return;
        await CheckLeaseAsync(runId, leaseToken, cancellationToken).ConfigureAwait(false);
        var known = await Query(PostgresSql.SelectJobNames, r => r.GetString(0), cancellationToken, ("run", runId), ("jobs", named)).ConfigureAwait(false);
        throw UnknownJob(runId, named.First(j => !known.Contains(j, StringComparer.Ordinal)));
    }

    public async Task<DateTimeOffset?> GetWatermarkAsync(string workflow, CancellationToken cancellationToken = default) =>
        (await Query(PostgresSql.SelectWatermark, r => (DateTimeOffset?)r.GetFieldValue<DateTimeOffset>(0), cancellationToken, ("workflow", workflow)).ConfigureAwait(false))
            .SingleOrDefault();

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetWatermarksAsync(IReadOnlyCollection<string> workflows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        if (workflows.Count == 0)
            return new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        return (await Query(PostgresSql.SelectWatermarks, r => (Workflow: r.GetString(0), At: r.GetFieldValue<DateTimeOffset>(1)), cancellationToken,
                ("workflows", workflows.ToArray())).ConfigureAwait(false))
            .ToDictionary(w => w.Workflow, w => w.At, StringComparer.Ordinal);
    }

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
            await InterruptAsync(c, transaction, runs.Select(r => r.RunId).ToArray(), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return runs.OrderBy(r => r.ScheduledAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
        }, cancellationToken);
    }

    // Round trips: 3 in one transaction, as ClaimInterruptedRunsAsync; a host makes it every half lease.
    public Task<IReadOnlyList<TakenOverRun>> ClaimExpiredRunsAsync(string owner, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Write<IReadOnlyList<TakenOverRun>>(async c =>
        {
            var now = _time.GetUtcNow();
            await using var transaction = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var taken = await Read(c, PostgresSql.ClaimExpiredRuns, PostgresRows.TakenOver, cancellationToken,
                ("owner", owner), ("expires", now + lease), ("now", now), ("limit", limit)).ConfigureAwait(false);
            await InterruptAsync(c, transaction, taken.Select(t => t.Run.RunId).ToArray(), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return taken.OrderBy(t => t.Run.ScheduledAt).ThenBy(t => t.Run.RunId, StringComparer.Ordinal).ToList();
        }, cancellationToken);
    }

    public Task<long?> TryLeaseRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return Write(async c =>
        {
            var now = _time.GetUtcNow();
            await using var command = Command(c, PostgresSql.LeaseRun, ("owner", owner), ("expires", now + lease), ("run", runId), ("now", now));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long token ? token : (long?)null;
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
                ("traceparents", distinct.Select(r => r.Run.TraceParent).ToArray()),
                ("params", distinct.Select(r => r.Run.ParamsJson).ToArray()),
                ("jobRuns", jobs.Select(j => j.RunId).ToArray()),
                ("jobNames", jobs.Select(j => j.Job).ToArray()),
                ("jobPositions", jobs.Select(j => j.Position).ToArray())).ConfigureAwait(false);
            var made = created.ToHashSet(StringComparer.Ordinal);
            return distinct.Select(r => r.Run.RunId).Where(made.Contains).ToList();
        }, cancellationToken);
    }

    // Round trips: 1 (with maxActive, the workflow's lock and the take in one batch).
    public Task<long?> TryTakeQueuedRunAsync(string runId, string owner, TimeSpan lease, DateTimeOffset at, int? maxActive = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var now = _time.GetUtcNow();
        if (maxActive is not { } max)
            return _writer.WriteAsync(runId, () => [new PostgresStatement(PostgresSql.TakeQueuedRun, ReturnsRows: true, ("at", at), ("owner", owner), ("expires", now + lease), ("run", runId))],
                r => r.Rows(0) is [[long token]] ? token : (long?)null, cancellationToken);
        // With maxActive, the workflow's lock first, then the take, in one transaction.
        return _writer.WriteAsync(runId, () =>
        [
            new PostgresStatement(PostgresSql.LockWorkflowOfRun, ReturnsRows: true, ("run", runId)),
            new PostgresStatement(PostgresSql.TakeQueuedRunWithin, ReturnsRows: true, ("at", at), ("owner", owner), ("expires", now + lease), ("run", runId), ("now", now), ("max", max)),
        ], r => r.Rows(1) is [[long token]] ? token : (long?)null, cancellationToken);
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
        await _creates.DisposeAsync().ConfigureAwait(false);
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

    // The jobs first, then their attempts: the order every write takes their locks in.
    private static async Task InterruptAsync(NpgsqlConnection c, NpgsqlTransaction transaction, string[] runIds, CancellationToken ct)
    {
        if (runIds.Length == 0)
            return;
        await using var batch = new NpgsqlBatch(c, transaction);
        batch.BatchCommands.Add(Statement(PostgresSql.InterruptJobs, ("runs", runIds)));
        batch.BatchCommands.Add(Statement(PostgresSql.InterruptAttempts, ("runs", runIds)));
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>After a fenced write changed nothing: a stale token is a <see cref="LeaseLostException"/>; otherwise the write's own error stands.</summary>
    // A fenced write changed nothing: a stale token is why when the run's token moved on (another claim took it).
    private async Task CheckLeaseAsync(string runId, long leaseToken, CancellationToken ct)
    {
        var lease = await Query(PostgresSql.SelectLease, r => (Token: r.GetInt64(0), Owner: r.IsDBNull(1) ? null : r.GetString(1)), ct, ("run", runId)).ConfigureAwait(false);
        if (lease.Count == 1 && lease[0].Token != leaseToken)
            throw new LeaseLostException(runId, lease[0].Owner);
    }

    private static InvalidOperationException UnknownJob(string runId, string job) =>
        new($"The store holds no job '{job}' in run '{runId}'.");

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var command = new NpgsqlCommand(sql, connection);
        PostgresStatement.Bind(command.Parameters, args);
        return command;
    }

    private static NpgsqlBatchCommand Statement(string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var command = new NpgsqlBatchCommand(sql);
        PostgresStatement.Bind(command.Parameters, args);
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
