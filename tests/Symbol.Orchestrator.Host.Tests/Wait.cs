namespace Symbol.Orchestrator.Host.Tests;

/// <summary>Waits on a condition (a file appearing, a log line), never a fixed sleep; bounds are generous for a busy 2-core machine.</summary>
internal static class Wait
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static void Until(Func<bool> condition, string what, Func<string>? context = null)
    {
        if (!SpinWait.SpinUntil(() => { Thread.Sleep(20); return condition(); }, Bound))
            Assert.Fail($"timed out after {Bound.TotalSeconds} s waiting for {what}{(context is null ? "" : $"\n{context()}")}");
    }
}
