using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Reports;

/// <summary>
/// Whether a run the store calls active is worked on by anyone. A host killed with <c>kill -9</c> leaves its runs
/// <c>running</c>; they are stale once the host is known gone (no host holds the store's lock, see
/// <see cref="SqliteHostLock.GoneHostOwners"/>) or their lease ran out (a <c>trigger</c> process that died).
/// </summary>
internal static class RunStaleness
{
    /// <summary>Why <paramref name="run"/> is stale, e.g. <c>host vm:123 gone; resumes at the next start</c>; null when it is finished or its owner is alive.</summary>
    public static string? Reason(RunRecord run, IReadOnlyCollection<string> goneHosts, DateTimeOffset now)
    {
        // A queued run (a backfill's) waits for a taker by design: it has no lease to expire.
        if (run.Status is not (RunStatus.Running or RunStatus.Pending) || run.IsQueued)
            return null;
        // A host resumes such runs when it starts (SQLite serves one host, which claims them then).
        if (run.LeaseOwner is { } owner && goneHosts.Contains(owner))
            return $"host {owner} gone; resumes at the next start";
        if (run.LeaseExpiresAt is not { } expires || expires <= now)
            return $"lease of {run.LeaseOwner ?? "no owner"} expired{(run.LeaseExpiresAt is { } at ? " at " + Iso.Format(at) : "")}; resumes at the next start";
        return null;
    }
}
