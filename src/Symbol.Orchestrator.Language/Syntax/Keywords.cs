namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>The settings of each kind of block, for "did you mean" on unknown ones and "wrong block" messages.</summary>
internal static class Keywords
{
    /// <summary>Settings of a workflow (a job setting there is the default for its jobs).</summary>
    public static readonly string[] WorkflowSettings = ["schedule", "timezone", "catchup", "concurrency", "overlap", "params", "use", "retries", "timeout"];

    public static readonly string[] JobSettings = ["retries", "timeout", "run"];
}
