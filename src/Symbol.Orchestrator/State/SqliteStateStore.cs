using System.Globalization;
using Microsoft.Data.Sqlite;
using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.State;

/// <summary>
/// The state store in one SQLite file (WAL). One connection writes, with group commits (see
/// <see cref="SqliteWriter"/>); reads use pooled read-only connections and never wait for it. A write
/// has been committed, and synced as <see cref="SqliteStateStoreOptions.Synchronous"/> says, when its
/// task completes. A corrupt file, or one from a newer schema, is refused and left untouched.
/// </summary>
public sealed class SqliteStateStore : IStateStore
{
    private readonly string _readConnectionString;
    private readonly SqliteWriter _writer;
    private readonly TimeProvider _time;
    private bool _disposed;

    private SqliteStateStore(string path, string readConnectionString, SqliteWriter writer, TimeProvider time)
    {
        Path = path;
        _readConnectionString = readConnectionString;
        _writer = writer;
        _time = time;
    }

    /// <summary>The schema version this build writes and reads (SQLite's <c>PRAGMA user_version</c>).</summary>
    public static int SchemaVersion => SqliteSql.SchemaVersion;

    /// <summary>The full path of the store's file.</summary>
    public string Path { get; }

    /// <summary>Opens the store at <paramref name="path"/>, creating it (and its folder) if missing, with synchronous=FULL.</summary>
    public static Task<SqliteStateStore> OpenAsync(string path, TimeProvider? time = null, CancellationToken ct = default) =>
        OpenAsync(path, new SqliteStateStoreOptions { TimeProvider = time ?? TimeProvider.System }, ct);

    /// <summary>Opens the store at <paramref name="path"/>, creating it (and its folder) if missing.</summary>
    /// <exception cref="StateStoreException">The file is not a SQLite database, is damaged, belongs to something else, or has a newer schema.</exception>
    public static Task<SqliteStateStore> OpenAsync(string path, SqliteStateStoreOptions options, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full) ?? full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateStoreException($"The state store {full} cannot be created: {e.Message}", e);
        }
        SqliteStoreFile.Check(full);
        var connection = new SqliteConnection(SqliteStoreFile.ConnectionString(full, SqliteOpenMode.ReadWriteCreate, pooling: false));
        try
        {
            connection.Open();
            // SQLite opens a file it may not write read-only without a word; the first write would fail mid-run.
            if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
                throw SqliteStoreFile.Refuse(full, "is read-only: this process may not write the file or its folder (check their permissions and attributes)");
            using (var setup = new SqliteCommands(connection))
            {
                setup.Execute($"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}");
                if (!"wal".Equals(setup.Scalar("PRAGMA journal_mode = WAL") as string, StringComparison.OrdinalIgnoreCase))
                    throw new StateStoreException($"The state store {full} could not be switched to WAL mode.");
                setup.Execute($"PRAGMA synchronous = {(options.Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")}");
                // Checkpoints leave the log file at most this long instead of at its high-water mark.
                setup.Execute("PRAGMA journal_size_limit = 67108864");
                SqliteStoreFile.Migrate(setup, full);
            }
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw SqliteStoreFile.Refuse(full, $"cannot be opened for writing ({e.Message})", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        var reads = SqliteStoreFile.ConnectionString(full, SqliteOpenMode.ReadOnly, pooling: true);
        return Task.FromResult(new SqliteStateStore(full, reads, new SqliteWriter(connection, full), options.TimeProvider));
    }

    public Task<RunCreation> TryCreateRunAsync(RunRecord run, IReadOnlyList<string> jobs, string owner, TimeSpan lease, int? maxActive = null,
        CancellationToken cancellationToken = default)
    {
        NewRunArguments.Check(run, jobs, owner);
        return _writer.WriteAsync(c =>
        {
            // The one writer runs every write in turn: the count and the insert cannot interleave with another's.
            if (maxActive is { } max && c.Scalar(SqliteSql.SelectRunExists, ("@run", run.RunId)) is null
                && (long)c.Scalar(SqliteSql.CountActiveRunsOfWorkflow, ("@workflow", run.Workflow), ("@now", StoreText.Instant(_time.GetUtcNow())))! >= max)
                return RunCreation.AtLimit;
            var created = c.Execute(SqliteSql.InsertRun,
                ("@run", run.RunId), ("@workflow", run.Workflow), ("@status", EnumText.Name(run.Status)),
                ("@trigger", EnumText.Name(run.Trigger)), ("@scheduled", StoreText.Instant(run.ScheduledAt)),
                ("@started", StoreText.Instant(run.StartedAt)), ("@finished", StoreText.Instant(run.FinishedAt)),
                ("@path", run.DefinitionPath), ("@definition", run.DefinitionJson), ("@params", run.ParamsJson),
                ("@owner", owner), ("@expires", StoreText.Instant(_time.GetUtcNow() + lease)), ("@token", 1L),
                ("@traceparent", run.TraceParent)) == 1;
            for (var i = 0; created && i < jobs.Count; i++)
                c.Execute(SqliteSql.InsertJob, ("@run", run.RunId), ("@job", jobs[i]), ("@position", i));
            // One transaction with the run: the watermark never passes a fire whose run was not committed.
            if (run.Trigger is RunTrigger.Schedule or RunTrigger.Catchup)
                c.Execute(SqliteSql.AdvanceWatermark, ("@workflow", run.Workflow), ("@at", StoreText.Instant(run.ScheduledAt)));
            return created ? RunCreation.Created : RunCreation.Exists;
        }, cancellationToken);
    }

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        Read(c => c.Query(SqliteSql.SelectRun, SqliteRows.Run, ("@run", runId)).SingleOrDefault());

    public Task<IReadOnlyList<RunRecord>> GetRunsAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        if (runIds.Count == 0)
            return Task.FromResult<IReadOnlyList<RunRecord>>([]);
        var ids = System.Text.Json.JsonSerializer.Serialize(runIds);
        return Read<IReadOnlyList<RunRecord>>(c => c.Query(SqliteSql.SelectRuns, SqliteRows.Run, ("@runs", ids)));
    }

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(string? workflow, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Read<IReadOnlyList<RunRecord>>(c => workflow is null
            ? c.Query(SqliteSql.SelectRunsNewest, SqliteRows.Run, ("@limit", limit))
            : c.Query(SqliteSql.SelectRunsNewestOfWorkflow, SqliteRows.Run, ("@workflow", workflow), ("@limit", limit)));
    }

    public Task<IReadOnlyList<RunRecord>> ListRunsPageAsync(string? workflow, RunStatus? status, int limit, RunCursor? before = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var sql = SqliteSql.SelectRunsPage(workflow is not null, status is not null, before is not null);
        return Read<IReadOnlyList<RunRecord>>(c => c.Query(sql, SqliteRows.Run, ("@workflow", workflow), ("@status", status is { } s ? EnumText.Name(s) : null),
            ("@at", before is null ? null : StoreText.Instant(before.ScheduledAt)), ("@run", before?.RunId), ("@limit", limit)));
    }

    public Task<IReadOnlyDictionary<string, RunRecord>> GetLastRunsAsync(IReadOnlyCollection<string> workflows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        if (workflows.Count == 0)
            return Task.FromResult<IReadOnlyDictionary<string, RunRecord>>(new Dictionary<string, RunRecord>(StringComparer.Ordinal));
        var names = System.Text.Json.JsonSerializer.Serialize(workflows);
        return Read<IReadOnlyDictionary<string, RunRecord>>(c =>
            c.Query(SqliteSql.SelectLastRuns, SqliteRows.Run, ("@workflows", names)).ToDictionary(r => r.Workflow, StringComparer.Ordinal));
    }

    public Task<IReadOnlyList<RunRecord>> ListActiveRunsAsync(string workflow, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<RunRecord>>(c => c.Query(SqliteSql.SelectActiveRunsOfWorkflow, SqliteRows.Run,
            ("@workflow", workflow), ("@now", StoreText.Instant(_time.GetUtcNow()))));

    public Task<IReadOnlyList<JobRecord>> GetJobsAsync(string runId, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<JobRecord>>(c => c.Query(SqliteSql.SelectJobs, SqliteRows.Job, ("@run", runId)));

    public Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<AttemptRecord>>(c => c.Query(SqliteSql.SelectAttempts, SqliteRows.Attempt, ("@run", runId)));

    public Task SetRunStatusAsync(string runId, RunStatus status, DateTimeOffset at, long leaseToken, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(c =>
        {
            if (c.Execute(SqliteSql.UpdateRunStatus, ("@status", EnumText.Name(status)), ("@at", StoreText.Instant(at)), ("@run", runId), ("@token", leaseToken)) == 0)
            {
                CheckLease(c, runId, leaseToken);
                throw new InvalidOperationException($"The store holds no run '{runId}'.");
            }
            return true;
        }, cancellationToken);

    public Task StartAttemptAsync(string runId, string job, int attempt, DateTimeOffset at, long leaseToken, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        return _writer.WriteAsync(c =>
        {
            CheckLease(c, runId, leaseToken);
            var when = StoreText.Instant(at);
            if (c.Execute(SqliteSql.UpdateJobStarted, ("@attempt", attempt), ("@at", when), ("@run", runId), ("@job", job)) == 0)
                throw Convert.ToInt32(c.Scalar(SqliteSql.SelectJobExists, ("@run", runId), ("@job", job)), CultureInfo.InvariantCulture) == 0
                    ? UnknownJob(runId, job)
                    : new InvalidOperationException(
                        $"Attempt {attempt} of job '{job}' in run '{runId}' cannot start: an attempt of the job is still running, or attempt {attempt} or a later one was already recorded.");
            c.Execute(SqliteSql.InsertAttempt, ("@run", runId), ("@job", job), ("@attempt", attempt), ("@at", when));
            return true;
        }, cancellationToken);
    }

    public Task FinishAttemptAsync(AttemptFinish finish, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(finish);
        if (finish.Outcome == AttemptOutcome.Running)
            throw new ArgumentException("A finished attempt needs an outcome other than Running.", nameof(finish));
        return _writer.WriteAsync(c =>
        {
            CheckLease(c, finish.RunId, finish.LeaseToken);
            var when = StoreText.Instant(finish.FinishedAt);
            var outcome = EnumText.Name(finish.Outcome);
            if (c.Execute(SqliteSql.UpdateAttemptFinished,
                    ("@outcome", outcome), ("@at", when), ("@error", finish.Error), ("@logs", StoreText.Logs(finish.Logs)),
                    ("@run", finish.RunId), ("@job", finish.Job), ("@attempt", finish.Attempt)) == 0)
                throw new InvalidOperationException(
                    $"Attempt {finish.Attempt} of job '{finish.Job}' in run '{finish.RunId}' is not running: it was never started, already finished, or interrupted when another host claimed the run.");
            c.Execute(SqliteSql.UpdateJobFinished,
                ("@status", EnumText.Name(finish.NewJobStatus)), ("@output", finish.OutputJson), ("@error", finish.Error),
                ("@outcome", outcome), ("@at", when), ("@run", finish.RunId), ("@job", finish.Job));
            return true;
        }, cancellationToken);
    }

    public Task SetJobStatusAsync(string runId, IReadOnlyList<string> jobs, JobStatus status, long leaseToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (status == JobStatus.Running)
            throw new ArgumentException("A job becomes running by starting an attempt (StartAttemptAsync).", nameof(status));
        return _writer.WriteAsync(c =>
        {
            CheckLease(c, runId, leaseToken);
            foreach (var job in jobs)
            {
                var changed = status == JobStatus.Pending
                    ? c.Execute(SqliteSql.UpdateJobPendingForRetry, ("@run", runId), ("@job", job))
                    : c.Execute(SqliteSql.UpdateJobStatus, ("@status", EnumText.Name(status)), ("@run", runId), ("@job", job));
                if (changed == 0)
                    throw UnknownJob(runId, job);
            }
            return true;
        }, cancellationToken);
    }

    public Task<DateTimeOffset?> GetWatermarkAsync(string workflow, CancellationToken cancellationToken = default) =>
        Read(c => c.Scalar(SqliteSql.SelectWatermark, ("@workflow", workflow)) is string text ? StoreText.ParseInstant(text) : (DateTimeOffset?)null);

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetWatermarksAsync(IReadOnlyCollection<string> workflows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        if (workflows.Count == 0)
            return Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal));
        var names = System.Text.Json.JsonSerializer.Serialize(workflows);
        return Read<IReadOnlyDictionary<string, DateTimeOffset>>(c =>
            c.Query(SqliteSql.SelectWatermarks, r => (Workflow: r.GetString(0), At: StoreText.ParseInstant(r.GetString(1))), ("@workflows", names))
                .ToDictionary(w => w.Workflow, w => w.At, StringComparer.Ordinal));
    }

    public Task AdvanceWatermarkAsync(string workflow, DateTimeOffset instant, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(c => c.Execute(SqliteSql.AdvanceWatermark, ("@workflow", workflow), ("@at", StoreText.Instant(instant))), cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ClaimInterruptedRunsAsync(string owner, TimeSpan lease, IReadOnlyCollection<string>? goneOwners = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var gone = System.Text.Json.JsonSerializer.Serialize(goneOwners ?? []);
        return _writer.WriteAsync<IReadOnlyList<RunRecord>>(c =>
        {
            var now = _time.GetUtcNow();
            var claimed = c.Query(SqliteSql.ClaimRuns, r => r.GetString(0),
                ("@owner", owner), ("@gone", gone), ("@expires", StoreText.Instant(now + lease)), ("@now", StoreText.Instant(now)));
            var runs = new List<RunRecord>(claimed.Count);
            foreach (var runId in claimed)
            {
                c.Execute(SqliteSql.InterruptJobs, ("@run", runId));
                c.Execute(SqliteSql.InterruptAttempts, ("@run", runId));
                runs.AddRange(c.Query(SqliteSql.SelectRun, SqliteRows.Run, ("@run", runId)));
            }
            return runs.OrderBy(r => r.ScheduledAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<TakenOverRun>> ClaimExpiredRunsAsync(string owner, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _writer.WriteAsync<IReadOnlyList<TakenOverRun>>(c =>
        {
            var now = _time.GetUtcNow();
            var expired = c.Query(SqliteSql.SelectExpiredRuns, r => (RunId: r.GetString(0), Owner: r.GetString(1), ExpiredAt: StoreText.ParseInstant(r.GetString(2))),
                ("@owner", owner), ("@now", StoreText.Instant(now)), ("@limit", limit));
            var taken = new List<TakenOverRun>(expired.Count);
            foreach (var (runId, previous, expiredAt) in expired)
            {
                c.Execute(SqliteSql.ClaimRun, ("@owner", owner), ("@expires", StoreText.Instant(now + lease)), ("@run", runId));
                c.Execute(SqliteSql.InterruptJobs, ("@run", runId));
                c.Execute(SqliteSql.InterruptAttempts, ("@run", runId));
                taken.Add(new TakenOverRun(c.Query(SqliteSql.SelectRun, SqliteRows.Run, ("@run", runId)).Single(), previous, expiredAt));
            }
            return taken;
        }, cancellationToken);
    }

    public Task<long?> TryLeaseRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return _writer.WriteAsync(c =>
        {
            var now = _time.GetUtcNow();
            return c.Scalar(SqliteSql.LeaseRun,
                ("@owner", owner), ("@expires", StoreText.Instant(now + lease)), ("@run", runId), ("@now", StoreText.Instant(now))) is long token ? token : (long?)null;
        }, cancellationToken);
    }

    public Task RenewLeasesAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(c => c.Execute(SqliteSql.RenewLeases, ("@expires", StoreText.Instant(_time.GetUtcNow() + lease)), ("@owner", owner)), cancellationToken);

    public Task<IReadOnlyList<string>> EnqueueRunsAsync(IReadOnlyList<NewRun> runs, CancellationToken cancellationToken = default)
    {
        NewRunArguments.CheckQueued(runs);
        return _writer.WriteAsync<IReadOnlyList<string>>(c =>
        {
            var created = new List<string>();
            foreach (var (run, jobs) in runs)
            {
                if (c.Execute(SqliteSql.InsertRun,
                        ("@run", run.RunId), ("@workflow", run.Workflow), ("@status", EnumText.Name(RunStatus.Pending)),
                        ("@trigger", EnumText.Name(run.Trigger)), ("@scheduled", StoreText.Instant(run.ScheduledAt)),
                        ("@started", null), ("@finished", null),
                        ("@path", run.DefinitionPath), ("@definition", run.DefinitionJson), ("@params", run.ParamsJson),
                        ("@owner", null), ("@expires", null), ("@token", 0L), ("@traceparent", run.TraceParent)) == 0)
                    continue;
                for (var i = 0; i < jobs.Count; i++)
                    c.Execute(SqliteSql.InsertJob, ("@run", run.RunId), ("@job", jobs[i]), ("@position", i));
                created.Add(run.RunId);
            }
            return created;
        }, cancellationToken);
    }

    public Task<long?> TryTakeQueuedRunAsync(string runId, string owner, TimeSpan lease, DateTimeOffset at, int? maxActive = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var now = _time.GetUtcNow();
        return _writer.WriteAsync(c => (maxActive is { } max
            ? c.Scalar(SqliteSql.TakeQueuedRunWithin, ("@at", StoreText.Instant(at)), ("@owner", owner), ("@expires", StoreText.Instant(now + lease)),
                ("@run", runId), ("@now", StoreText.Instant(now)), ("@max", max))
            : c.Scalar(SqliteSql.TakeQueuedRun,
                ("@at", StoreText.Instant(at)), ("@owner", owner), ("@expires", StoreText.Instant(now + lease)), ("@run", runId))) is long token
            ? token : (long?)null, cancellationToken);
    }

    public Task<IReadOnlyList<RunRecord>> ListQueuedRunsAsync(string? workflow, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Read<IReadOnlyList<RunRecord>>(c => workflow is null
            ? c.Query(SqliteSql.SelectQueuedRuns, SqliteRows.Run, ("@limit", limit))
            : c.Query(SqliteSql.SelectQueuedRunsOfWorkflow, SqliteRows.Run, ("@workflow", workflow), ("@limit", limit)));
    }

    public Task<RunRecord?> RequestCancelAsync(string runId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(c =>
        {
            c.Execute(SqliteSql.RequestCancel, ("@at", StoreText.Instant(at)), ("@run", runId));
            return c.Query(SqliteSql.SelectRun, SqliteRows.Run, ("@run", runId)).SingleOrDefault();
        }, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListCancelRequestsAsync(string owner, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<RunRecord>>(c => c.Query(SqliteSql.SelectCancelRequests, SqliteRows.Run, ("@owner", owner)));

    public Task<bool> SetPausedAsync(string workflow, bool paused, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workflow);
        return _writer.WriteAsync(c => paused
            ? c.Execute(SqliteSql.InsertPaused, ("@workflow", workflow), ("@at", StoreText.Instant(at))) == 1
            : c.Execute(SqliteSql.DeletePaused, ("@workflow", workflow)) == 1, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> ListPausedAsync(CancellationToken cancellationToken = default) =>
        Read<IReadOnlyDictionary<string, DateTimeOffset>>(c =>
            c.Query(SqliteSql.SelectPaused, r => (Workflow: r.GetString(0), At: StoreText.ParseInstant(r.GetString(1))))
                .ToDictionary(p => p.Workflow, p => p.At, StringComparer.Ordinal));

    /// <summary>Waits for queued writes to commit, then closes the file (SQLite checkpoints the log into it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await _writer.DisposeAsync().ConfigureAwait(false);
        using var pooled = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(pooled);
    }

    /// <summary>Commits and writes so far, for benchmarks: many writes to a commit is group commit at work.</summary>
    internal (long Commits, long Writes) WriterCounts => _writer.Counts;

    /// <summary>A setting of the writer's connection (<c>PRAGMA name</c>), for tests.</summary>
    internal Task<object?> WriterPragmaAsync(string name) => _writer.WriteAsync(c => c.Scalar($"PRAGMA {name}"), CancellationToken.None);

    /// <summary>Refuses a write under a stale lease token: the run was claimed since. An unknown run is left to the write's own check.</summary>
    private static void CheckLease(SqliteCommands c, string runId, long leaseToken)
    {
        var lease = c.Query(SqliteSql.SelectLease, r => (Token: r.GetInt64(0), Owner: r.IsDBNull(1) ? null : r.GetString(1)), ("@run", runId));
        if (lease.Count == 1 && lease[0].Token != leaseToken)
            throw new LeaseLostException(runId, lease[0].Owner);
    }

    private static InvalidOperationException UnknownJob(string runId, string job) =>
        new($"The store holds no job '{job}' in run '{runId}'.");

    // A read is a few milliseconds at most; it runs on the caller's thread on its own connection.
    private Task<T> Read<T>(Func<SqliteCommands, T> query)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            using var connection = new SqliteConnection(_readConnectionString);
            connection.Open();
            using var commands = new SqliteCommands(connection);
            return Task.FromResult(query(commands));
        }
        catch (SqliteException e)
        {
            throw new StateStoreException($"The state store {Path} could not be read: {e.Message}", e);
        }
    }
}
