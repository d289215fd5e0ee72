using System.Threading.Channels;

namespace Symbol.Orchestrator.Hosting;

/// <summary>One reader of the <see cref="HostEvents"/>: its events in order, and how many it lost by falling behind.</summary>
public sealed class HostEventSubscription : IDisposable
{
    private readonly HostEvents _hub;
    private readonly Channel<HostEvent> _events;
    private readonly Func<HostEvent, bool>? _wanted;
    private long _dropped;

    internal HostEventSubscription(HostEvents hub, int capacity, Func<HostEvent, bool>? wanted)
    {
        _hub = hub;
        _wanted = wanted;
        _events = Channel.CreateBounded<HostEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    public ChannelReader<HostEvent> Reader => _events.Reader;

    /// <summary>Events dropped because this reader fell <c>capacity</c> events behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal void Offer(HostEvent e)
    {
        if (_wanted is null || _wanted(e))
            _events.Writer.TryWrite(e);
    }

    internal void Complete() => _events.Writer.TryComplete();

    public void Dispose()
    {
        _hub.Unsubscribe(this);
        Complete();
    }
}
