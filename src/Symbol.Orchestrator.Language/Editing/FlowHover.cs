using System.Globalization;
using System.Text;
using Symbol.Orchestrator.Language.Compilation;
using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Language.Planning;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Language.Editing;

/// <summary>
/// What an editor shows on hover, as markdown: a schedule's next fires in its workflow's zone with DST notes (as
/// <c>orchestrator preview</c> prints them), a job's upstream and downstream, a workflow's schedules and jobs, a
/// keyword's meaning and default. Null where there is nothing to say. Pure: "now" is passed in; never throws.
/// </summary>
public static class FlowHover
{
    public const int Fires = 5;

    /// <param name="fileExists">Whether a file is there, for the hover on a <c>run file</c> path; none is looked for without it.</param>
    public static string? At(FlowOutline outline, FlowPosition position, CompileOptions options, DateTimeOffset now, Func<string, bool>? fileExists = null)
    {
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(options);
        if (!outline.Map.IsInside(position))
            return null;
        var workflow = outline.WorkflowAt(position);
        if (workflow is not null)
        {
            if (workflow.Schedules.FirstOrDefault(s => s.Range.Contains(position)) is { } schedule)
                return Schedule(outline, workflow, schedule, options, now);
            if (workflow.Jobs.FirstOrDefault(j => j.NameRange.Contains(position)) is { } job)
                return Job(workflow, job.Name, job.IsHandler);
            if (workflow.Edges.SelectMany(e => e.Groups).SelectMany(g => g).FirstOrDefault(n => n.Range.Contains(position)) is { } edge)
                return edge.Job is null ? $"No job `{edge.Name}` in workflow `{workflow.Name}`." : Job(workflow, edge.Name, isHandler: false);
            if (workflow.NameRange.Contains(position))
                return Workflow(workflow, options);
            if (workflow.Files.FirstOrDefault(f => f.Range.Contains(position)) is { } file)
                return FilePath(outline, file, fileExists);
        }
        return Keyword(outline, position);
    }

    private static string Schedule(FlowOutline outline, OutlineWorkflow workflow, OutlineSchedule schedule, CompileOptions options, DateTimeOffset now)
    {
        var zone = ZoneOf(workflow, options);
        var written = schedule.Kind.Length == 0 ? schedule.Text : $"{schedule.Kind} {schedule.Text}";
        var text = new StringBuilder($"**{Escape(written)}**: {Escape(ScheduleWords.Describe(written))}, in {zone.Id}\n\n");
        if (zone == options.DefaultTimeZone && workflow.TimeZone is { } unknown && !TimeZones.TryFind(unknown, out _))
            text.Append(CultureInfo.InvariantCulture, $"Error: unknown time zone \"{Escape(unknown)}\"; shown in the default zone.\n\n");
        var bag = new DiagnosticBag(outline.Path);
        var bound = schedule.Syntax is { } syntax ? ScheduleBinder.Bind(syntax, zone, now, bag) : null;
        foreach (var problem in bag.Sorted())
            text.Append(problem.IsError ? "Error: " : "Warning: ").Append(Escape(problem.Message)).Append("\n\n");
        if (bound is null)
            return text.ToString().TrimEnd();
        // One schedule alone, in the workflow's zone: the same preview the CLI prints, DST notes included.
        var alone = new WorkflowDefinition(workflow.Name, new SourcePosition(outline.Path, 1, 1), "", [bound], zone, CatchupPolicy.Default, 1,
            OverlapPolicy.Skip, "{}", [], [], []);
        var fires = SchedulePreview.Fires(alone, now, count: Fires);
        if (fires.Count == 0)
            return text.Append("No fire after now.").ToString();
        text.Append(fires.Count == 1 ? "Next fire:\n" : $"Next {fires.Count} fires:\n");
        foreach (var fire in fires)
            text.Append(CultureInfo.InvariantCulture, $"- `{Instant(fire.At)}`{(fire.DstNote is { } note ? $" DST: {Escape(note)}" : "")}\n");
        return text.ToString().TrimEnd();
    }

    private static string Job(OutlineWorkflow workflow, string name, bool isHandler)
    {
        if (isHandler)
            return $"**handler** `{name}` in workflow `{workflow.Name}`\n\nRuns once after the run's jobs are done; it has no edges.";
        var upstream = workflow.Upstream(name);
        var downstream = workflow.Downstream(name);
        return $"**job** `{name}` in workflow `{workflow.Name}`\n\n"
            + $"Waits for: {(upstream.Count == 0 ? "nothing (starts first)" : Names(upstream))}\n\n"
            + $"Then: {(downstream.Count == 0 ? "nothing waits for it" : Names(downstream))}";
    }

    private static string Workflow(OutlineWorkflow workflow, CompileOptions options)
    {
        int jobs = workflow.Jobs.Count(j => !j.IsHandler), handlers = workflow.Jobs.Count(j => j.IsHandler);
        var text = new StringBuilder($"**workflow** `{workflow.Name}`: {Count(jobs, "job")}");
        if (handlers > 0)
            text.Append(", ").Append(Count(handlers, "handler"));
        text.Append("\n\n");
        if (workflow.Schedules.Count == 0)
            text.Append("No schedule: runs only when triggered.\n");
        foreach (var schedule in workflow.Schedules)
        {
            var written = schedule.Kind.Length == 0 ? schedule.Text : $"{schedule.Kind} {schedule.Text}";
            text.Append(CultureInfo.InvariantCulture, $"- {Escape(ScheduleWords.Describe(written))} (`{written}`)\n");
        }
        var zone = workflow.TimeZone is null ? $"{options.DefaultTimeZone.Id} (the default)"
            : TimeZones.TryFind(workflow.TimeZone, out _) ? workflow.TimeZone
            : $"unknown \"{Escape(workflow.TimeZone)}\"";
        return text.Append(CultureInfo.InvariantCulture, $"\nTime zone: {zone}").ToString();
    }

    private static string FilePath(FlowOutline outline, OutlineFile file, Func<string, bool>? fileExists)
    {
        var what = file.Statement == "use file" ? "evaluated before every job of the workflow" : "the job's script";
        if (ScriptPath.Resolve(outline.Path, file.Path) is not { } full)
            return $"**{file.Statement}**: {what}; the path is not one.";
        var found = fileExists is null ? "" : fileExists(full) ? " (found)" : " (not found)";
        return $"**{file.Statement}**: {what}\n\n`{full}`{found}";
    }

    private static string? Keyword(FlowOutline outline, FlowPosition position)
    {
        int offset = outline.Map.OffsetOf(position);
        int k = FlowLexer.LastBefore(outline.Tokens, offset + 1);
        if (k < 0 || outline.Tokens[k] is not { Kind: FlowTokenKind.Word } word || offset >= word.End)
            return null;
        return KeywordHelp.Find(word.TextIn(outline.Text)) is { } help ? KeywordHelp.Markdown(help) : null;
    }

    // As the binder reads it: the first timezone line, else the default; one that is not a zone leaves the default.
    private static TimeZoneInfo ZoneOf(OutlineWorkflow workflow, CompileOptions options) =>
        workflow.TimeZone is { } id && TimeZones.TryFind(id, out var found) ? found : options.DefaultTimeZone;

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"`{n}`"));

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    // Markdown would read '*' in a cron expression as emphasis.
    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal);
}
