using System.Globalization;
using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Language.Syntax;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>
/// Binds one parsed workflow: resolves its settings and defaults, its schedules in its zone, its jobs, its handlers
/// and its edges, and checks the graph. Always yields a definition; the caller drops it if the file has errors.
/// </summary>
internal static class WorkflowBinder
{
    public static WorkflowDefinition Bind(WorkflowSyntax workflow, FileContext context)
    {
        var diagnostics = context.Diagnostics;
        var seen = new SettingsSeen(diagnostics);
        var zone = context.Options.DefaultTimeZone;
        var catchup = CatchupPolicy.Default;
        int concurrency = 1;
        var overlap = OverlapPolicy.Skip;
        int queueMax = WorkflowDefinition.DefaultQueueMax;
        var paramsJson = "{}";
        var retry = RetryPolicy.None;
        TimeSpan? timeout = null;
        var uses = new List<ScriptSource>();
        var jobs = new List<JobSyntax>();
        var handlers = new List<HandlerSyntax>();
        var edges = new List<EdgesSyntax>();
        var schedules = new List<ScheduleSyntax>();
        var syntaxErrors = new List<ErrorSyntax>();

        // An index loop: a foreach over an IReadOnlyList boxes its enumerator, once for every workflow of a folder.
        for (int m = 0; m < workflow.Members.Count; m++)
        {
            var member = workflow.Members[m];
            switch (member)
            {
                case ErrorSyntax error:
                    syntaxErrors.Add(error);
                    break;
                case JobSyntax job:
                    jobs.Add(job);
                    break;
                case HandlerSyntax handler:
                    handlers.Add(handler);
                    break;
                case EdgesSyntax edge:
                    edges.Add(edge);
                    break;
                case ScheduleSyntax schedule:
                    schedules.Add(schedule);
                    break;
                case TimezoneSyntax tz when seen.First("timezone", tz.Pos):
                    zone = BindZone(tz.Zone, diagnostics) ?? zone;
                    break;
                case CatchupSyntax c when seen.First("catchup", c.Pos):
                    if (c.Within is { Value: var w } within && w <= TimeSpan.Zero)
                        diagnostics.Error(within.Pos, $"'within' needs a positive duration, found {within.Raw}");
                    catchup = c.Mode == CatchupPolicy.Default.Mode && c.Within is null
                        ? CatchupPolicy.Default
                        : new CatchupPolicy(c.Mode, c.Within?.Value > TimeSpan.Zero ? c.Within.Value : null);
                    break;
                case ConcurrencySyntax c when seen.First("concurrency", c.Pos):
                    if (c.Limit.Value < 1)
                        diagnostics.Error(c.Limit.Pos, $"'concurrency' must be at least 1, found {c.Limit.Value}");
                    concurrency = Math.Max(1, c.Limit.Value);
                    break;
                case OverlapSyntax o when seen.First("overlap", o.Pos):
                    overlap = o.Policy;
                    if (o.QueueMax is { } max)
                    {
                        if (max.Value is < 1 or > WorkflowDefinition.MaxQueueMax)
                            diagnostics.Error(max.Pos, $"'overlap queue max' must be from 1 to {WorkflowDefinition.MaxQueueMax.ToString("N0", CultureInfo.InvariantCulture)}, found {max.Value}");
                        queueMax = Math.Clamp(max.Value, 1, WorkflowDefinition.MaxQueueMax);
                    }
                    break;
                case ParamsSyntax p when seen.First("params", p.Pos):
                    if (ParamsChecker.Check(p.Json, diagnostics))
                        paramsJson = p.Json.Text;
                    break;
                case UseFileSyntax use:
                    if (context.ReadScript(use.File, "use file", isFunctionBody: false) is { } helpers)
                        uses.Add(helpers);
                    break;
                case RetriesSyntax r when seen.First("retries", r.Pos):
                    retry = SettingBinder.Retry(r);
                    break;
                case TimeoutSyntax t when seen.First("timeout", t.Pos):
                    timeout = SettingBinder.Timeout(t, diagnostics);
                    break;
            }
        }

        // Schedules bind after the loop: a 'timezone' line below a 'schedule' line still applies to it.
        var boundSchedules = schedules
            .Select(s => ScheduleBinder.Bind(s, zone, context.Options.Now, diagnostics))
            .OfType<ScheduleDefinition>()
            .ToList();

        if (jobs.Count == 0 && syntaxErrors.Count == 0)
            diagnostics.Warning(workflow.Name.Pos, $"workflow '{workflow.Name.Text}' has no jobs; its runs will do nothing");
        var jobNames = DeclaredJobs(jobs, workflow.Name.Text, diagnostics);
        var boundEdges = EdgeBinder.Bind(edges, jobNames, workflow.Name.Text, context);
        foreach (var (cycle, closing) in DependencyGraph.FindCycles(jobNames, boundEdges))
            diagnostics.Error(closing.Position, $"dependency cycle: {string.Join(" -> ", cycle)}");

        var upstream = Upstream(jobNames, boundEdges);
        var bound = new bool[jobNames.Count];
        var boundJobs = new List<JobDefinition>(jobs.Count);
        foreach (var job in jobs)
        {
            int at = jobNames.IndexOf(job.Name.Text);
            var definition = JobBinder.Bind(job, retry, timeout, upstream[at], context);
            if (definition is not null && !bound[at])
            {
                bound[at] = true;
                boundJobs.Add(definition);
            }
        }

        var boundHandlers = HandlerBinder.Bind(handlers, retry, timeout, workflow.Name.Text, context);

        // After the jobs': where a job and its workflow are both left open, the job's error is the one kept.
        foreach (var error in syntaxErrors)
            diagnostics.SyntaxError(error.Pos, error.Message);

        // Arrays rather than lists: the definitions outlive the compile, so every byte of them is copied by the GC.
        return new WorkflowDefinition(
            workflow.Name.Text, workflow.Name.Pos.In(context.Path), context.Text, boundSchedules.ToArray(), zone, catchup,
            concurrency, overlap, paramsJson, uses.ToArray(), boundJobs.ToArray(), boundEdges.ToArray())
        {
            QueueMax = queueMax,
            Handlers = boundHandlers,
        };
    }

    /// <summary>The job names in declaration order, each once; a second job of the same name is an error.</summary>
    private static JobNames DeclaredJobs(List<JobSyntax> jobs, string workflow, DiagnosticBag diagnostics)
    {
        var names = new JobNames(jobs.Count);
        foreach (var job in jobs)
            if (!names.Add(job.Name.Text))
                diagnostics.Error(job.Name.Pos, $"duplicate job '{job.Name.Text}' in workflow '{workflow}': already declared at {jobs.First(j => j.Name.Text == job.Name.Text).Name.Pos}");
        return names;
    }

    /// <summary>For each job (by declaration index), the jobs it waits for, in the order of the edges.</summary>
    private static string[][] Upstream(JobNames names, List<Edge> edges)
    {
        var counts = new int[names.Count];
        foreach (var edge in edges)
            counts[names.IndexOf(edge.To)]++;
        var upstream = new string[names.Count][];
        for (int k = 0; k < upstream.Length; k++)
            upstream[k] = counts[k] == 0 ? [] : new string[counts[k]];
        Array.Clear(counts);
        foreach (var edge in edges)
        {
            int to = names.IndexOf(edge.To);
            upstream[to][counts[to]++] = edge.From;
        }
        // Fanned-out jobs wait for the same jobs: they share one array (what the result keeps, the GC copies).
        if (upstream.Length <= 32)
            for (int k = 1; k < upstream.Length; k++)
                for (int earlier = 0; earlier < k; earlier++)
                    if (upstream[k].Length > 0 && upstream[k].AsSpan().SequenceEqual(upstream[earlier]))
                    {
                        upstream[k] = upstream[earlier];
                        break;
                    }
        return upstream;
    }

    private static TimeZoneInfo? BindZone(StringToken zone, DiagnosticBag diagnostics)
    {
        // TimeZoneInfo's own lookup takes a lock, which workflows binding in parallel contend for.
        // Only zones that exist are cached, so the cache is bounded by the system's zone list.
        if (Zones.TryGetValue(zone.Value, out var cached))
            return cached;
        if (TimeZones.TryFind(zone.Value, out var found))
            return Zones.GetOrAdd(zone.Value, found);
        var suggestion = zone.Value.Length > 64 ? "" : DidYouMean.Suffix(zone.Value, KnownZoneIds.Value);
        diagnostics.Error(zone.Pos, $"unknown time zone {zone.Raw}{suggestion}");
        return null;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    private static readonly Lazy<string[]> KnownZoneIds = new(() => TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Append("UTC").ToArray());
}
