using Microsoft.Extensions.Options;
using Symbol.Orchestrator.State.Postgres;

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
        // Renewed every third: below 3 s a renewal could not outlast a slow store write or a GC pause, and hosts would take each other's live runs.
        new("Lease", o => o.Lease, TimeSpan.FromSeconds(3), TimeSpan.FromHours(1)),
    ];

    public static IEnumerable<string> Failures(OrchestratorOptions o)
    {
        const string S = OrchestratorOptions.Section;
        if (string.IsNullOrWhiteSpace(o.Workflows))
            yield return $"{S}:Workflows must name a folder";
        else if (FolderProblem("Workflows", o.Workflows, o.ConfigFolder) is { } workflows)
            yield return workflows;
        if (string.IsNullOrWhiteSpace(o.State))
            yield return $"{S}:State must name a file";
        else if (PostgresUrl.IsUrl(o.State))
        {
            // Never taken as a path: it would quietly become a SQLite file called "postgres:".
            if (!PostgresUrl.TryParse(o.State, out _, out var problem))
                yield return $"{S}:State {problem}";
        }
        else if (StateProblem(o.State, o.ConfigFolder) is { } state)
            yield return state;
        if (string.IsNullOrWhiteSpace(o.Data))
            yield return $"{S}:Data must name a folder";
        else if (FolderProblem("Data", o.Data, o.ConfigFolder) is { } data)
            yield return data;
        if (o.MaxParallelJobs < 1)
            yield return $"{S}:MaxParallelJobs must be 1 or more (found {o.MaxParallelJobs})";
        if (o.CatchupLimit < 0)
            yield return $"{S}:CatchupLimit must be 0 or more (found {o.CatchupLimit})";
        if (o.FindDefaultZone() is null)
            yield return $"{S}:DefaultTimeZone '{o.DefaultTimeZone}' is not a known time zone (try \"UTC\" or \"Europe/Berlin\")";
        foreach (var duration in Durations)
        {
            var value = duration.Value(o);
            if (value < duration.Min || value > duration.Max)
                yield return $"{S}:{duration.Key} must be from {Text(duration.Min)} to {Text(duration.Max)} (found {value})";
        }
        if (string.IsNullOrWhiteSpace(o.Owner))
            yield return $"{S}:Owner must not be empty";
        if (o.Script.MemoryMb < 1)
            yield return $"{S}:Script:MemoryMb must be 1 or more (found {o.Script.MemoryMb})";
        if (o.Script.MaxStatements < 0)
            yield return $"{S}:Script:MaxStatements must be 0 (no cap) or more (found {o.Script.MaxStatements})";
        if (o.Script.MaxRecursion < 1)
            yield return $"{S}:Script:MaxRecursion must be 1 or more (found {o.Script.MaxRecursion})";
        if ((o.Script.Roots ?? []).Any(string.IsNullOrWhiteSpace))
            yield return $"{S}:Script:Roots must list folders; it has an empty entry";
        if (o.Http.Enabled)
        {
            var urls = HttpListenUrls.Split(o.Http.Urls);
            if (urls.Count == 0)
                yield return $"{S}:Http:Urls must name an address, such as http://127.0.0.1:8686 (or set {S}:Http:Enabled to false)";
            foreach (var url in urls)
                if (HttpListenUrls.Problem(url) is { } problem)
                    yield return $"{S}:Http:Urls {problem}";
        }
        if (!string.IsNullOrWhiteSpace(o.Telemetry.Otlp.Endpoint) && OtlpEndpoint.Problem(o.Telemetry.Otlp.Endpoint) is { } endpoint)
            yield return $"{S}:Telemetry:Otlp:Endpoint {endpoint}";
        if (!OtlpEndpoint.IsProtocol(o.Telemetry.Otlp.Protocol))
            yield return $"{S}:Telemetry:Otlp:Protocol must be {OtlpEndpoint.Grpc} or {OtlpEndpoint.HttpProtobuf} (found '{o.Telemetry.Otlp.Protocol}')";
        if (string.IsNullOrWhiteSpace(o.Telemetry.ServiceName))
            yield return $"{S}:Telemetry:ServiceName must not be empty (default {OrchestratorOptions.TelemetrySettings.DefaultServiceName})";
    }

    /// <summary>
    /// The host's own check before it listens: an address other machines can reach needs <c>Http:Token</c>. Not among
    /// <see cref="Failures"/>, so a verb (<c>runs</c>) reading a configuration whose token only the host's environment
    /// holds is not refused for it.
    /// </summary>
    public static string? OpenWithoutToken(OrchestratorOptions o)
    {
        const string S = OrchestratorOptions.Section;
        if (!o.Http.Enabled || !string.IsNullOrWhiteSpace(o.Http.Token))
            return null;
        return HttpListenUrls.Split(o.Http.Urls).FirstOrDefault(url => HttpListenUrls.Problem(url) is null && !HttpListenUrls.IsLoopback(url)) is { } open
            ? $"{S}:Http:Token must be set to listen on {open}, which other machines can reach (or listen on http://127.0.0.1 with {S}:Http:Urls)"
            : null;
    }

    /// <summary>
    /// The host's own check, at its start: the workflows folder must exist. The verbs that read the same settings
    /// never look at that folder, so it is not among <see cref="Failures"/>. The host used to create it, which hid a
    /// typo: <c>run --workflows /srv/flwos</c> started with 0 workflows and no word about it.
    /// </summary>
    public static string? MissingWorkflowsFolder(OrchestratorOptions o) =>
        Directory.Exists(o.WorkflowsPath) ? null : $"{OrchestratorOptions.Section}:Workflows: {o.WorkflowsPath} does not exist";

    // Paths are checked here, before anything is created, so the host and every verb refuse them alike: `--data
    // /dev/null` and `run --workflows /etc/passwd` ended in a stack trace from Directory.CreateDirectory.
    private static string? FolderProblem(string key, string value, string relativeTo) =>
        FullPath(value, relativeTo) is not { } full ? $"{OrchestratorOptions.Section}:{key} '{value}' is not a valid path"
        : NotAFolder(full) is { } file ? $"{OrchestratorOptions.Section}:{key}: {file} is a file, not a folder"
        : null;

    private static string? StateProblem(string value, string relativeTo)
    {
        const string S = OrchestratorOptions.Section;
        if (FullPath(value, relativeTo) is not { } full)
            return $"{S}:State '{value}' is not a valid path";
        if (Directory.Exists(full))
            return $"{S}:State: {full} is a folder; name the store's file, such as {Path.Join(full, "state.db")}";
        return NotAFolder(Path.GetDirectoryName(full)) is { } file ? $"{S}:State: {file} is a file, not a folder" : null;
    }

    private static string? FullPath(string value, string relativeTo)
    {
        try
        {
            return Path.GetFullPath(value, relativeTo);
        }
        catch (ArgumentException)
        {
            return null; // a NUL character
        }
    }

    // The path, or the nearest of its parents that exists, when that is not a folder (a file, a device such as /dev/null).
    private static string? NotAFolder(string? path)
    {
        for (; path is not null; path = Path.GetDirectoryName(path))
            if (Directory.Exists(path))
                return null;
            else if (Path.Exists(path))
                return path;
        return null;
    }

    // As orchestrator.json spells a duration: 00:00:00.001, 00:01:00, 1.00:00:00.
    private static string Text(TimeSpan span)
    {
        var time = span.ToString(span.Milliseconds == 0 ? @"hh\:mm\:ss" : @"hh\:mm\:ss\.fff", System.Globalization.CultureInfo.InvariantCulture);
        return span.Days > 0 ? $"{span.Days}.{time}" : time;
    }

    internal sealed record DurationRange(string Key, Func<OrchestratorOptions, TimeSpan> Value, TimeSpan Min, TimeSpan Max);
}
