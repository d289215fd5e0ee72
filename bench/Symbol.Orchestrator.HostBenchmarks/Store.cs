using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Symbol.Orchestrator.HostBenchmarks;

internal readonly record struct StoredRun(string Workflow, DateTimeOffset ScheduledAt, DateTimeOffset? StartedAt, string Status);

/// <summary>Reads the runs table of the host's SQLite store (read-only, after the host stopped).</summary>
internal static class Store
{
    public static IReadOnlyList<StoredRun> Runs(string path)
    {
        if (!File.Exists(path))
            return [];
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT workflow, scheduled_at, started_at, status FROM runs";
        using var reader = command.ExecuteReader();
        var runs = new List<StoredRun>();
        while (reader.Read())
            runs.Add(new StoredRun(reader.GetString(0), Instant(reader.GetString(1)), reader.IsDBNull(2) ? null : Instant(reader.GetString(2)), reader.GetString(3)));
        return runs;
    }

    // The store writes instants as fixed-width UTC text (State/StoreText.cs).
    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
