using System.Diagnostics;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// Gathers the host's run events into a <see cref="ChangesEvent"/> at most once a <see cref="Every"/>, raised on the same
/// <see cref="HostEvents"/>. One digest serves every stream that asks for <c>changes</c>, so a hundred open dashboards cost
/// the host one subscriber and a hundred small writes a second, not a hundred copies of every run. It listens only while
/// some stream uses it (<see cref="Use"/>), so a host nobody watches builds no events at all.
/// </summary>
public sealed class ChangesDigest
{
    /// <summary>The shortest time between two digests: a page re-drawn once a second still looks live.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    /// <summary>How long a digest waits after the first change of a quiet spell, to take the rest of its burst along.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(100);

    /// <summary>The most runs one digest names: a page's worth and more; beyond it a page re-reads its list.</summary>
    public const int MaxRuns = 100;

    // Runs a digest may fall behind by within one period before it counts the rest as omitted: two seconds of a very busy host.
    private const int Capacity = 16_384;

    private readonly HostEvents _hub;
    private readonly Lock _change = new();
    private HostEventSubscription? _source;
    private int _users;

    internal ChangesDigest(HostEvents hub) => _hub = hub;

    /// <summary>Keeps the digest running until the returned object is disposed (a stream that wants <c>changes</c> holds one).</summary>
    public IDisposable Use()
    {
        lock (_change)
        {
            if (_users++ == 0)
            {
                _source = _hub.Subscribe(Capacity, e => e is RunEvent);
                var source = _source;
                _ = Task.Run(() => DigestAsync(source));
            }
        }
        return new User(this);
    }

    private void Release()
    {
        lock (_change)
        {
            if (--_users == 0)
            {
                _source?.Dispose();
                _source = null;
            }
        }
    }

    // Until its source completes (the last user went, or the host stopped): wait for a change, let the period since the last
    // digest pass, then raise one digest of everything that came.
    private async Task DigestAsync(HostEventSubscription source)
    {
        var reader = source.Reader;
        var last = 0L;
        long droppedSaid = 0;
        var changed = new List<RunEvent>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var sinceLast = last == 0 ? Every : Stopwatch.GetElapsedTime(last);
            await Task.Delay(sinceLast >= Every - Gather ? Gather : Every - sinceLast).ConfigureAwait(false);
            changed.Clear();
            while (reader.TryRead(out var e))
                changed.Add((RunEvent)e);
            var dropped = source.Dropped;
            var digest = Digest(changed, (int)(dropped - droppedSaid));
            droppedSaid = dropped;
            last = Stopwatch.GetTimestamp();
            if (digest.Runs.Count > 0 || digest.Omitted > 0)
                _hub.Raise(digest);
        }
    }

    /// <summary>The latest event of each run in <paramref name="changed"/>, the newest <see cref="MaxRuns"/> runs, oldest first.</summary>
    internal static ChangesEvent Digest(IReadOnlyList<RunEvent> changed, int dropped)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var newest = new List<RunEvent>();
        var omitted = dropped;
        for (var i = changed.Count - 1; i >= 0; i--)
        {
            var e = changed[i];
            if (!seen.Add(e.RunId))
                continue;
            if (newest.Count < MaxRuns)
                newest.Add(e);
            else
                omitted++;
        }
        newest.Reverse();
        return new ChangesEvent(newest, omitted);
    }

    private sealed class User(ChangesDigest digest) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                digest.Release();
        }
    }
}
