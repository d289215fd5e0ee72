using Microsoft.Data.Sqlite;

namespace Symbol.Orchestrator.State;

/// <summary>Records from the rows the statements in <see cref="SqliteSql"/> select, column by column in their order.</summary>
internal static class SqliteRows
{
    public static RunRecord Run(SqliteDataReader row) => new(
        RunId: row.GetString(0),
        Workflow: row.GetString(1),
        Status: StoreText.Parse<RunStatus>(row.GetString(2)),
        Trigger: StoreText.Parse<RunTrigger>(row.GetString(3)),
        ScheduledAt: StoreText.ParseInstant(row.GetString(4)),
        StartedAt: Instant(row, 5),
        FinishedAt: Instant(row, 6),
        DefinitionPath: row.GetString(7),
        DefinitionJson: row.GetString(8),
        ParamsJson: row.GetString(9))
    {
        LeaseOwner = Text(row, 10),
        LeaseExpiresAt = Instant(row, 11),
        CancelRequestedAt = Instant(row, 12),
        LeaseToken = row.GetInt64(13),
        TraceParent = Text(row, 14),
    };

    public static JobRecord Job(SqliteDataReader row) => new(
        RunId: row.GetString(0),
        Job: row.GetString(1),
        Status: StoreText.Parse<JobStatus>(row.GetString(2)),
        Attempts: row.GetInt32(3),
        OutputJson: Text(row, 4),
        Error: Text(row, 5),
        StartedAt: Instant(row, 6),
        FinishedAt: Instant(row, 7))
    {
        LastAttempt = row.GetInt32(8),
        RunTime = row.IsDBNull(9) ? null : TimeSpan.FromMilliseconds(row.GetInt64(9)),
    };

    public static AttemptRecord Attempt(SqliteDataReader row) => new(
        RunId: row.GetString(0),
        Job: row.GetString(1),
        Attempt: row.GetInt32(2),
        Outcome: StoreText.Parse<AttemptOutcome>(row.GetString(3)),
        StartedAt: StoreText.ParseInstant(row.GetString(4)),
        FinishedAt: Instant(row, 5),
        Error: Text(row, 6),
        Logs: StoreText.ParseLogs(Text(row, 7)))
    {
        Owner = Text(row, 8),
    };

    private static string? Text(SqliteDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);

    private static DateTimeOffset? Instant(SqliteDataReader row, int column) =>
        row.IsDBNull(column) ? null : StoreText.ParseInstant(row.GetString(column));
}
