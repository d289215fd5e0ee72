using Npgsql;

namespace Symbol.Orchestrator.Testing;

/// <summary>
/// The PostgreSQL server of this test process (a <see cref="PostgresServer"/>, started once on first use however many
/// test classes ask at once, stopped when the process exits) and a fresh database on it for each test that asks.
/// </summary>
public static class PrivatePostgres
{
    /// <summary>Set to 1 (CI does), a machine without PostgreSQL fails the PostgreSQL tests instead of skipping them.</summary>
    // Not ORCHESTRATOR_…: the hosts the tests start would read it as a setting, and refuse it as unknown.
    public const string RequireVariable = "REQUIRE_POSTGRES_TESTS";

    private static readonly Lazy<Task<PostgresServer>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Why PostgreSQL tests cannot run here (no PostgreSQL installed: it says how to get it), or null. Never a reason
    /// when <see cref="RequireVariable"/> is 1: a missing PostgreSQL then fails the tests instead of skipping them.
    /// </summary>
    public static string? SkipReason { get; } = Required ? null : PostgresServer.Unavailable();

    private static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>
    /// A fresh, empty database on this process's server as an Npgsql connection string
    /// (<c>Host=127.0.0.1;Port=…;Username=…;Database=…</c>; no password: trust authentication on 127.0.0.1).
    /// </summary>
    public static async Task<string> CreateDatabaseAsync() => await (await Server.Value).CreateDatabaseAsync();

    /// <summary>The database of <paramref name="connectionString"/> as a user writes it in <c>State</c>: <c>postgres://user@127.0.0.1:port/db</c>.</summary>
    public static string Url(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{Uri.EscapeDataString(builder.Username ?? "")}@{builder.Host}:{builder.Port}/{Uri.EscapeDataString(builder.Database ?? "")}";
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (PostgresServer.Unavailable() is { } reason)
            throw new InvalidOperationException($"{reason} ({RequireVariable}=1 is set, so the PostgreSQL tests fail rather than skip)");
        var server = await PostgresServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAtExit();
        return server;
    }
}
