namespace Symbol.Orchestrator.State;

/// <summary>How a <see cref="SqliteStateStore"/> opens its file.</summary>
public sealed class SqliteStateStoreOptions
{
    /// <summary>The clock leases are read from.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How far a commit is synced before a write completes; <see cref="SqliteSynchronous.Full"/> unless chosen otherwise.</summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>How long a statement waits for another process's lock on the file before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>SQLite's <c>PRAGMA synchronous</c>, in WAL mode.</summary>
public enum SqliteSynchronous
{
    /// <summary>Each commit is fsynced: a completed write survives a crash of the process and a power loss.</summary>
    Full,

    /// <summary>The log is fsynced only at checkpoints: a completed write survives a crash of the process, but a power loss may undo the last commits.</summary>
    Normal,
}
