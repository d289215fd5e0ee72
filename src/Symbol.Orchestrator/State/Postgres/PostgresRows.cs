using System.Data.Common;
using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.State.Postgres;

/// <summary>
/// Records from the rows the statements in <see cref="PostgresSql"/> select, column by column in their order, and
/// parameter values as PostgreSQL takes them.
/// </summary>
internal static class PostgresRows
{
    public static RunRecord Run(DbDataReader row) => new(
        RunId: row.GetString(0),
        Workflow: row.GetString(1),
        Status: StoreText.Parse<RunStatus>(row.GetString(2)),
        Trigger: StoreText.Parse<RunTrigger>(row.GetString(3)),
        ScheduledAt: row.GetFieldValue<DateTimeOffset>(4),
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

    public static JobRecord Job(DbDataReader row) => new(
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

    public static AttemptRecord Attempt(DbDataReader row) => new(
        RunId: row.GetString(0),
        Job: row.GetString(1),
        Attempt: row.GetInt32(2),
        Outcome: StoreText.Parse<AttemptOutcome>(row.GetString(3)),
        StartedAt: row.GetFieldValue<DateTimeOffset>(4),
        FinishedAt: Instant(row, 5),
        Error: Text(row, 6),
        Logs: StoreText.ParseLogs(Text(row, 7)))
    {
        Owner = Text(row, 8),
    };

    /// <summary>A run the sweep took over, with the owner whose lease ran out and when (the two columns after the run's).</summary>
    public static TakenOverRun TakenOver(DbDataReader row) => new(Run(row), Text(row, 15), Instant(row, 16));

    /// <summary>
    /// A value as a parameter: instants as UTC (what <c>timestamptz</c> takes), states as their text, null as NULL. Text
    /// loses what PostgreSQL cannot hold and SQLite can: a NUL character (written as U+2400 ␀), and a lone surrogate
    /// (written as U+FFFD), so a script that throws such a message still has its attempt recorded.
    /// </summary>
    public static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset instant => instant.UtcDateTime,
        string text => Storable(text),
        RunStatus status => EnumText.Name(status),
        JobStatus status => EnumText.Name(status),
        RunTrigger trigger => EnumText.Name(trigger),
        AttemptOutcome outcome => EnumText.Name(outcome),
        _ => value,
    };

    private static string Storable(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\0') && !text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
            return text;
        // Round-tripping through UTF-8 replaces lone surrogates and keeps pairs.
        return System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text)).Replace('\0', '\u2400');
    }

    private static string? Text(DbDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);

    private static DateTimeOffset? Instant(DbDataReader row, int column) =>
        row.IsDBNull(column) ? null : row.GetFieldValue<DateTimeOffset>(column);
}
