using System.Diagnostics;
using Npgsql;

namespace Symbol.Orchestrator.Tests.Testing;

/// <summary>The test kit's private PostgreSQL: a server of the test process's own, a fresh database per ask.</summary>
public sealed class PrivatePostgresTests
{
    [PostgresFact]
    public async Task EachDatabaseIsFreshAndApart_OnALoopbackServerWithFsyncOn()
    {
        var first = await PrivatePostgres.CreateDatabaseAsync();
        var second = await PrivatePostgres.CreateDatabaseAsync();
        Assert.NotEqual(first, second);

        await using (var a = await OpenAsync(first))
        {
            Assert.Equal(1, await ScalarAsync(a, "SELECT 1"));
            await ExecuteAsync(a, "CREATE TABLE runs (id text PRIMARY KEY); INSERT INTO runs VALUES ('etl@2026-11-28T01:00:00Z')");
            Assert.Equal("on", await ScalarAsync(a, "SELECT current_setting('fsync')"));
            Assert.Equal("127.0.0.1", await ScalarAsync(a, "SELECT current_setting('listen_addresses')"));
        }
        await using (var b = await OpenAsync(second))
        {
            Assert.Equal(0L, await ScalarAsync(b, "SELECT count(*) FROM pg_tables WHERE tablename = 'runs'"));
            await ExecuteAsync(b, "CREATE TABLE runs (id text PRIMARY KEY)");
            Assert.Equal(0L, await ScalarAsync(b, "SELECT count(*) FROM runs"));
        }
        await using (var a = await OpenAsync(first))
            Assert.Equal(1L, await ScalarAsync(a, "SELECT count(*) FROM runs"));
    }

    [PostgresFact]
    public async Task ManyClassesAskingAtOnce_ShareOneServer()
    {
        var databases = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(PrivatePostgres.CreateDatabaseAsync)));

        Assert.Equal(8, databases.Distinct().Count());
        Assert.Single(databases.Select(d => new NpgsqlConnectionStringBuilder(d).Port).Distinct());
    }

    [PostgresFact]
    public async Task Url_IsTheStateAUserWrites_ForTheSameDatabase()
    {
        var database = await PrivatePostgres.CreateDatabaseAsync();
        var builder = new NpgsqlConnectionStringBuilder(database);

        Assert.Equal($"postgres://postgres@127.0.0.1:{builder.Port}/{builder.Database}", PrivatePostgres.Url(database));
    }

    [Fact]
    public void Url_EscapesWhatAUrlCannotHoldAsIs() =>
        Assert.Equal("postgres://ops%20team@127.0.0.1:5433/state%2Fa", PrivatePostgres.Url("Host=127.0.0.1;Port=5433;Username=ops team;Database=state/a"));

    [PostgresFact]
    public async Task AServerWhoseOwnerWasKilled_IsStoppedAndRemoved_ByTheNextStart()
    {
        var server = await PostgresServer.StartAsync(fsync: false);
        var database = await server.CreateDatabaseAsync();
        await File.WriteAllTextAsync(Path.Combine(server.Folder, PostgresServer.OwnerFile), $"{DeadProcessId()} 0");

        var removed = PostgresServer.RemoveStale();

        Assert.Contains(server.Folder, removed);
        Assert.False(Directory.Exists(server.Folder));
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await OpenAsync(database));
        await server.DisposeAsync();
    }

    [PostgresFact]
    public async Task TheSweep_LeavesTheServerOfALiveProcessAlone()
    {
        var database = await PrivatePostgres.CreateDatabaseAsync();

        PostgresServer.RemoveStale();

        await using var connection = await OpenAsync(database);
        Assert.Equal(1, await ScalarAsync(connection, "SELECT 1"));
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static int DeadProcessId()
    {
        using var process = Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }
}
