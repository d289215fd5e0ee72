namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>The words that start statements, for recovery and for "did you mean" on unknown settings.</summary>
internal static class Keywords
{
    /// <summary>Settings of a workflow (a job setting there is the default for its jobs).</summary>
    public static readonly string[] WorkflowSettings = ["schedule", "timezone", "catchup", "concurrency", "overlap", "params", "use", "retries", "timeout"];

    public static readonly string[] JobSettings = ["retries", "timeout", "run"];

    private static readonly HashSet<string> Statements = [.. WorkflowSettings, .. JobSettings, "job", "workflow"];
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StatementLookup = Statements.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsStatement(ReadOnlySpan<char> word) => StatementLookup.Contains(word);
}
