namespace Symbol.Orchestrator.Language.Editing;

/// <summary>
/// Completion at a place in a .flow file: the keywords and settings the block there takes, what may follow the
/// word before the cursor (<c>catchup</c> → <c>none</c>, <c>latest</c>, <c>all</c>), job names in edges, IANA zones in
/// <c>timezone "…"</c>, and <c>.js</c> files in <c>run file "…"</c> / <c>use file "…"</c>. Pure and never throws.
/// </summary>
public static class FlowCompletion
{
    private static readonly string[] Macros = ["@hourly", "@daily", "@weekly", "@monthly", "@yearly"];

    private static readonly string[] WorkflowStatements = [.. Syntax.Keywords.WorkflowSettings, "job", "on"];

    /// <param name="listScripts">The <c>.js</c> files below a folder, relative to it (<see cref="ScriptListing.FromDisk"/> on disk).</param>
    /// <param name="afterTypedSpace">
    /// The editor asks because a space was typed: then only what the word before takes is offered (<c>catchup</c> → its
    /// modes, <c>retries 2</c> → <c>backoff</c>), not every statement, which would pop up after each word.
    /// </param>
    public static IReadOnlyList<FlowCompletionItem> At(FlowOutline outline, FlowPosition position, CompileOptions options, Func<string, IReadOnlyList<string>> listScripts,
        bool afterTypedSpace = false)
    {
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(listScripts);
        if (!outline.Map.IsInside(position))
            return [];
        var cursor = CursorContext.At(outline, outline.Map.OffsetOf(position));
        if (cursor.InOpaque)
            return [];
        if (cursor.InString is { } text)
            return InString(outline, cursor, text, options, listScripts);
        var replace = outline.Map.RangeOf(cursor.Word?.Start ?? cursor.Offset, cursor.Word?.End ?? cursor.Offset);
        return cursor.Block switch
        {
            BlockKind.TopLevel => cursor.PreviousIsKeyword("workflow") || afterTypedSpace ? [] : Keywords(["workflow"], FlowCompletionKind.Keyword, replace),
            BlockKind.Workflow => InBlock(outline, cursor, afterTypedSpace ? [] : WorkflowStatements, replace, options, listScripts, position),
            BlockKind.Job or BlockKind.Handler => InBlock(outline, cursor, afterTypedSpace ? [] : Syntax.Keywords.JobSettings, replace, options, listScripts, position),
            _ => [],
        };
    }

    private static List<FlowCompletionItem> InBlock(FlowOutline outline, CursorContext cursor, string[] statements, FlowRange replace, CompileOptions options,
        Func<string, IReadOnlyList<string>> listScripts, FlowPosition position)
    {
        if (cursor.Previous() is { Kind: FlowTokenKind.Arrow or FlowTokenKind.Comma })
        {
            var before = cursor.EdgeNamesBefore();
            return JobNames(outline, position, replace).Where(item => !before.Contains(item.Label)).ToList();
        }
        if (Argument(cursor) is { } argument)
            return argument switch
            {
                "schedule" => Keywords(["cron", "at", "every"], FlowCompletionKind.Keyword, replace),
                "catchup" => Keywords(["none", "latest", "all"], FlowCompletionKind.Value, replace),
                "overlap" => Keywords(["skip", "queue"], FlowCompletionKind.Value, replace),
                "on" => Keywords(["failure", "success", "exit"], FlowCompletionKind.Value, replace),
                "use" => Keywords(["file"], FlowCompletionKind.Keyword, replace),
                "run" => Keywords(["file"], FlowCompletionKind.Keyword, replace),
                "timezone" => Zones(options, replace, quoted: true),
                "file" => Files(outline, listScripts, replace, quoted: true),
                _ => [],
            };
        var items = Keywords(Continuations(cursor), FlowCompletionKind.Keyword, replace);
        var set = AlreadySet(outline, cursor.Block, position);
        items.AddRange(Keywords(statements.Where(s => !set.Contains(s)), FlowCompletionKind.Setting, replace));
        // A word that begins a line of a workflow may begin edges: its jobs' names.
        if (statements.Length > 0 && cursor.Block == BlockKind.Workflow && cursor.AtLineStart())
            items.AddRange(JobNames(outline, position, replace));
        return items;
    }

    // The settings the block at the cursor has already (the compiler takes the first and rejects a second), but for
    // those that may repeat; the one under the cursor, being retyped, does not count.
    private static HashSet<string> AlreadySet(FlowOutline outline, BlockKind block, FlowPosition position)
    {
        if (outline.WorkflowAt(position) is not { } workflow)
            return [];
        var job = block == BlockKind.Workflow ? null : workflow.Jobs.FirstOrDefault(j => j.Range.Contains(position));
        if (block != BlockKind.Workflow && job is null)
            return [];
        return workflow.Settings
            .Where(s => job is null ? s.Scope == SettingScope.Workflow : s.Scope != SettingScope.Workflow && job.Range.Contains(s.Range.Start))
            .Where(s => !s.Range.Contains(position) && s.Keyword is not ("schedule" or "use"))
            .Select(s => s.Keyword)
            .ToHashSet(StringComparer.Ordinal);
    }

    // The keyword before the cursor that takes an argument here, or null at the start of a statement.
    private static string? Argument(CursorContext cursor)
    {
        foreach (var keyword in (string[])["schedule", "catchup", "overlap", "on", "use", "timezone", "job", "workflow", "retries", "timeout", "concurrency",
            "every", "backoff", "within", "max", "cron", "at", "params"])
            if (cursor.PreviousIsKeyword(keyword))
                return keyword;
        if (cursor.PreviousIsKeyword("run") && cursor.Block is BlockKind.Job or BlockKind.Handler)
            return "run";
        if (cursor.PreviousIs("file") && (cursor.PreviousIs("run", 2) || cursor.PreviousIs("use", 2)))
            return "file";
        return null;
    }

    // What may extend the statement before the cursor: retries 2 → backoff, backoff 5s → exponential, …
    private static string[] Continuations(CursorContext cursor) =>
        cursor.Previous() is { Kind: FlowTokenKind.Number } && cursor.PreviousIs("retries", 2) ? ["backoff"]
        : cursor.Previous() is { Kind: FlowTokenKind.Number } && cursor.PreviousIs("backoff", 2) ? ["exponential"]
        : cursor.PreviousIs("catchup", 2) && (cursor.PreviousIs("none") || cursor.PreviousIs("latest") || cursor.PreviousIs("all")) ? ["within"]
        : cursor.PreviousIs("overlap", 2) && cursor.PreviousIs("queue") ? ["max"]
        : [];

    private static List<FlowCompletionItem> InString(FlowOutline outline, CursorContext cursor, FlowToken text, CompileOptions options,
        Func<string, IReadOnlyList<string>> listScripts)
    {
        // The string's content, without its quotes: what the item replaces.
        int end = CursorContext.IsClosed(outline.Text, text) ? text.End - 1 : text.End;
        var replace = outline.Map.RangeOf(text.Start + 1, Math.Max(text.Start + 1, end));
        if (cursor.PreviousIsKeyword("timezone"))
            return Zones(options, replace, quoted: false);
        if (cursor.PreviousIs("file") && (cursor.PreviousIs("run", 2) || cursor.PreviousIs("use", 2)))
            return Files(outline, listScripts, replace, quoted: false);
        if ((cursor.PreviousIs("cron") && cursor.PreviousIs("schedule", 2)) || cursor.PreviousIsKeyword("schedule"))
            return Macros.Select(m => new FlowCompletionItem(m, FlowCompletionKind.Value, Planning.ScheduleWords.Describe(m), null, m, replace)).ToList();
        return [];
    }

    private static List<FlowCompletionItem> Keywords(IEnumerable<string> words, FlowCompletionKind kind, FlowRange replace) =>
        words.Select(word => KeywordHelp.Find(word) is { } help
                ? new FlowCompletionItem(word, kind, help.Syntax, KeywordHelp.Markdown(help), word, replace)
                : new FlowCompletionItem(word, kind, null, null, word, replace))
            .ToList();

    private static List<FlowCompletionItem> JobNames(FlowOutline outline, FlowPosition position, FlowRange replace) =>
        outline.WorkflowAt(position) is { } workflow
            ? workflow.Jobs.Where(j => !j.IsHandler).Select(j => j.Name).Distinct()
                .Select(name => new FlowCompletionItem(name, FlowCompletionKind.Job, $"job in workflow {workflow.Name}", null, name, replace))
                .ToList()
            : [];

    private static List<FlowCompletionItem> Zones(CompileOptions options, FlowRange replace, bool quoted) =>
        ZoneList.Value.Select(zone => new FlowCompletionItem(zone.Id, FlowCompletionKind.TimeZone,
                zone.Detail + (zone.Id == options.DefaultTimeZone.Id ? " (the default)" : ""), null, quoted ? $"\"{zone.Id}\"" : zone.Id, replace))
            .ToList();

    private static List<FlowCompletionItem> Files(FlowOutline outline, Func<string, IReadOnlyList<string>> listScripts, FlowRange replace, bool quoted)
    {
        if (FolderOf(outline.Path) is not { } folder)
            return [];
        return listScripts(folder)
            .Select(file => new FlowCompletionItem(file, FlowCompletionKind.File, "relative to this file's folder", null, quoted ? $"\"{file}\"" : file, replace))
            .ToList();
    }

    private static string? FolderOf(string path)
    {
        try
        {
            return Path.GetDirectoryName(Path.GetFullPath(path));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    // The zones of this machine's tz database, each with its standard offset and whether it keeps DST.
    private static readonly Lazy<(string Id, string Detail)[]> ZoneList = new(() =>
        TimeZoneInfo.GetSystemTimeZones()
            .Where(z => z.Id.Contains('/', StringComparison.Ordinal) || z.Id == "UTC")
            .Select(z => (z.Id, Detail: $"UTC{Offset(z.BaseUtcOffset)}{(KeepsDst(z) ? ", with DST" : "")}"))
            .Append((Id: "UTC", Detail: "UTC+00:00"))
            .DistinctBy(z => z.Id)
            .OrderBy(z => z.Id, StringComparer.Ordinal)
            .ToArray());

    // SupportsDaylightSavingTime is true of any zone that ever had DST (Africa/Abidjan, in 1912): ask this year instead.
    private static bool KeepsDst(TimeZoneInfo zone)
    {
        int year = DateTime.UtcNow.Year;
        return zone.GetUtcOffset(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc)) != zone.GetUtcOffset(new DateTime(year, 7, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    private static string Offset(TimeSpan offset) => (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture);
}
