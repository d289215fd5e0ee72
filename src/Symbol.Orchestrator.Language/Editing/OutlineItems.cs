using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Editing;

/// <summary>Where a setting is written: in a workflow (for a job setting, the default of its jobs), a job or a handler.</summary>
public enum SettingScope { Workflow, Job, Handler }

/// <summary>A workflow as written: its name, where it is, and what it declares, each with its range.</summary>
public sealed record OutlineWorkflow(
    string Name,
    FlowRange NameRange,
    FlowRange Range,
    IReadOnlyList<OutlineJob> Jobs,
    IReadOnlyList<OutlineEdges> Edges,
    IReadOnlyList<OutlineSchedule> Schedules,
    IReadOnlyList<OutlineSetting> Settings,
    IReadOnlyList<OutlineFile> Files)
{
    /// <summary>The <c>timezone</c> as written (the first one, as the compiler takes it), or null.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The job (not a handler) declared first under <paramref name="name"/>, or null.</summary>
    public OutlineJob? FindJob(string name) => Jobs.FirstOrDefault(j => !j.IsHandler && j.Name == name);

    /// <summary>The jobs <paramref name="job"/> waits for, in the order the edges name them, each once.</summary>
    public IReadOnlyList<string> Upstream(string job) => Pairs().Where(p => p.To == job).Select(p => p.From).Distinct().ToList();

    /// <summary>The jobs that wait for <paramref name="job"/>, each once.</summary>
    public IReadOnlyList<string> Downstream(string job) => Pairs().Where(p => p.From == job).Select(p => p.To).Distinct().ToList();

    // Every pair of neighbouring groups, as the binder expands them (a -> b, c is a→b and a→c).
    private IEnumerable<(string From, string To)> Pairs() =>
        Edges.SelectMany(e => e.Groups.Zip(e.Groups.Skip(1), (from, to) => from.SelectMany(f => to.Select(t => (f.Name, t.Name)))).SelectMany(p => p));
}

/// <summary>A job, or a handler (<c>on failure</c>, named so), with its name's range and the whole block's.</summary>
public sealed record OutlineJob(string Name, FlowRange NameRange, FlowRange Range, bool IsHandler);

/// <summary>One edge statement (<c>a -> b, c</c>): its groups of names, each resolved to its job when one is declared.</summary>
public sealed record OutlineEdges(IReadOnlyList<IReadOnlyList<OutlineEdgeName>> Groups, FlowRange Range);

/// <summary>A name in an edge statement and the job of the same workflow it names, or null when none is declared.</summary>
public sealed record OutlineEdgeName(string Name, FlowRange Range, OutlineJob? Job);

/// <summary>A <c>schedule</c> line: its kind (<c>cron</c>, <c>at</c>, <c>every</c>, or empty for a bare string), its value as written, its range.</summary>
public sealed record OutlineSchedule(string Kind, string Text, FlowRange Range)
{
    internal ScheduleSyntax? Syntax { get; init; }
}

/// <summary>A setting keyword (<c>retries</c>, <c>timezone</c>, …) where it is written, and in which block.</summary>
public sealed record OutlineSetting(string Keyword, FlowRange Range, SettingScope Scope);

/// <summary>A <c>run file</c> or <c>use file</c> path: the statement, the path as the string holds it, the string's range (quotes included).</summary>
public sealed record OutlineFile(string Statement, string Path, FlowRange Range);
