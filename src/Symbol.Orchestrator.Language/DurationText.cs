namespace Symbol.Orchestrator.Language;

/// <summary>
/// A duration written the way a .flow file writes one (<c>1h30m</c>, <c>250ms</c>), to the nearest millisecond: a
/// job's run time, a script's timeout, a catch-up window. Anything under half a millisecond, zero included, is <c>0ms</c>.
/// </summary>
internal static class DurationText
{
    public static string Format(TimeSpan span)
    {
        var milliseconds = Math.Round(span.TotalMilliseconds);
        if (milliseconds <= 0)
            return "0ms";
        // TimeSpan.MaxValue rounds up past what a TimeSpan holds.
        var rounded = milliseconds >= TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.MaxValue : TimeSpan.FromMilliseconds(milliseconds);
        (int Amount, string Unit)[] parts =
            [(rounded.Days, "d"), (rounded.Hours, "h"), (rounded.Minutes, "m"), (rounded.Seconds, "s"), (rounded.Milliseconds, "ms")];
        return string.Concat(parts.Where(p => p.Amount > 0).Select(p => $"{p.Amount}{p.Unit}"));
    }
}
