namespace Symbol.Orchestrator.State.Postgres;

/// <summary>
/// Every statement the PostgreSQL store runs, in one place, with the tables and columns of <see cref="SqliteSql"/>.
/// Instants are <c>timestamptz</c> (kept to the microsecond), states are text as in SQLite, and names compare as bytes
/// (<c>COLLATE "C"</c>), so runs list in the same order on both stores. A write that touches a job and its attempts
/// locks the job row first, then the attempt, so two writers never wait on each other in a circle.
/// </summary>
internal static class PostgresSql
{
    /// <summary>The key of the advisory lock schema changes are made under: "SYOR", as SQLite's application id.</summary>
    public const long SchemaLock = SqliteSql.ApplicationId;

    /// <summary>Migrations[i] takes the schema from version i to i + 1; the current version is their count.</summary>
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE runs (
            run_id              text COLLATE "C" PRIMARY KEY,
            workflow            text COLLATE "C" NOT NULL,
            status              text NOT NULL,
            run_trigger         text NOT NULL,
            scheduled_at        timestamptz NOT NULL,
            started_at          timestamptz,
            finished_at         timestamptz,
            definition_path     text NOT NULL,
            definition_json     text NOT NULL,
            params_json         text NOT NULL,
            lease_owner         text COLLATE "C",
            lease_expires_at    timestamptz,
            cancel_requested_at timestamptz
        );
        CREATE INDEX runs_newest ON runs ((COALESCE(started_at, scheduled_at)) DESC, scheduled_at DESC, run_id DESC);
        CREATE INDEX runs_newest_by_workflow ON runs (workflow, (COALESCE(started_at, scheduled_at)) DESC, scheduled_at DESC, run_id DESC);
        CREATE INDEX runs_active ON runs (lease_owner, lease_expires_at) WHERE status IN ('pending', 'running');
        CREATE INDEX runs_cancel_requested ON runs (lease_owner) WHERE cancel_requested_at IS NOT NULL AND status IN ('pending', 'running');
        CREATE INDEX runs_queued ON runs (scheduled_at, run_id) WHERE status = 'pending' AND lease_owner IS NULL;

        CREATE TABLE jobs (
            run_id       text COLLATE "C" NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
            job          text COLLATE "C" NOT NULL,
            position     integer NOT NULL,
            status       text NOT NULL,
            attempts     integer NOT NULL DEFAULT 0,
            last_attempt integer NOT NULL DEFAULT 0,
            output_json  text,
            error        text,
            started_at   timestamptz,
            finished_at  timestamptz,
            PRIMARY KEY (run_id, job)
        );

        CREATE TABLE attempts (
            run_id      text COLLATE "C" NOT NULL,
            job         text COLLATE "C" NOT NULL,
            attempt     integer NOT NULL,
            outcome     text NOT NULL,
            started_at  timestamptz NOT NULL,
            finished_at timestamptz,
            error       text,
            logs_json   text,
            PRIMARY KEY (run_id, job, attempt),
            FOREIGN KEY (run_id, job) REFERENCES jobs (run_id, job) ON DELETE CASCADE
        );
        -- One attempt of a job runs at a time, even when two writers race past the check in StartAttempt.
        CREATE UNIQUE INDEX attempts_one_running ON attempts (run_id, job) WHERE outcome = 'running';

        CREATE TABLE watermarks (
            workflow text COLLATE "C" PRIMARY KEY,
            fired_at timestamptz NOT NULL
        );

        CREATE TABLE paused (
            workflow  text COLLATE "C" PRIMARY KEY,
            paused_at timestamptz NOT NULL
        );
        """,
        // Fencing, as SqliteSql's third migration: lease tokens (a run leased before counts as claimed once), the host of each attempt.
        """
        ALTER TABLE runs ADD COLUMN lease_token bigint NOT NULL DEFAULT 0;
        UPDATE runs SET lease_token = 1 WHERE lease_owner IS NOT NULL;
        CREATE INDEX runs_lease_expiry ON runs (lease_expires_at) WHERE status IN ('pending', 'running') AND lease_owner IS NOT NULL;
        ALTER TABLE attempts ADD COLUMN owner text COLLATE "C";
        """,
        // The hosts alive on the store: each upserts its row at start and every Lease/3 and deletes it at a graceful stop.
        """
        CREATE TABLE hosts (
            owner        text COLLATE "C" PRIMARY KEY,
            started_at   timestamptz NOT NULL,
            heartbeat_at timestamptz NOT NULL
        );
        """,
        // The API's pages of runs, as SqliteSql's fourth migration: by scheduled instant and id, which never change.
        """
        CREATE INDEX runs_page ON runs (scheduled_at DESC, run_id DESC);
        CREATE INDEX runs_page_by_workflow ON runs (workflow, scheduled_at DESC, run_id DESC);
        CREATE INDEX runs_page_by_status ON runs (status, scheduled_at DESC, run_id DESC);
        """,
        // Telemetry, as SqliteSql's fifth migration: the trace a run belongs to.
        """
        ALTER TABLE runs ADD COLUMN traceparent text;
        """,
    ];

    public static int SchemaVersion => Migrations.Length;

    public static readonly string TakeSchemaLock = $"SELECT pg_advisory_xact_lock({SchemaLock})";

    public const string CreateVersionTable = "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)";

    public const string SelectVersion = "SELECT max(version) FROM schema_version";

    public const string SetVersion = "DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES (@version)";

    /// <summary>Whether the database holds a store: <see cref="IStateStoreFactory.Exists"/>.</summary>
    public const string VersionTableExists = "SELECT to_regclass('schema_version') IS NOT NULL";

    private const string RunColumns =
        "run_id, workflow, status, run_trigger, scheduled_at, started_at, finished_at, definition_path, definition_json, params_json, lease_owner, lease_expires_at, cancel_requested_at, lease_token, traceparent";

    // run_ms: the sum of the job's measured attempts (JobRecord.RunTime), to the millisecond; NULL before one ended.
    private const string JobColumns =
        "run_id, job, status, attempts, output_json, error, started_at, finished_at, last_attempt, "
        + "(SELECT round(EXTRACT(EPOCH FROM sum(a.finished_at - a.started_at)) * 1000)::bigint "
        + "FROM attempts a WHERE a.run_id = jobs.run_id AND a.job = jobs.job AND a.finished_at IS NOT NULL) AS run_ms";

    private const string Active = "status IN ('pending', 'running')";

    private const string Queued = "status = 'pending' AND lease_owner IS NULL";

    // The run and its jobs in one statement: the jobs are inserted only if the run was (a lost race adds none).
    public const string InsertRunWithJobs =
        $"""
        WITH created AS (
            INSERT INTO runs ({RunColumns})
            VALUES (@run, @workflow, @status, @trigger, @scheduled, @started, @finished, @path, @definition, @params, @owner, @expires, NULL, 1, @traceparent)
            ON CONFLICT (run_id) DO NOTHING
            RETURNING run_id
        ), created_jobs AS (
            INSERT INTO jobs (run_id, job, position, status)
            SELECT c.run_id, j.job, j.position - 1, 'pending' FROM created c, unnest(@jobs::text[]) WITH ORDINALITY AS j (job, position)
        )
        SELECT count(*) FROM created
        """;

    // Serialises, per workflow, the writes that count its active runs before adding one; released at commit. The two-key form, so it
    // never meets the schema lock's single key; two names with one hash merely wait for each other.
    public static readonly string LockWorkflow = $"SELECT pg_advisory_xact_lock({SchemaLock}, hashtext(@workflow))";

    public static readonly string LockWorkflowOfRun = $"SELECT pg_advisory_xact_lock({SchemaLock}, hashtext(workflow)) FROM runs WHERE run_id = @run";

    // InsertRunWithJobs, only while the workflow has fewer than @max active runs (counted as SelectActiveRunsOfWorkflow lists them),
    // after LockWorkflow in the same transaction: this statement's snapshot then holds every run another writer added. The casts type
    // the parameters, which a SELECT list does not. An existing run wins over the limit: 'exists', not 'at-limit'.
    public const string InsertRunWithJobsWithin =
        $"""
        WITH created AS (
            INSERT INTO runs ({RunColumns})
            SELECT @run::text, @workflow::text, @status::text, @trigger::text, @scheduled::timestamptz, @started::timestamptz, @finished::timestamptz,
                @path::text, @definition::text, @params::text, @owner::text, @expires::timestamptz, NULL, 1, @traceparent::text
            WHERE (SELECT count(*) FROM runs WHERE workflow = @workflow AND {Active} AND lease_expires_at > @now) < @max
            ON CONFLICT (run_id) DO NOTHING
            RETURNING run_id
        ), created_jobs AS (
            INSERT INTO jobs (run_id, job, position, status)
            SELECT c.run_id, j.job, j.position - 1, 'pending' FROM created c, unnest(@jobs::text[]) WITH ORDINALITY AS j (job, position)
        )
        SELECT CASE WHEN EXISTS (SELECT 1 FROM created) THEN 'created'
                    WHEN EXISTS (SELECT 1 FROM runs WHERE run_id = @run) THEN 'exists'
                    ELSE 'at-limit' END
        """;

    // AdvanceWatermark once the fire's run exists (created, or there already), after InsertRunWithJobsWithin: nothing moves at the limit.
    public const string AdvanceWatermarkIfRunExists =
        """
        INSERT INTO watermarks (workflow, fired_at) SELECT @workflow::text, @at::timestamptz WHERE EXISTS (SELECT 1 FROM runs WHERE run_id = @run)
        ON CONFLICT (workflow) DO UPDATE SET fired_at = excluded.fired_at WHERE excluded.fired_at > watermarks.fired_at
        """;

    // Queued runs in one statement, whatever their number: the runs and their jobs come in as arrays.
    public const string InsertQueuedRuns =
        $"""
        WITH created AS (
            INSERT INTO runs ({RunColumns})
            SELECT r.run_id, r.workflow, 'pending', r.run_trigger, r.scheduled_at, NULL, NULL, r.definition_path, r.definition_json, r.params_json, NULL, NULL, NULL, 0, r.traceparent
            FROM unnest(@runs::text[], @workflows::text[], @triggers::text[], @scheduled::timestamptz[], @paths::text[], @definitions::text[], @params::text[],
                    @traceparents::text[])
                AS r (run_id, workflow, run_trigger, scheduled_at, definition_path, definition_json, params_json, traceparent)
            ON CONFLICT (run_id) DO NOTHING
            RETURNING run_id
        ), created_jobs AS (
            INSERT INTO jobs (run_id, job, position, status)
            SELECT j.run_id, j.job, j.position, 'pending'
            FROM unnest(@jobRuns::text[], @jobNames::text[], @jobPositions::integer[]) AS j (run_id, job, position)
            JOIN created c ON c.run_id = j.run_id
        )
        SELECT run_id FROM created
        """;

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

    // A host started again under the same Owner takes the row over: it is that host now.
    public const string UpsertHost =
        """
        INSERT INTO hosts (owner, started_at, heartbeat_at) VALUES (@owner, @started, @at)
        ON CONFLICT (owner) DO UPDATE SET started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at
        """;

    // Only this start's row: a host started again under the same Owner before this one stopped keeps its own.
    public const string DeleteHost = "DELETE FROM hosts WHERE owner = @owner AND started_at = @started";

    public const string SelectLiveHosts = "SELECT owner FROM hosts WHERE heartbeat_at > @since ORDER BY owner";

    public const string SelectLiveHost = "SELECT owner FROM hosts WHERE heartbeat_at > @since ORDER BY heartbeat_at DESC, owner LIMIT 1";

    public const string SelectRun = $"SELECT {RunColumns} FROM runs WHERE run_id = @run";

    public const string SelectRuns = $"SELECT {RunColumns} FROM runs WHERE run_id = ANY (@runs)";

    public const string TakeQueuedRun =
        $"UPDATE runs SET status = 'running', started_at = COALESCE(started_at, @at), lease_owner = @owner, lease_expires_at = @expires, lease_token = lease_token + 1 WHERE run_id = @run AND {Queued} RETURNING lease_token";

    // TakeQueuedRun, only while the run's workflow has fewer than @max active runs; after LockWorkflowOfRun in the same transaction.
    public const string TakeQueuedRunWithin =
        $"UPDATE runs SET status = 'running', started_at = COALESCE(started_at, @at), lease_owner = @owner, lease_expires_at = @expires, lease_token = lease_token + 1 "
        + $"WHERE run_id = @run AND {Queued} "
        + $"AND (SELECT count(*) FROM runs a WHERE a.workflow = runs.workflow AND a.{Active} AND a.lease_expires_at > @now) < @max RETURNING lease_token";

    public const string SelectRunsNewest =
        $"SELECT {RunColumns} FROM runs ORDER BY COALESCE(started_at, scheduled_at) DESC, scheduled_at DESC, run_id DESC LIMIT @limit";

    public const string SelectRunsNewestOfWorkflow =
        $"SELECT {RunColumns} FROM runs WHERE workflow = @workflow ORDER BY COALESCE(started_at, scheduled_at) DESC, scheduled_at DESC, run_id DESC LIMIT @limit";

    public const string SelectActiveRunsOfWorkflow =
        $"SELECT {RunColumns} FROM runs WHERE workflow = @workflow AND {Active} AND lease_expires_at > @now ORDER BY scheduled_at, run_id";

    /// <summary>A page of runs, newest scheduled first, on runs_page, runs_page_by_workflow or runs_page_by_status, as SqliteSql's.</summary>
    public static string SelectRunsPage(bool workflow, bool status, bool before) =>
        $"SELECT {RunColumns} FROM runs WHERE true"
        + (workflow ? " AND workflow = @workflow" : "")
        + (status ? " AND status = @status" : "")
        + (before ? " AND (scheduled_at, run_id) < (@at, @run)" : "")
        + " ORDER BY scheduled_at DESC, run_id DESC LIMIT @limit";

    // As SqliteSql.SelectLastRuns: one seek of runs_page_by_workflow per name; DISTINCT ON (workflow) would read every run.
    public const string SelectLastRuns =
        $"SELECT r.* FROM unnest(@workflows::text[]) AS w (workflow) CROSS JOIN LATERAL "
        + $"(SELECT {RunColumns} FROM runs WHERE runs.workflow = w.workflow ORDER BY scheduled_at DESC, run_id DESC LIMIT 1) r";

    public const string SelectJobs = $"SELECT {JobColumns} FROM jobs WHERE run_id = @run ORDER BY position";

    public const string SelectAttempts =
        """
        SELECT a.run_id, a.job, a.attempt, a.outcome, a.started_at, a.finished_at, a.error, a.logs_json, a.owner
        FROM attempts a JOIN jobs j ON j.run_id = a.run_id AND j.job = a.job
        WHERE a.run_id = @run ORDER BY j.position, a.attempt
        """;

    // As SqliteSql.UpdateRunStatus: a run keeps its first start; running again (a retry) clears its finish and the cancel request.
    public const string UpdateRunStatus =
        """
        UPDATE runs SET status = @status,
            started_at = CASE WHEN @status = 'running' THEN COALESCE(started_at, @at) ELSE started_at END,
            finished_at = CASE WHEN @status IN ('pending', 'running') THEN NULL ELSE @at END,
            cancel_requested_at = CASE WHEN @status IN ('pending', 'running') AND status NOT IN ('pending', 'running') THEN NULL ELSE cancel_requested_at END
        WHERE run_id = @run AND lease_token = @token
        """;

    // Fencing: the writes about a run's work hold its row FOR SHARE while they check its token. A claim (an UPDATE of the
    // row) waits for them, or they wait for it and then see its new token: a stale writer never slips in after a claim.
    private const string Lease = "SELECT lease_owner FROM runs WHERE run_id = @run AND lease_token = @token FOR SHARE";

    // After a fenced write changed nothing: whether the run was claimed since, and by whom (a read for the message only).
    public const string SelectLease = "SELECT lease_token, lease_owner FROM runs WHERE run_id = @run";

    // One statement: the job is marked running and the attempt inserted only if the job exists, has no running attempt and
    // has not seen this attempt number; the second column tells an unknown job from a refused start.
    public const string StartAttempt =
        $"""
        WITH lease AS (
            {Lease}
        ), started AS (
            UPDATE jobs SET status = 'running', attempts = attempts + 1, last_attempt = @attempt,
                started_at = COALESCE(started_at, @at), finished_at = NULL, error = NULL
            WHERE run_id = @run AND job = @job AND last_attempt < @attempt AND EXISTS (SELECT 1 FROM lease)
                AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.run_id = @run AND a.job = @job AND a.outcome = 'running')
            RETURNING run_id, job
        ), inserted AS (
            INSERT INTO attempts (run_id, job, attempt, outcome, started_at, owner)
            SELECT run_id, job, @attempt, 'running', @at, (SELECT lease_owner FROM lease) FROM started
            RETURNING 1
        )
        SELECT EXISTS (SELECT 1 FROM inserted), EXISTS (SELECT 1 FROM jobs WHERE run_id = @run AND job = @job)
        """;

    // One statement, the job row locked first: the attempt ends only if it is still running (a claim by another host
    // interrupts it), and the job changes only if the attempt did. An interrupted attempt (a graceful stop) gives its retry back.
    public const string FinishAttempt =
        $"""
        WITH lease AS (
            {Lease}
        ), job AS (
            SELECT run_id, job FROM jobs WHERE run_id = @run AND job = @job AND EXISTS (SELECT 1 FROM lease) FOR UPDATE
        ), finished AS (
            UPDATE attempts a SET outcome = @outcome, finished_at = @at, error = @error, logs_json = @logs
            FROM job
            WHERE a.run_id = job.run_id AND a.job = job.job AND a.attempt = @attempt AND a.outcome = 'running'
            RETURNING a.run_id, a.job
        )
        UPDATE jobs j SET status = @status, output_json = @output, error = @error,
            attempts = j.attempts - CASE WHEN @outcome = 'interrupted' THEN 1 ELSE 0 END,
            finished_at = CASE WHEN @status IN ('succeeded', 'failed', 'skipped', 'cancelled') THEN @at ELSE NULL END
        FROM finished f
        WHERE j.run_id = f.run_id AND j.job = f.job
        """;

    // All the jobs named, or none: the count of those that exist must match the count named.
    private const string AllJobsExist = "(SELECT count(*) FROM jobs WHERE run_id = @run AND job = ANY (@jobs)) = @count";

    public const string UpdateJobsStatus =
        $"WITH lease AS ({Lease}) UPDATE jobs SET status = @status WHERE run_id = @run AND job = ANY (@jobs) AND {AllJobsExist} AND EXISTS (SELECT 1 FROM lease)";

    public const string UpdateJobsPendingForRetry =
        $"""
        WITH lease AS ({Lease})
        UPDATE jobs SET status = 'pending', attempts = 0, output_json = NULL, error = NULL, started_at = NULL, finished_at = NULL
        WHERE run_id = @run AND job = ANY (@jobs) AND {AllJobsExist} AND EXISTS (SELECT 1 FROM lease)
        """;

    public const string SelectJobNames = "SELECT job FROM jobs WHERE run_id = @run AND job = ANY (@jobs)";

    public const string SelectWatermark = "SELECT fired_at FROM watermarks WHERE workflow = @workflow";

    public const string SelectWatermarks = "SELECT workflow, fired_at FROM watermarks WHERE workflow = ANY (@workflows)";

    public const string AdvanceWatermark =
        """
        INSERT INTO watermarks (workflow, fired_at) VALUES (@workflow, @at)
        ON CONFLICT (workflow) DO UPDATE SET fired_at = excluded.fired_at WHERE excluded.fired_at > watermarks.fired_at
        """;

    // SKIP LOCKED: hosts sweeping at once each take different runs instead of queueing behind one another.
    public const string ClaimRuns =
        $"""
        UPDATE runs SET lease_owner = @owner, lease_expires_at = @expires, lease_token = lease_token + 1
        WHERE run_id IN (
            SELECT run_id FROM runs
            WHERE {Active} AND lease_owner IS NOT NULL
                AND (lease_owner = @owner OR lease_owner = ANY (@gone) OR lease_expires_at <= @now)
            FOR UPDATE SKIP LOCKED)
        RETURNING {RunColumns}
        """;

    // The sweep: runs of other owners whose lease ran out, oldest first; SKIP LOCKED, so sweeping hosts take different runs.
    // The old owner and expiry come back under names of their own, beside the run as it is now.
    public const string ClaimExpiredRuns =
        $"""
        UPDATE runs SET lease_owner = @owner, lease_expires_at = @expires, lease_token = lease_token + 1
        FROM (
            SELECT run_id AS expired_run, lease_owner AS previous_owner, lease_expires_at AS expired_at FROM runs
            WHERE {Active} AND lease_owner IS NOT NULL AND lease_owner <> @owner AND lease_expires_at <= @now
            ORDER BY scheduled_at, run_id LIMIT @limit
            FOR UPDATE SKIP LOCKED) expired
        WHERE run_id = expired.expired_run
        RETURNING {RunColumns}, previous_owner, expired_at
        """;

    public const string InterruptJobs =
        """
        UPDATE jobs SET status = 'pending',
            attempts = attempts - (SELECT count(*) FROM attempts a WHERE a.run_id = jobs.run_id AND a.job = jobs.job AND a.outcome = 'running')
        WHERE run_id = ANY (@runs) AND status = 'running'
        """;

    // The attempt ended with the host that ran it, at an instant nobody recorded (see SqliteSql.InterruptAttempts).
    public const string InterruptAttempts = "UPDATE attempts SET outcome = 'interrupted' WHERE run_id = ANY (@runs) AND outcome = 'running'";

    public const string RenewLeases = $"UPDATE runs SET lease_expires_at = @expires WHERE lease_owner = @owner AND {Active}";

    public const string LeaseRun =
        $"""
        UPDATE runs SET lease_owner = @owner, lease_expires_at = @expires, lease_token = lease_token + 1
        WHERE run_id = @run AND (lease_owner = @owner OR lease_expires_at IS NULL OR lease_expires_at <= @now OR NOT ({Active}))
        RETURNING lease_token
        """;
}
