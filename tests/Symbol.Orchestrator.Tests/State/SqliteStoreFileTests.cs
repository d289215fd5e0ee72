using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.State;

/// <summary>What the SQLite store does with the file it is given: creates it, or refuses it and leaves it as it was.</summary>
public sealed class SqliteStoreFileTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AMissingFileIsCreatedInANewFolderWithTheCurrentSchemaInWALMode()
    {
        var path = Path.Combine(_folder.Path, "a", "b", "state.db");

        await using (var store = await SqliteStateStore.OpenAsync(path))
            Assert.Equal(path, store.Path);

        using var connection = Inspect(path);
        Assert.Equal((long)SqliteStateStore.SchemaVersion, Scalar(connection, "PRAGMA user_version"));
        Assert.Equal(0x53594F52L, Scalar(connection, "PRAGMA application_id"));
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal("attempts,jobs,paused,runs,watermarks", Scalar(connection, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name)"));
    }

    [Fact]
    public async Task AnEmptyFileBecomesAStore()
    {
        var path = _folder.File("state.db");
        await File.WriteAllBytesAsync(path, []);

        await using var store = await SqliteStateStore.OpenAsync(path);

        Assert.Null(await store.GetRunAsync("x"));
    }

    [Fact]
    public async Task RandomBytesAreRefusedAndLeftUnchanged()
    {
        var bytes = new byte[64 * 1024];
        new Random(42).NextBytes(bytes);

        var error = await RefusedUnchanged("state.db", bytes);

        Assert.Contains("is not a SQLite database", error.Message);
    }

    [Fact]
    public async Task ATextFileIsRefusedAndLeftUnchanged()
    {
        var error = await RefusedUnchanged("state.db", "run_id,status\netl@2026-11-28T01:00:00Z,succeeded\n"u8.ToArray());

        Assert.Contains("is not a SQLite database", error.Message);
    }

    [Fact]
    public async Task ATruncatedDatabaseIsRefusedAndLeftUnchanged()
    {
        var path = await StoreWithRunsAsync(200);
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);

        var error = await RefusedUnchanged("state.db", bytes[..(bytes.Length / 2 / 4096 * 4096)]);

        Assert.Contains("is damaged", error.Message);
    }

    [Fact]
    public async Task ADatabaseWithADamagedPageIsRefusedAndLeftUnchanged()
    {
        var path = await StoreWithRunsAsync(200);
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        // Scribble over the middle of the file: some b-tree page no longer parses.
        new Random(7).NextBytes(bytes.AsSpan(bytes.Length / 2, 4096));

        var error = await RefusedUnchanged("state.db", bytes);

        Assert.Contains("is damaged", error.Message);
    }

    [Fact]
    public async Task AStoreFromTheFirstSchemaIsMigratedWithItsRunsKept()
    {
        var path = _folder.File("v1.db");
        using (var connection = Inspect(path, SqliteOpenMode.ReadWriteCreate))
        {
            Scalar(connection, SqliteSql.Migrations[0]);
            Scalar(connection, $"PRAGMA application_id = {0x53594F52}");
            Scalar(connection, "PRAGMA user_version = 1");
            Scalar(connection, """
                INSERT INTO runs (run_id, workflow, status, run_trigger, scheduled_at, definition_path, definition_json, params_json, lease_owner, lease_expires_at)
                VALUES ('etl@2026-11-28T01:00:00Z', 'etl', 'running', 'schedule', '2026-11-28T01:00:00.0000000Z', 'etl.flow', '{}', '{}', 'old-host', '2026-11-28T01:00:30.0000000Z')
                """);
        }

        await using var store = await SqliteStateStore.OpenAsync(path);

        var run = (await store.GetRunAsync("etl@2026-11-28T01:00:00Z"))!;
        Assert.Equal((RunStatus.Running, "old-host", (DateTimeOffset?)null), (run.Status, run.LeaseOwner, run.CancelRequestedAt));
        Assert.NotNull((await store.RequestCancelAsync(run.RunId, DateTimeOffset.UnixEpoch))!.CancelRequestedAt);
        Assert.True(await store.SetPausedAsync("etl", true, DateTimeOffset.UnixEpoch));
        using var inspect = Inspect(path);
        Assert.Equal((long)SqliteStateStore.SchemaVersion, Scalar(inspect, "PRAGMA user_version"));
    }

    [Fact]
    public async Task AStoreFromBeforeLeaseTokensIsMigratedWithItsRunsAndAttemptsKept()
    {
        var path = _folder.File("v2.db");
        using (var connection = Inspect(path, SqliteOpenMode.ReadWriteCreate))
        {
            Scalar(connection, SqliteSql.Migrations[0]);
            Scalar(connection, SqliteSql.Migrations[1]);
            Scalar(connection, $"PRAGMA application_id = {0x53594F52}");
            Scalar(connection, "PRAGMA user_version = 2");
            Scalar(connection, """
                INSERT INTO runs (run_id, workflow, status, run_trigger, scheduled_at, definition_path, definition_json, params_json, lease_owner, lease_expires_at)
                VALUES ('etl@2026-11-28T01:00:00Z', 'etl', 'running', 'schedule', '2026-11-28T01:00:00.0000000Z', 'etl.flow', '{}', '{}', 'old-host', '2026-11-28T01:00:30.0000000Z'),
                       ('etl@2026-11-29T01:00:00Z', 'etl', 'pending', 'backfill', '2026-11-29T01:00:00.0000000Z', 'etl.flow', '{}', '{}', NULL, NULL);
                INSERT INTO jobs (run_id, job, position, status, attempts, last_attempt) VALUES ('etl@2026-11-28T01:00:00Z', 'a', 0, 'running', 1, 1);
                INSERT INTO attempts (run_id, job, attempt, outcome, started_at) VALUES ('etl@2026-11-28T01:00:00Z', 'a', 1, 'running', '2026-11-28T01:00:01.0000000Z');
                """);
        }

        await using var store = await SqliteStateStore.OpenAsync(path, new FakeTimeProvider(T0.AddHours(1)));

        // A run leased before counts as claimed once; a queued one was never leased. An attempt from then has no known host.
        Assert.Equal(1, (await store.GetRunAsync("etl@2026-11-28T01:00:00Z"))!.LeaseToken);
        Assert.Equal(0, (await store.GetRunAsync("etl@2026-11-29T01:00:00Z"))!.LeaseToken);
        Assert.Null(Assert.Single(await store.GetAttemptsAsync("etl@2026-11-28T01:00:00Z")).Owner);
        var claimed = Assert.Single(await store.ClaimInterruptedRunsAsync("new-host", TimeSpan.FromSeconds(30)));
        Assert.Equal(2, claimed.LeaseToken);
        await store.StartAttemptAsync(claimed.RunId, "a", 2, T0.AddHours(1), claimed.LeaseToken);
        Assert.Equal([null, "new-host"], (await store.GetAttemptsAsync(claimed.RunId)).Select(a => a.Owner));
        using var inspect = Inspect(path);
        Assert.Equal((long)SqliteStateStore.SchemaVersion, Scalar(inspect, "PRAGMA user_version"));
    }

    [Fact]
    public async Task AStoreFromBeforeTraceContextsIsMigratedItsRunsWithoutOne()
    {
        var path = _folder.File("v4.db");
        using (var connection = Inspect(path, SqliteOpenMode.ReadWriteCreate))
        {
            foreach (var migration in SqliteSql.Migrations.Take(4))
                Scalar(connection, migration);
            Scalar(connection, $"PRAGMA application_id = {0x53594F52}");
            Scalar(connection, "PRAGMA user_version = 4");
            Scalar(connection, """
                INSERT INTO runs (run_id, workflow, status, run_trigger, scheduled_at, definition_path, definition_json, params_json, lease_owner, lease_expires_at, lease_token)
                VALUES ('etl@2026-11-28T01:00:00Z', 'etl', 'running', 'schedule', '2026-11-28T01:00:00.0000000Z', 'etl.flow', '{}', '{}', 'old-host', '2026-11-28T01:00:30.0000000Z', 1)
                """);
        }

        await using var store = await SqliteStateStore.OpenAsync(path, new FakeTimeProvider(T0));

        Assert.Null((await store.GetRunAsync("etl@2026-11-28T01:00:00Z"))!.TraceParent);
        var traced = new RunRecord("etl@2026-11-29T01:00:00Z", "etl", RunStatus.Running, RunTrigger.Schedule, T0, T0, null, "etl.flow", "{}", "{}")
        {
            TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        };
        Assert.Equal(RunCreation.Created, await store.TryCreateRunAsync(traced, ["a"], "new-host", TimeSpan.FromSeconds(30)));
        Assert.Equal(traced.TraceParent, (await store.GetRunAsync(traced.RunId))!.TraceParent);
        using var inspect = Inspect(path);
        Assert.Equal((long)SqliteStateStore.SchemaVersion, Scalar(inspect, "PRAGMA user_version"));
    }

    [Fact]
    public async Task ANewerSchemaIsRefusedAndLeftUnchanged()
    {
        var path = await StoreWithRunsAsync(1);
        using (var connection = Inspect(path, SqliteOpenMode.ReadWrite))
            Scalar(connection, $"PRAGMA user_version = {SqliteStateStore.SchemaVersion + 1}");
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);

        var error = await RefusedUnchanged("state #2 100%?.db", bytes);   // characters a file URI escapes

        Assert.Contains($"newer version of the orchestrator (schema version {SqliteStateStore.SchemaVersion + 1}", error.Message);
    }

    [Fact]
    public async Task AnotherApplicationsDatabaseIsRefusedAndLeftUnchanged()
    {
        var other = _folder.File("other.db");
        using (var connection = Inspect(other, SqliteOpenMode.ReadWriteCreate))
            Scalar(connection, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
        var bytes = await File.ReadAllBytesAsync(other);

        var error = await RefusedUnchanged("state.db", bytes);

        Assert.Contains("not an orchestrator state store", error.Message);
    }

    [Fact]
    public async Task WritesThatCompletedSurviveACrashOfTheProcess()
    {
        // Copying the file and its log while the store is open is what a kill -9 leaves behind.
        var path = _folder.File("state.db");
        var crashed = Path.Combine(_folder.Path, "crashed", "state.db");
        Directory.CreateDirectory(Path.GetDirectoryName(crashed)!);
        await using (var store = await SqliteStateStore.OpenAsync(path))
        {
            var run = new RunRecord("etl@x", "etl", RunStatus.Running, RunTrigger.Manual, T0, T0, null, "etl.flow", "{}", "{}");
            await store.TryCreateRunAsync(run, ["a"], "host", TimeSpan.FromMinutes(1));
            await store.StartAttemptAsync("etl@x", "a", 1, T0, 1);
            await store.FinishAttemptAsync(new AttemptFinish("etl@x", "a", 1, AttemptOutcome.Succeeded, T0, """{"n":1}""", null, [], JobStatus.Succeeded, 1));
            Assert.True(File.Exists(path + "-wal"));
            File.Copy(path, crashed);
            File.Copy(path + "-wal", crashed + "-wal");
        }

        await using var reopened = await SqliteStateStore.OpenAsync(crashed);
        Assert.Equal("""{"n":1}""", Assert.Single(await reopened.GetJobsAsync("etl@x")).OutputJson);
    }

    [Fact]
    public async Task TheWriterSyncsEveryCommitUnlessToldOtherwise()
    {
        await using (var store = await SqliteStateStore.OpenAsync(_folder.File("full.db")))
        {
            Assert.Equal(2L, await store.WriterPragmaAsync("synchronous"));   // FULL
            Assert.Equal(1L, await store.WriterPragmaAsync("foreign_keys"));
            Assert.Equal(30_000L, await store.WriterPragmaAsync("busy_timeout"));
        }
        await using (var store = await SqliteStateStore.OpenAsync(_folder.File("normal.db"), new SqliteStateStoreOptions { Synchronous = SqliteSynchronous.Normal }))
            Assert.Equal(1L, await store.WriterPragmaAsync("synchronous"));   // NORMAL
    }

    /// <summary>Writes <paramref name="bytes"/> as <paramref name="name"/>, opens it, and checks the refusal names the file and nothing in the folder changed.</summary>
    private async Task<StateStoreException> RefusedUnchanged(string name, byte[] bytes)
    {
        var path = _folder.File(name);
        await File.WriteAllBytesAsync(path, bytes);
        var before = _folder.Names();

        var error = await Assert.ThrowsAsync<StateStoreException>(() => SqliteStateStore.OpenAsync(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("left unchanged", error.Message);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal(before, _folder.Names());
        return error;
    }

    private async Task<string> StoreWithRunsAsync(int runs)
    {
        var path = _folder.File("made.db");
        await using var store = await SqliteStateStore.OpenAsync(path);
        for (var i = 0; i < runs; i++)
        {
            var run = new RunRecord($"etl-{i}", "etl", RunStatus.Succeeded, RunTrigger.Manual, T0, T0, T0, "etl.flow", new string('d', 500), "{}");
            await store.TryCreateRunAsync(run, ["a", "b"], "host", TimeSpan.FromMinutes(1));
        }
        return path;
    }

    private static SqliteConnection Inspect(string path, SqliteOpenMode mode = SqliteOpenMode.ReadOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
