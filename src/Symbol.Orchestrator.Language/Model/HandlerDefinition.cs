namespace Symbol.Orchestrator.Language;

/// <summary>When a handler runs: <c>on failure</c> after a run that failed, <c>on success</c> after one that succeeded, <c>on exit</c> after every run.</summary>
public enum HandlerKind { Failure, Success, Exit }

/// <summary>
/// <c>on failure|success|exit { … }</c>: a job that runs once after the run's other jobs are done, with the workflow's job
/// defaults applied as to any job and no upstream. Its <see cref="JobDefinition.Name"/> is the handler's display name
/// (<c>on failure</c>), which no job can have (a job name has no space), so a run records it beside its jobs.
/// </summary>
public sealed record HandlerDefinition(HandlerKind When, JobDefinition Job)
{
    private static readonly string[] Names = [NameOf(HandlerKind.Failure), NameOf(HandlerKind.Success), NameOf(HandlerKind.Exit)];

    /// <summary>The kinds as written after <c>on</c>, in the order a reader expects them.</summary>
    public static IReadOnlyList<string> KindWords { get; } = ["failure", "success", "exit"];

    public string Name => Job.Name;

    /// <summary><c>on failure</c>, <c>on success</c>, <c>on exit</c>: the handler's name in a run's record.</summary>
    public static string NameOf(HandlerKind kind) => "on " + EnumText.Name(kind);

    /// <summary>Whether a job record of a run is a handler's rather than a job's.</summary>
    public static bool IsHandlerName(string name) => Array.IndexOf(Names, name) >= 0;
}
