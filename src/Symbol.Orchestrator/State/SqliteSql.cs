namespace Symbol.Orchestrator.State;

/// <summary>
/// Every statement the SQLite store runs, in one place (Quartz keeps one such delegate per database).
/// They use only what PostgreSQL also has (<c>ON CONFLICT</c>, <c>RETURNING</c>, partial indexes), so a
/// PostgreSQL store can keep the same statements, adding <c>FOR UPDATE SKIP LOCKED</c> where hosts race.
/// </summary>
internal static class SqliteSql
{
    /// <summary>Marks the file as this application's (PRAGMA application_id): "SYOR".</summary>
    public const int ApplicationId = 0x53594F52;

    /// <summary>Migrations[i] takes the schema from version i to i + 1; the current version is their count.</summary>
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE runs (
            run_id           TEXT PRIMARY KEY,
            workflow         TEXT NOT NULL,
            status           TEXT NOT NULL,
            run_trigger      TEXT NOT NULL,
            scheduled_at     TEXT NOT NULL,
            started_at       TEXT,
            finished_at      TEXT,
            definition_path  TEXT NOT NULL,
            definition_json  TEXT NOT NULL,
            params_json      TEXT NOT NULL,
            lease_owner      TEXT,
            lease_expires_at TEXT
        );
        CREATE INDEX runs_newest ON runs (COALESCE(started_at, scheduled_at) DESC, scheduled_at DESC, run_id DESC);
        CREATE INDEX runs_newest_by_workflow ON runs (workflow, COALESCE(started_at, scheduled_at) DESC, scheduled_at DESC, run_id DESC);
        CREATE INDEX runs_active ON runs (lease_owner, lease_expires_at) WHERE status IN ('pending', 'running');

        CREATE TABLE jobs (
            run_id       TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
            job          TEXT NOT NULL,
            position     INTEGER NOT NULL,
            status       TEXT NOT NULL,
            attempts     INTEGER NOT NULL DEFAULT 0,
            last_attempt INTEGER NOT NULL DEFAULT 0,
            output_json  TEXT,
            error        TEXT,
            started_at   TEXT,
            finished_at  TEXT,
            PRIMARY KEY (run_id, job)
        );

        CREATE TABLE attempts (
            run_id      TEXT NOT NULL,
            job         TEXT NOT NULL,
            attempt     INTEGER NOT NULL,
            outcome     TEXT NOT NULL,
            started_at  TEXT NOT NULL,
            finished_at TEXT,
            error       TEXT,
            logs_json   TEXT,
            PRIMARY KEY (run_id, job, attempt),
            FOREIGN KEY (run_id, job) REFERENCES jobs (run_id, job) ON DELETE CASCADE
        );

        CREATE TABLE watermarks (
            workflow TEXT PRIMARY KEY,
            fired_at TEXT NOT NULL
        );
        """,
        // Operating workflows: cancel requests, queued (backfill) runs, paused workflows.
        """
        ALTER TABLE runs ADD COLUMN cancel_requested_at TEXT;
        CREATE INDEX runs_cancel_requested ON runs (lease_owner) WHERE cancel_requested_at IS NOT NULL AND status IN ('pending', 'running');
        CREATE INDEX runs_queued ON runs (scheduled_at, run_id) WHERE status = 'pending' AND lease_owner IS NULL;

        CREATE TABLE paused (
            workflow  TEXT PRIMARY KEY,
            paused_at TEXT NOT NULL
        );
        """,
        // Fencing: each claim of a run bumps its lease token (a run leased before counts as claimed once), and each
        // attempt records the host that ran it.
        """
        ALTER TABLE runs ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0;
        UPDATE runs SET lease_token = 1 WHERE lease_owner IS NOT NULL;
        CREATE INDEX runs_lease_expiry ON runs (lease_expires_at) WHERE status IN ('pending', 'running') AND lease_owner IS NOT NULL;
        ALTER TABLE attempts ADD COLUMN owner TEXT;
        """,
        // The API's pages of runs (SelectRunsPage): by scheduled instant and id, which never change, so paging neither
        // repeats nor skips a run; an index each for all runs, one workflow's and one status's (a status few runs have,
        // such as running, would otherwise scan every run: 150 ms at 100,000).
        """
        CREATE INDEX runs_page ON runs (scheduled_at DESC, run_id DESC);
        CREATE INDEX runs_page_by_workflow ON runs (workflow, scheduled_at DESC, run_id DESC);
        CREATE INDEX runs_page_by_status ON runs (status, scheduled_at DESC, run_id DESC);
        """,
        // Telemetry: the trace a run belongs to, so that a resumed, retried or taken-over run continues it.
        """
        ALTER TABLE runs ADD COLUMN traceparent TEXT;
        """,
    ];

    public static int SchemaVersion => Migrations.Length;

    private const string RunColumns =
        "run_id, workflow, status, run_trigger, scheduled_at, started_at, finished_at, definition_path, definition_json, params_json, lease_owner, lease_expires_at, cancel_requested_at, lease_token, traceparent";

    // run_ms: the sum of the job's measured attempts (JobRecord.RunTime), to the millisecond; NULL before one ended.
    private const string JobColumns =
        "run_id, job, status, attempts, output_json, error, started_at, finished_at, last_attempt, "
        + "(SELECT CAST(ROUND(SUM(julianday(a.finished_at) - julianday(a.started_at)) * 86400000) AS INTEGER) "
        + "FROM attempts a WHERE a.run_id = jobs.run_id AND a.job = jobs.job AND a.finished_at IS NOT NULL) AS run_ms";

    private const string Active = "status IN ('pending', 'running')";

    public const string InsertRun =
        $"INSERT INTO runs ({RunColumns}) VALUES (@run, @workflow, @status, @trigger, @scheduled, @started, @finished, @path, @definition, @params, @owner, @expires, NULL, @token, @traceparent) ON CONFLICT (run_id) DO NOTHING";

    private const string Queued = "status = 'pending' AND lease_owner IS NULL";

    public const string SelectQueuedRuns = $"SELECT {RunColumns} FROM runs WHERE {Queued} ORDER BY scheduled_at, run_id LIMIT @limit";

    public const string SelectQueuedRunsOfWorkflow =
        $"SELECT {RunColumns} FROM runs WHERE {Queued} AND workflow = @workflow ORDER BY scheduled_at, run_id LIMIT @limit";

    // The first request is kept: it says how long the run took to stop.
    public const string RequestCancel =
        $"UPDATE runs SET cancel_requested_at = COALESCE(cancel_requested_at, @at) WHERE run_id = @run AND {Active}";

    public const string SelectCancelRequests =
        $"SELECT {RunColumns} FROM runs WHERE lease_owner = @owner AND cancel_requested_at IS NOT NULL AND {Active} ORDER BY scheduled_at, run_id";

    public const string InsertPaused = "INSERT INTO paused (workflow, paused_at) VALUES (@workflow, @at) ON CONFLICT (workflow) DO NOTHING";

    public const string DeletePaused = "DELETE FROM paused WHERE workflow = @workflow";

    public const string SelectPaused = "SELECT workflow, paused_at FROM paused ORDER BY workflow";

    public const string InsertJob =
        "INSERT INTO jobs (run_id, job, position, status) VALUES (@run, @job, @position, 'pending')";

    public const string SelectRun = $"SELECT {RunColumns} FROM runs WHERE run_id = @run";

    // @runs: a JSON array of run ids, so that one statement reads thousands of them.
    public const string SelectRuns = $"SELECT {RunColumns} FROM runs WHERE run_id IN (SELECT value FROM json_each(@runs))";

    public const string TakeQueuedRun =
        $"UPDATE runs SET status = 'running', started_at = COALESCE(started_at, @at), lease_owner = @owner, lease_expires_at = @expires, lease_token = lease_token + 1 WHERE run_id = @run AND {Queued} RETURNING lease_token";

    public const string SelectRunsNewest =
        $"SELECT {RunColumns} FROM runs ORDER BY COALESCE(started_at, scheduled_at) DESC, scheduled_at DESC, run_id DESC LIMIT @limit";

    public const string SelectRunsNewestOfWorkflow =
        $"SELECT {RunColumns} FROM runs WHERE workflow = @workflow ORDER BY COALESCE(started_at, scheduled_at) DESC, scheduled_at DESC, run_id DESC LIMIT @limit";

    public const string SelectActiveRunsOfWorkflow =
        $"SELECT {RunColumns} FROM runs WHERE workflow = @workflow AND {Active} AND lease_expires_at > @now ORDER BY scheduled_at, run_id";

    /// <summary>A page of runs, newest scheduled first, on runs_page, runs_page_by_workflow or runs_page_by_status; the filters given add their conditions.</summary>
    public static string SelectRunsPage(bool workflow, bool status, bool before) =>
        $"SELECT {RunColumns} FROM runs WHERE 1 = 1"
        + (workflow ? " AND workflow = @workflow" : "")
        + (status ? " AND status = @status" : "")
        + (before ? " AND (scheduled_at, run_id) < (@at, @run)" : "")
        + " ORDER BY scheduled_at DESC, run_id DESC LIMIT @limit";

    // Each workflow's newest run in SelectRunsPage's order: one seek of runs_page_by_workflow per name (@workflows, a JSON
    // array), then the row by its rowid, which the index holds (by run_id would search a second index: 11 ms instead of 8 for
    // 1,000 workflows). A GROUP BY would read every run of every workflow instead.
    public const string SelectLastRuns =
        $"SELECT {RunColumns} FROM runs WHERE rowid IN (SELECT (SELECT r.rowid FROM runs r WHERE r.workflow = w.value "
        + "ORDER BY r.scheduled_at DESC, r.run_id DESC LIMIT 1) FROM json_each(@workflows) w)";

    public const string SelectRunExists = "SELECT 1 FROM runs WHERE run_id = @run";

    // The runs SelectActiveRunsOfWorkflow lists, counted: what a workflow's concurrency bounds. Counted on the index of active runs, a
    // handful: left to itself SQLite walks the workflow's whole history (186 ms a count with 200,000 runs, 0.003 ms this way).
    public const string CountActiveRunsOfWorkflow =
        $"SELECT count(*) FROM runs INDEXED BY runs_active WHERE workflow = @workflow AND {Active} AND lease_expires_at > @now";

    // TakeQueuedRun, only while the run's workflow has fewer than @max active runs.
    public const string TakeQueuedRunWithin =
        $"UPDATE runs SET status = 'running', started_at = COALESCE(started_at, @at), lease_owner = @owner, lease_expires_at = @expires, lease_token = lease_token + 1 "
        + $"WHERE run_id = @run AND {Queued} "
        + $"AND (SELECT count(*) FROM runs a INDEXED BY runs_active WHERE a.workflow = runs.workflow AND a.{Active} AND a.lease_expires_at > @now) < @max RETURNING lease_token";

    public const string SelectJobs = $"SELECT {JobColumns} FROM jobs WHERE run_id = @run ORDER BY position";

    public const string SelectAttempts =
        """
        SELECT a.run_id, a.job, a.attempt, a.outcome, a.started_at, a.finished_at, a.error, a.logs_json, a.owner
        FROM attempts a JOIN jobs j ON j.run_id = a.run_id AND j.job = a.job
        WHERE a.run_id = @run ORDER BY j.position, a.attempt
        """;

    // A run that has started keeps its first start; running again (a retry) clears its finish, and the cancel
    // request that ended it last time (a cancelled run can be retried).
    public const string UpdateRunStatus =
        """
        UPDATE runs SET status = @status,
            started_at = CASE WHEN @status = 'running' THEN COALESCE(started_at, @at) ELSE started_at END,
            finished_at = CASE WHEN @status IN ('pending', 'running') THEN NULL ELSE @at END,
            cancel_requested_at = CASE WHEN @status IN ('pending', 'running') AND status NOT IN ('pending', 'running') THEN NULL ELSE cancel_requested_at END
        WHERE run_id = @run AND lease_token = @token
        """;

    // Read in the write's transaction, before it: the single writer makes the check and the write one step.
    public const string SelectLease = "SELECT lease_token, lease_owner FROM runs WHERE run_id = @run";

    // Attempt numbers only grow, and a job runs one attempt at a time: two hosts that both think they
    // hold a run cannot both start it.
    public const string UpdateJobStarted =
        """
        UPDATE jobs SET status = 'running', attempts = attempts + 1, last_attempt = @attempt,
            started_at = COALESCE(started_at, @at), finished_at = NULL, error = NULL
        WHERE run_id = @run AND job = @job AND last_attempt < @attempt
            AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.run_id = @run AND a.job = @job AND a.outcome = 'running')
        """;

    public const string InsertAttempt =
        "INSERT INTO attempts (run_id, job, attempt, outcome, started_at, owner) VALUES (@run, @job, @attempt, 'running', @at, (SELECT lease_owner FROM runs WHERE run_id = @run))";

    public const string SelectJobExists = "SELECT EXISTS (SELECT 1 FROM jobs WHERE run_id = @run AND job = @job)";

    public const string UpdateAttemptFinished =
        """
        UPDATE attempts SET outcome = @outcome, finished_at = @at, error = @error, logs_json = @logs
        WHERE run_id = @run AND job = @job AND attempt = @attempt AND outcome = 'running'
        """;

    // An attempt finished as interrupted (a graceful stop) gives its retry back.
    public const string UpdateJobFinished =
        """
        UPDATE jobs SET status = @status, output_json = @output, error = @error,
            attempts = attempts - CASE WHEN @outcome = 'interrupted' THEN 1 ELSE 0 END,
            finished_at = CASE WHEN @status IN ('succeeded', 'failed', 'skipped', 'cancelled') THEN @at ELSE NULL END
        WHERE run_id = @run AND job = @job
        """;

    public const string UpdateJobStatus = "UPDATE jobs SET status = @status WHERE run_id = @run AND job = @job";

    public const string UpdateJobPendingForRetry =
        """
        UPDATE jobs SET status = 'pending', attempts = 0, output_json = NULL, error = NULL, started_at = NULL, finished_at = NULL
        WHERE run_id = @run AND job = @job
        """;

    public const string SelectWatermark = "SELECT fired_at FROM watermarks WHERE workflow = @workflow";

    public const string SelectWatermarks = "SELECT workflow, fired_at FROM watermarks WHERE workflow IN (SELECT value FROM json_each(@workflows))";

    public const string AdvanceWatermark =
        """
        INSERT INTO watermarks (workflow, fired_at) VALUES (@workflow, @at)
        ON CONFLICT (workflow) DO UPDATE SET fired_at = excluded.fired_at WHERE excluded.fired_at > watermarks.fired_at
        """;

    public const string ClaimRuns =
        $"""
        UPDATE runs SET lease_owner = @owner, lease_expires_at = @expires, lease_token = lease_token + 1
        WHERE {Active} AND lease_owner IS NOT NULL
            AND (lease_owner = @owner OR lease_owner IN (SELECT value FROM json_each(@gone)) OR lease_expires_at <= @now)
        RETURNING run_id
        """;

    // The sweep: runs of other owners whose lease ran out. The single writer keeps two sweeps from taking one run.
    public const string SelectExpiredRuns =
        $"""
        SELECT run_id, lease_owner, lease_expires_at FROM runs
        WHERE {Active} AND lease_owner IS NOT NULL AND lease_owner <> @owner AND lease_expires_at <= @now
        ORDER BY scheduled_at, run_id LIMIT @limit
        """;

    public const string ClaimRun =
        "UPDATE runs SET lease_owner = @owner, lease_expires_at = @expires, lease_token = lease_token + 1 WHERE run_id = @run";

    public const string InterruptJobs =
        """
        UPDATE jobs SET status = 'pending',
            attempts = attempts - (SELECT COUNT(*) FROM attempts a WHERE a.run_id = jobs.run_id AND a.job = jobs.job AND a.outcome = 'running')
        WHERE run_id = @run AND status = 'running'
        """;

    // The attempt ended with the host that ran it, at an instant nobody recorded: the claim comes after the
    // downtime (a kill -9 at 12:00 found at 12:30 did not run 30 minutes), so its end stays unknown.
    public const string InterruptAttempts =
        "UPDATE attempts SET outcome = 'interrupted' WHERE run_id = @run AND outcome = 'running'";

    public const string RenewLeases = $"UPDATE runs SET lease_expires_at = @expires WHERE lease_owner = @owner AND {Active}";

    public const string LeaseRun =
        $"""
        UPDATE runs SET lease_owner = @owner, lease_expires_at = @expires, lease_token = lease_token + 1
        WHERE run_id = @run AND (lease_owner = @owner OR lease_expires_at IS NULL OR lease_expires_at <= @now OR NOT ({Active}))
        RETURNING lease_token
        """;
}
