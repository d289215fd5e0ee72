namespace Symbol.Orchestrator.State;

/// <summary>
/// A write about a run's work carried a lease token the run no longer has: another owner claimed the run after this
/// one's lease ran out (a long pause, a network cut), so the write changed nothing. Whoever gets it stops working on the
/// run at once and records nothing more about it: the run's new holder owns its history from the claim on.
/// </summary>
public sealed class LeaseLostException(string runId, string? holder)
    : InvalidOperationException($"Lost the lease of run {runId}: {(holder is null ? "another owner took it over" : $"{holder} took it over")}")
{
    public string RunId { get; } = runId;

    /// <summary>The owner holding the run's lease now, as the store read it when it refused the write; null if none.</summary>
    public string? Holder { get; } = holder;
}
