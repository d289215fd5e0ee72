using Microsoft.Extensions.Options;

namespace Symbol.Orchestrator.Hosting;

/// <summary>Checks <see cref="OrchestratorOptions"/> at start-up; every failure names its key as written in <c>orchestrator.json</c>.</summary>
internal sealed class OrchestratorOptionsValidator : IValidateOptions<OrchestratorOptions>
{
    public ValidateOptionsResult Validate(string? name, OrchestratorOptions options)
    {
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Every duration setting and its range. A bound is needed above as well as below: a value past what a timer
    /// takes (about 49 days) passed a "not negative" check, then crashed the host where it was first used
    /// (<c>ReloadDebounce</c> of 3650 days at the first file change, <c>ShutdownGrace</c> at SIGTERM).
    /// </summary>
    internal static readonly DurationRange[] Durations =
    [
        new("ShutdownGrace", o => o.ShutdownGrace, TimeSpan.Zero, TimeSpan.FromHours(1)),
        new("ReloadDebounce", o => o.ReloadDebounce, TimeSpan.Zero, TimeSpan.FromMinutes(1)),
        new("Script:Timeout", o => o.Script.Timeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1)),
    ];

    public static IEnumerable<string> Failures(OrchestratorOptions o)
    {
        const string S = OrchestratorOptions.Section;
        if (string.IsNullOrWhiteSpace(o.Workflows))
            yield return $"{S}:Workflows must name a folder";
        if (string.IsNullOrWhiteSpace(o.State))
            yield return $"{S}:State must name a file";
        else if (o.State.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || o.State.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            // Taken as a path, it would quietly become a SQLite file called "postgres:".
            yield return $"{S}:State: a PostgreSQL store (postgres://…) is not supported by this build yet; give a SQLite file path such as .orchestrator/state.db";
        if (string.IsNullOrWhiteSpace(o.Data))
            yield return $"{S}:Data must name a folder";
        if (o.MaxParallelJobs < 1)
            yield return $"{S}:MaxParallelJobs must be 1 or more (found {o.MaxParallelJobs})";
        if (o.CatchupLimit < 0)
            yield return $"{S}:CatchupLimit must be 0 or more (found {o.CatchupLimit})";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(o.DefaultTimeZone ?? "", out _))
            yield return $"{S}:DefaultTimeZone '{o.DefaultTimeZone}' is not a known time zone (try \"UTC\" or \"Europe/Berlin\")";
        foreach (var duration in Durations)
            if (duration.Value(o) is var value && (value < duration.Min || value > duration.Max))
                yield return $"{S}:{duration.Key} must be from {Text(duration.Min)} to {Text(duration.Max)} (found {value})";
        if (string.IsNullOrWhiteSpace(o.Owner))
            yield return $"{S}:Owner must not be empty";
        if (o.Script.MemoryMb < 1)
            yield return $"{S}:Script:MemoryMb must be 1 or more (found {o.Script.MemoryMb})";
        if (o.Script.MaxStatements < 0)
            yield return $"{S}:Script:MaxStatements must be 0 (no cap) or more (found {o.Script.MaxStatements})";
        if (o.Script.MaxRecursion < 1)
            yield return $"{S}:Script:MaxRecursion must be 1 or more (found {o.Script.MaxRecursion})";
    }

    // As orchestrator.json spells a duration: 00:00:00.001, 00:01:00, 1.00:00:00.
    private static string Text(TimeSpan span)
    {
        var time = span.ToString(span.Milliseconds == 0 ? @"hh\:mm\:ss" : @"hh\:mm\:ss\.fff", System.Globalization.CultureInfo.InvariantCulture);
        return span.Days > 0 ? $"{span.Days}.{time}" : time;
    }

    internal sealed record DurationRange(string Key, Func<OrchestratorOptions, TimeSpan> Value, TimeSpan Min, TimeSpan Max);
}
