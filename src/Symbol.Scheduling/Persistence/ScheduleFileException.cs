namespace Symbol.Scheduling;

/// <summary>A saved schedule that cannot be loaded: corrupt, truncated, or naming a job with no registered callable.</summary>
public sealed class ScheduleFileException(string message, Exception? inner = null) : Exception(message, inner);
