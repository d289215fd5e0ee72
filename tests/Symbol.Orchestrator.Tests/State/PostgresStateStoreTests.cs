using Npgsql;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.State.Postgres;

namespace Symbol.Orchestrator.Tests.State;

/// <summary>
/// The store contract on PostgreSQL, each test in a fresh database on the test process's private server
/// (<see cref="PrivatePostgres"/>); skipped, saying how to get PostgreSQL, where none is installed, and never in CI.
/// </summary>
[RequiresPostgres]
public sealed class PostgresStateStoreTests : StateStoreContractTests
{
    private string? _database;

    protected override async Task<IStateStore> OpenStoreAsync(TimeProvider time)
    {
        _database ??= await PrivatePostgres.CreateDatabaseAsync();
        return await PostgresStateStore.OpenAsync(PostgresUrl.Parse(Url(_database)), time);
    }

    private static string Url(string connectionString) => PrivatePostgres.Url(connectionString);

    [StoreFact]
    public async Task AStoreOpenedAgainAndByAnotherHostAtOnceKeepsOneSchema()
    {
        var url = PostgresUrl.Parse(Url(_database!));
        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresStateStore.OpenAsync(url, Time))));
        foreach (var store in opened)
            await store.DisposeAsync();

        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT count(*), max(version) FROM schema_version", connection);
        await using var reader = await read.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((1L, PostgresStateStore.SchemaVersion), (reader.GetInt64(0), reader.GetInt32(1)));
    }

    [StoreFact]
    public async Task ADatabaseThatDoesNotExistIsNamedWithWhatToDo()
    {
        var missing = new NpgsqlConnectionStringBuilder(_database) { Database = "no_such_database" }.ConnectionString;

        var refused = await Assert.ThrowsAsync<StateStoreException>(() => PostgresStateStore.OpenAsync(PostgresUrl.Parse(Url(missing)), Time));

        Assert.StartsWith($"The state store {Url(missing)} names a database that does not exist", refused.Message);
        Assert.Contains("create it first", refused.Message);
    }

    [StoreFact]
    public async Task ANewerSchemaIsRefusedAndLeftAlone()
    {
        await using (var connection = new NpgsqlConnection(_database))
        {
            await connection.OpenAsync();
            await using var bump = new NpgsqlCommand("UPDATE schema_version SET version = 99", connection);
            await bump.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<StateStoreException>(() => PostgresStateStore.OpenAsync(PostgresUrl.Parse(Url(_database!)), Time));

        Assert.Contains($"was written by a newer version of the orchestrator (schema version 99; this version reads up to {PostgresStateStore.SchemaVersion})", refused.Message);
        Assert.StartsWith($"The state store {Url(_database!)} ", refused.Message);
    }

    [StoreFact]
    public async Task AStoreFromBeforeTraceContextsIsMigratedItsRunsWithoutOne()
    {
        var old = await CreateAsync("etl", T0);
        await using (var connection = new NpgsqlConnection(_database))
        {
            await connection.OpenAsync();
            await using var downgrade = new NpgsqlCommand(
                $"ALTER TABLE runs DROP COLUMN traceparent; UPDATE schema_version SET version = {PostgresStateStore.SchemaVersion - 1}", connection);
            await downgrade.ExecuteNonQueryAsync();
        }

        await ReopenAsync();

        Assert.Null((await Store.GetRunAsync(old.RunId))!.TraceParent);
        var traced = NewRun("etl", T0.AddDays(1)) with { TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" };
        Assert.Equal(RunCreation.Created, await Store.TryCreateRunAsync(traced, ["a"], "host-a", Lease));
        Assert.Equal(traced.TraceParent, (await Store.GetRunAsync(traced.RunId))!.TraceParent);
    }

    [StoreFact]
    public async Task TextPostgresCannotHoldIsKeptReadableInsteadOfFailingTheWrite()
    {
        var run = await CreateAsync("etl", T0);
        await Store.StartAttemptAsync(run.RunId, "ingest", 1, T0, 1);

        await Store.FinishAttemptAsync(new AttemptFinish(run.RunId, "ingest", 1, AttemptOutcome.Failed, T0, null, "nul\0 and lone \uD800", ["ok"], JobStatus.Failed, 1));

        Assert.Equal("nul\u2400 and lone \uFFFD", (await Store.GetJobsAsync(run.RunId))[0].Error);
    }

    [StoreFact]
    public async Task TenThousandQueuedRunsAreCreatedInOneCall()
    {
        var runs = Enumerable.Range(0, 10_000)
            .Select(i => new NewRun(NewRun("etl", T0.AddMinutes(i), RunStatus.Pending, trigger: RunTrigger.Backfill), ["ingest", "load"]))
            .ToList();

        var created = await Store.EnqueueRunsAsync(runs);

        Assert.Equal(runs.Select(r => r.Run.RunId), created);
        Assert.Equal(["ingest", "load"], (await Store.GetJobsAsync(created[^1])).Select(j => j.Job));
    }
}
