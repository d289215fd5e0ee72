using System.Text;

namespace Symbol.Orchestrator.Cli.Output;

/// <summary>Prints a duration the way a .flow file writes one: <c>1h30m</c>, <c>250ms</c>.</summary>
internal static class Durations
{
    public static string Format(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
            return "0s";
        var text = new StringBuilder();
        Part(text, span.Days, "d");
        Part(text, span.Hours, "h");
        Part(text, span.Minutes, "m");
        Part(text, span.Seconds, "s");
        Part(text, span.Milliseconds, "ms");
        return text.ToString();
    }

    private static void Part(StringBuilder text, int value, string unit)
    {
        if (value > 0)
            text.Append(value).Append(unit);
    }
}
