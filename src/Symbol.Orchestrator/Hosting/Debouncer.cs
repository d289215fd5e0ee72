namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// Calls an action once a burst of pokes has been quiet for a while, on the <see cref="TimeProvider"/>:
/// an editor's save is often several writes (truncate, write, rename), and one reload should see the result.
/// </summary>
internal sealed class Debouncer : IDisposable
{
    private readonly ITimer _timer;
    private readonly TimeSpan _quiet;

    public Debouncer(TimeProvider time, TimeSpan quiet, Action action)
    {
        _quiet = quiet;
        _timer = time.CreateTimer(_ => action(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>(Re)starts the quiet period: the action runs <c>quiet</c> after the last poke.</summary>
    public void Poke() => _timer.Change(_quiet, Timeout.InfiniteTimeSpan);

    public void Dispose() => _timer.Dispose();
}
