namespace Symbol.Orchestrator.Language.Editing;

/// <summary>What a keyword of the language means: its form, its meaning and its default (null when it has none).</summary>
public sealed record KeywordInfo(string Keyword, string Syntax, string Meaning, string? Default);

/// <summary>
/// The one table of what each keyword and setting means and its default (docs/language.md in short), for
/// completion and hover alike.
/// </summary>
public static class KeywordHelp
{
    private static readonly KeywordInfo[] Table =
    [
        new("workflow", "workflow NAME { … }", "Declares a workflow: its settings, jobs, handlers and edges. Names are unique across the folder.", null),
        new("job", "job NAME { … }", "Declares a job: a script (`run`) and its own `retries` and `timeout`.", null),
        new("on", "on failure|success|exit { … }", "A handler: a job that runs once after the run's jobs, for the run's outcome (`failure`, `success`) or whatever it was (`exit`).", null),
        new("schedule", "schedule cron \"…\" | at \"…\" | every D | \"…\"", "When the workflow fires. Several lines fire on their union, each instant once.", "none: the workflow runs only when triggered"),
        new("timezone", "timezone \"Europe/Berlin\"", "The IANA time zone its cron and `at` times are read in; DST follows the zone's rules.", "DefaultTimeZone of orchestrator.json, else UTC"),
        new("catchup", "catchup none|latest|all [within D]", "What a start after downtime runs of the fires it missed: none, the newest one, or each (at most CatchupLimit); `within D` ignores older ones.", "latest"),
        new("concurrency", "concurrency N", "The most runs of this workflow active at once.", "1"),
        new("overlap", "overlap skip|queue [max N]", "What a fire due at the concurrency bound does: skipped, or waits for a slot (at most `max` fires waiting).", "skip; max 10"),
        new("params", "params { \"key\": value }", "A JSON object every job's script sees as `params`.", "{}"),
        new("use", "use file \"helpers.js\"", "JavaScript evaluated before every job: shared helpers. May repeat; relative to the .flow file.", "none"),
        new("retries", "retries N [backoff D [exponential]]", "How many more attempts after a failed one; `backoff` waits between them, doubling with `exponential`. In a workflow: the default for its jobs.", "0"),
        new("timeout", "timeout D", "The longest one attempt may run. In a workflow: the default for its jobs.", "Script:Timeout of orchestrator.json (30s)"),
        new("run", "run ``` … ``` | run file \"x.js\"", "The job's JavaScript: a script block (a function body; `return` gives its output), or a file relative to the .flow file.", null),
        new("cron", "cron \"0 2 * * *\"", "A cron expression: 5 fields, or 6 with seconds first, or @daily, @hourly …; read in the workflow's zone.", null),
        new("at", "at \"2026-12-24T18:00\"", "A one-off ISO 8601 time; without an offset, read in the workflow's zone.", null),
        new("every", "every 15m", "A fixed interval on a grid from the Unix epoch; whole seconds, at least 1s.", null),
        new("file", "file \"scripts/x.js\"", "A path relative to the .flow file, inside the workflows folder or a Script:Roots folder.", null),
        new("backoff", "backoff D [exponential]", "The wait between attempts.", "0s"),
        new("exponential", "exponential", "Doubles the backoff after each attempt.", null),
        new("within", "within D", "Missed fires older than D are not caught up.", null),
        new("max", "max N", "The most fires that may wait for a slot (1 to 10,000); one more is dropped and logged.", "10"),
        new("none", "catchup none", "Skip every missed fire.", null),
        new("latest", "catchup latest", "Run once, for the newest missed fire.", null),
        new("all", "catchup all", "Run each missed fire, oldest first, at most CatchupLimit.", null),
        new("skip", "overlap skip", "A fire due at the concurrency bound is skipped and logged.", null),
        new("queue", "overlap queue [max N]", "A fire due at the concurrency bound waits for a slot.", null),
        new("failure", "on failure { … }", "Runs after a run that failed.", null),
        new("success", "on success { … }", "Runs after a run that succeeded.", null),
        new("exit", "on exit { … }", "Runs after every run, whatever its outcome, after the outcome's handler.", null),
    ];

    private static readonly Dictionary<string, KeywordInfo> ByKeyword = Table.ToDictionary(k => k.Keyword, StringComparer.Ordinal);

    public static IReadOnlyList<KeywordInfo> All => Table;

    public static KeywordInfo? Find(string keyword) => ByKeyword.GetValueOrDefault(keyword);

    /// <summary>The keyword's help as markdown: its form, its meaning and its default.</summary>
    public static string Markdown(KeywordInfo info) =>
        $"```flow\n{info.Syntax}\n```\n{info.Meaning}" + (info.Default is { } d ? $"\n\nDefault: {d}." : "");
}
