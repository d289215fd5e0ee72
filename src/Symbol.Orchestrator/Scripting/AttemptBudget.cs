using System.Diagnostics;

namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// The wall time and cancellation of one attempt, for the host calls a script makes (<c>sleep</c>,
/// <c>http</c>) that block outside Jint's own statement checks: they wait at most what is left.
/// </summary>
internal sealed class AttemptBudget(TimeSpan timeout, CancellationToken cancellationToken)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    private readonly long _started = Stopwatch.GetTimestamp();

    public TimeSpan Timeout { get; } = timeout;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>What is left, at most ~24 days so it fits every timer and wait handle.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var left = Timeout - Stopwatch.GetElapsedTime(_started);
            return left <= TimeSpan.Zero ? TimeSpan.Zero : left > MaxWait ? MaxWait : left;
        }
    }

    /// <summary>Throws what Jint's own deadline would: cancellation first, then the timeout.</summary>
    public void ThrowIfOver()
    {
        CancellationToken.ThrowIfCancellationRequested();
        if (Remaining == TimeSpan.Zero)
        {
            throw new TimeoutException("The attempt's time budget elapsed.");
        }
    }

    /// <summary><c>sleep(ms)</c>: waits, but never past the timeout, and wakes at once on cancellation.</summary>
    public void Sleep(TimeSpan wait)
    {
        var left = Remaining;
        var slice = wait < left ? wait : left;
        if (slice > TimeSpan.Zero && CancellationToken.WaitHandle.WaitOne(slice))
        {
            CancellationToken.ThrowIfCancellationRequested();
        }
        if (wait >= left)
        {
            ThrowIfOver();
            throw new TimeoutException("The attempt's time budget elapsed.");
        }
    }
}
