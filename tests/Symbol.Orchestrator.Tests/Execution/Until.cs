namespace Symbol.Orchestrator.Tests.Execution;

/// <summary>Polls a condition on real time: the executor works on other threads and a test waits for a state, not a duration.</summary>
internal static class Until
{
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
                throw new TimeoutException($"gave up waiting for {what}");
            await Task.Delay(5);
        }
    }
}
