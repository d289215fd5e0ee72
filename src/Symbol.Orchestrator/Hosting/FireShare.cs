using System.Text;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// Which host fires a workflow first when several share a store: the live host that ranks highest for the workflow's name
/// (rendezvous hashing, so a host joining or leaving moves only its share). The others are its standbys: they fire
/// <see cref="StandbyDelay"/> later, and only if the fire was not acted on by then. Every host still schedules every
/// workflow, so a fire whose first host is gone, or late, still runs; the store's run id keeps it to once.
/// </summary>
internal static class FireShare
{
    /// <summary>
    /// How long a standby waits before it acts on a fire: long enough for the first host to have recorded it (a few
    /// milliseconds when it is alive), short enough that a fire whose first host died is late by only this much until its
    /// heartbeat goes stale. Not a whole second, so a standby's look at one fire does not meet the next second's fire.
    /// </summary>
    public static readonly TimeSpan StandbyDelay = TimeSpan.FromMilliseconds(1500);

    /// <summary>True when <paramref name="self"/> is a standby for <paramref name="workflow"/>: another live host fires it first.</summary>
    public static bool IsStandby(string workflow, string self, IReadOnlyList<string> live)
    {
        if (live.Count < 2 || !live.Contains(self, StringComparer.Ordinal))
            return false;
        var first = live.MaxBy(owner => (Rank(owner, workflow), owner), Comparer<(uint, string)>.Create((a, b) =>
            a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : string.CompareOrdinal(a.Item2, b.Item2)))!;
        return !string.Equals(first, self, StringComparison.Ordinal);
    }

    // FNV-1a over the owner and the name: the same on every host and every run of the process, unlike string.GetHashCode.
    // Then MurmurHash3's finalizer: FNV alone ranks owners that differ in one character (host-a, host-b, host-c) almost the
    // same way for every name, so one host was first for 40 % of 1,000 workflows and another for 26 %.
    private static uint Rank(string owner, string workflow)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(owner + "\n" + workflow))
            hash = (hash ^ b) * 16777619u;
        hash ^= hash >> 16;
        hash *= 0x85ebca6bu;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35u;
        return hash ^ (hash >> 16);
    }
}
