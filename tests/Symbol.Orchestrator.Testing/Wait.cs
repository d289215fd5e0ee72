namespace Symbol.Orchestrator.Testing;

/// <summary>
/// Waits on a condition (a file appearing, a log line, a run finishing), never a fixed sleep. The bound is generous for
/// a busy 2-core machine; the failure names what was awaited, and what <c>context</c> says (a log) to explain it.
/// </summary>
public static class Wait
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    // A condition that turns true in microseconds (a scheduler on a fake clock settling) is seen at once by spinning;
    // one that takes a while (a child process writing a line) is checked every few milliseconds, not in a busy loop.
    private const int Spins = 50;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    public static void Until(Func<bool> condition, string what, Func<string>? context = null)
    {
        var deadline = Environment.TickCount64 + (long)Bound.TotalMilliseconds;
        var spin = new SpinWait();
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
                Fail(what, context);
            if (spin.Count < Spins)
                spin.SpinOnce(sleep1Threshold: -1);
            else
                Thread.Sleep(Interval);
        }
    }

    public static async Task UntilAsync(Func<bool> condition, string what, Func<string>? context = null)
    {
        var deadline = Environment.TickCount64 + (long)Bound.TotalMilliseconds;
        for (var checks = 0; !condition(); checks++)
        {
            if (Environment.TickCount64 > deadline)
                Fail(what, context);
            if (checks < Spins)
                await Task.Yield();
            else
                await Task.Delay(Interval);
        }
    }

    private static void Fail(string what, Func<string>? context) =>
        Assert.Fail($"timed out after {Bound.TotalSeconds} s waiting for {what}{(context is null ? "" : $"\n{context()}")}");
}
