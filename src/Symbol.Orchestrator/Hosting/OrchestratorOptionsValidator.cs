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
        if (o.ShutdownGrace < TimeSpan.Zero)
            yield return $"{S}:ShutdownGrace must not be negative (found {o.ShutdownGrace})";
        if (o.ReloadDebounce < TimeSpan.Zero)
            yield return $"{S}:ReloadDebounce must not be negative (found {o.ReloadDebounce})";
        if (string.IsNullOrWhiteSpace(o.Owner))
            yield return $"{S}:Owner must not be empty";
        if (o.Script.Timeout <= TimeSpan.Zero)
            yield return $"{S}:Script:Timeout must be positive (found {o.Script.Timeout})";
        if (o.Script.MemoryMb < 1)
            yield return $"{S}:Script:MemoryMb must be 1 or more (found {o.Script.MemoryMb})";
        if (o.Script.MaxStatements < 0)
            yield return $"{S}:Script:MaxStatements must be 0 (no cap) or more (found {o.Script.MaxStatements})";
        if (o.Script.MaxRecursion < 1)
            yield return $"{S}:Script:MaxRecursion must be 1 or more (found {o.Script.MaxRecursion})";
        if ((o.Script.Roots ?? []).Any(string.IsNullOrWhiteSpace))
            yield return $"{S}:Script:Roots must list folders; it has an empty entry";
    }
}
