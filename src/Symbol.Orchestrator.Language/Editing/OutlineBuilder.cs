using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Editing;

/// <summary>Turns the syntax tree's positions (starts only) into ranges: tokens by their length, blocks up to their closing brace.</summary>
internal static class OutlineBuilder
{
    public static IReadOnlyList<OutlineWorkflow> Build(FileSyntax file, SourceMap map, Func<List<FlowToken>> tokens)
    {
        var workflows = new List<OutlineWorkflow>();
        for (int k = 0; k < file.Items.Count; k++)
        {
            if (file.Items[k] is not WorkflowSyntax workflow)
                continue;
            int limit = k + 1 < file.Items.Count ? map.OffsetOf(file.Items[k + 1].Pos) : map.Text.Length;
            workflows.Add(Workflow(workflow, map, tokens, limit));
        }
        return workflows;
    }

    private static OutlineWorkflow Workflow(WorkflowSyntax workflow, SourceMap map, Func<List<FlowToken>> tokens, int limit)
    {
        int start = map.OffsetOf(workflow.Pos);
        int end = BlockEnd(tokens(), map, workflow.Name, limit);
        var jobs = new List<OutlineJob>();
        var schedules = new List<OutlineSchedule>();
        var settings = new List<OutlineSetting>();
        var files = new List<OutlineFile>();
        var edgeSyntax = new List<EdgesSyntax>();
        string? zone = null;
        var members = workflow.Members;
        for (int m = 0; m < members.Count; m++)
        {
            int memberLimit = m + 1 < members.Count ? Math.Max(map.OffsetOf(members[m + 1].Pos), map.OffsetOf(members[m].Pos)) : end;
            switch (members[m])
            {
                case JobSyntax job:
                    jobs.Add(Block(job.Name.Text, job.Name, job.Pos, job.Members, SettingScope.Job, map, tokens, memberLimit, settings, files));
                    break;
                case HandlerSyntax handler:
                    jobs.Add(Block("on " + handler.Kind.Text, handler.Kind, handler.Pos, handler.Members, SettingScope.Handler, map, tokens, memberLimit, settings, files));
                    break;
                case EdgesSyntax statement:
                    edgeSyntax.Add(statement);
                    break;
                case ScheduleSyntax schedule:
                    schedules.Add(Schedule(schedule, map));
                    settings.Add(Keyword("schedule", schedule.Pos, SettingScope.Workflow, map));
                    break;
                case TimezoneSyntax timezone:
                    zone ??= timezone.Zone.Value;
                    settings.Add(Keyword("timezone", timezone.Pos, SettingScope.Workflow, map));
                    break;
                case ErrorSyntax:
                    break;
                case var setting:
                    Setting(setting, SettingScope.Workflow, map, settings, files);
                    break;
            }
        }
        var edges = edgeSyntax.Select(e => Edges(e, jobs, map)).ToList();
        return new OutlineWorkflow(workflow.Name.Text, map.RangeOf(workflow.Name.Pos, workflow.Name.Text.Length), map.RangeOf(start, end),
            jobs, edges, schedules, settings, files) { TimeZone = zone };
    }

    private static OutlineJob Block(string name, NameToken nameToken, TextPos pos, IReadOnlyList<MemberSyntax> members, SettingScope scope, SourceMap map,
        Func<List<FlowToken>> tokens, int limit, List<OutlineSetting> settings, List<OutlineFile> files)
    {
        foreach (var member in members)
            Setting(member, scope, map, settings, files);
        int start = map.OffsetOf(pos);
        // A handler's name is "on failure": its range runs from 'on' to the end of the kind.
        var nameRange = scope == SettingScope.Handler
            ? map.RangeOf(start, map.OffsetOf(nameToken.Pos) + nameToken.Text.Length)
            : map.RangeOf(nameToken.Pos, nameToken.Text.Length);
        return new OutlineJob(name, nameRange, map.RangeOf(start, BlockEnd(tokens(), map, nameToken, limit)), scope == SettingScope.Handler);
    }

    private static void Setting(MemberSyntax member, SettingScope scope, SourceMap map, List<OutlineSetting> settings, List<OutlineFile> files)
    {
        var keyword = member switch
        {
            CatchupSyntax => "catchup",
            ConcurrencySyntax => "concurrency",
            OverlapSyntax => "overlap",
            ParamsSyntax => "params",
            UseFileSyntax => "use",
            RetriesSyntax => "retries",
            TimeoutSyntax => "timeout",
            RunSyntax => "run",
            _ => null,
        };
        if (keyword is null)
            return;
        settings.Add(Keyword(keyword, member.Pos, scope, map));
        if (member is UseFileSyntax use)
            files.Add(new OutlineFile("use file", use.File.Value, map.RangeOf(use.File.Pos, use.File.Raw.Length)));
        else if (member is RunSyntax { File: { } file })
            files.Add(new OutlineFile("run file", file.Value, map.RangeOf(file.Pos, file.Raw.Length)));
    }

    private static OutlineSetting Keyword(string keyword, TextPos pos, SettingScope scope, SourceMap map) =>
        new(keyword, map.RangeOf(pos, keyword.Length), scope);

    private static OutlineSchedule Schedule(ScheduleSyntax schedule, SourceMap map)
    {
        var (kind, text, valuePos, length) = schedule.Kind switch
        {
            ScheduleKind.Every => ("every", schedule.Every!.Raw, schedule.Every.Pos, schedule.Every.Raw.Length),
            ScheduleKind.Cron => ("cron", schedule.Text!.Raw, schedule.Text.Pos, schedule.Text.Raw.Length),
            ScheduleKind.At => ("at", schedule.Text!.Raw, schedule.Text.Pos, schedule.Text.Raw.Length),
            _ => ("", schedule.Text!.Raw, schedule.Text.Pos, schedule.Text.Raw.Length),
        };
        return new OutlineSchedule(kind, text, map.RangeOf(map.OffsetOf(schedule.Pos), map.OffsetOf(valuePos) + length)) { Syntax = schedule };
    }

    private static OutlineEdges Edges(EdgesSyntax edges, List<OutlineJob> jobs, SourceMap map)
    {
        var groups = edges.Groups
            .Select(group => (IReadOnlyList<OutlineEdgeName>)group
                .Select(name => new OutlineEdgeName(name.Text, map.RangeOf(name.Pos, name.Text.Length), jobs.FirstOrDefault(j => !j.IsHandler && j.Name == name.Text)))
                .ToList())
            .ToList();
        var last = edges.Groups[^1][^1];
        return new OutlineEdges(groups, map.RangeOf(map.OffsetOf(edges.Pos), map.OffsetOf(last.Pos) + last.Text.Length));
    }

    /// <summary>
    /// The offset after the brace that closes the block opened after <paramref name="name"/>; where that brace is
    /// missing, the end of the last token before <paramref name="limit"/> (the next statement, as the parser decided).
    /// </summary>
    private static int BlockEnd(List<FlowToken> tokens, SourceMap map, NameToken name, int limit)
    {
        int from = map.OffsetOf(name.Pos) + name.Text.Length;
        int k = FlowLexer.LastBefore(tokens, from) + 1;
        int depth = 0, lastEnd = from;
        for (; k < tokens.Count && tokens[k].Start < limit; k++)
        {
            var token = tokens[k];
            if (token.Kind == FlowTokenKind.OpenBrace)
                depth++;
            else if (token.Kind == FlowTokenKind.CloseBrace && --depth <= 0)
                return token.End;
            if (token.Kind != FlowTokenKind.Comment)
                lastEnd = token.End;
        }
        return Math.Min(lastEnd, Math.Max(limit, from));
    }
}
