using System.Globalization;

namespace Symbol.Orchestrator.Reports;

/// <summary>How the CLI prints an instant: ISO 8601 with its offset, seconds always, fractions only when present.</summary>
internal static class Iso
{
    public static string Format(DateTimeOffset instant) =>
        instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>To the whole second, for a column or a sentence; the --json documents keep the fractions.</summary>
    public static string FormatSeconds(DateTimeOffset instant) => Format(instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerSecond)));
}
