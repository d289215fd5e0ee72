using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// The grammar of SPEC §2.3, one named rule per production. Tokens come from <see cref="Tokens"/> and
/// sequences from <see cref="Rules"/>; <c>XOr</c>, <c>Select</c>, <c>Return</c> and <c>Many</c> here bind to
/// <see cref="RuleExtensions"/> (Sprache's semantics, run on a <see cref="Cursor"/>); statements are wrapped in
/// <see cref="Recovery.Recover"/> so that one mistake costs one statement, not the rest of the file.
/// No rule is recursive, so nesting depth is bounded by the grammar, not by the input.
/// </summary>
internal static class FlowGrammar
{
    private static readonly Parser<TextPos> OpenBrace = Tokens.Symbol("{");
    private static readonly Parser<TextPos> Comma = Tokens.Symbol(",");
    private static readonly Parser<TextPos> Semicolon = Tokens.Symbol(";");
    private static readonly Parser<NameToken> WorkflowName = Tokens.Name("a workflow name");
    private static readonly Parser<NameToken> JobName = Tokens.Name("a job name");

    // schedule cron "…" | at "…" | every D | "…"
    private static readonly Parser<ScheduleSyntax> ScheduleSpec =
        Rules.Sequence(Tokens.Keyword("cron"), Tokens.StringLiteral, (at, text) => new ScheduleSyntax(default, ScheduleKind.Cron, text, null))
        .XOr(Rules.Sequence(Tokens.Keyword("at"), Tokens.StringLiteral, (at, text) => new ScheduleSyntax(default, ScheduleKind.At, text, null)))
        .XOr(Rules.Sequence(Tokens.Keyword("every"), Tokens.Duration, (at, every) => new ScheduleSyntax(default, ScheduleKind.Every, null, every)))
        .XOr(Tokens.StringLiteral.Select(text => new ScheduleSyntax(default, ScheduleKind.Bare, text, null)));

    private static readonly Parser<MemberSyntax> Schedule =
        Rules.Sequence(Tokens.Keyword("schedule"), ScheduleSpec, (at, spec) => (MemberSyntax)(spec with { Pos = at }));

    // timezone "Europe/Berlin"
    private static readonly Parser<MemberSyntax> Timezone =
        Rules.Sequence(Tokens.Keyword("timezone"), Tokens.StringLiteral, (at, zone) => (MemberSyntax)new TimezoneSyntax(at, zone));

    // catchup none|latest|all [within D]
    private static readonly Parser<CatchupMode> CatchupModeName =
        Tokens.Keyword("none").Return(CatchupMode.None)
        .XOr(Tokens.Keyword("latest").Return(CatchupMode.Latest))
        .XOr(Tokens.Keyword("all").Return(CatchupMode.All));

    private static readonly Parser<DurationToken> Within =
        Rules.Sequence(Tokens.Keyword("within"), Tokens.Duration, (_, window) => window);

    private static readonly Parser<MemberSyntax> Catchup =
        Rules.Sequence(Tokens.Keyword("catchup"), CatchupModeName, Rules.Optional(Within),
            (at, mode, within) => (MemberSyntax)new CatchupSyntax(at, mode, within));

    // concurrency N
    private static readonly Parser<MemberSyntax> Concurrency =
        Rules.Sequence(Tokens.Keyword("concurrency"), Tokens.Integer, (at, limit) => (MemberSyntax)new ConcurrencySyntax(at, limit));

    // overlap skip | queue [max N]
    private static readonly Parser<IntToken> QueueMax =
        Rules.Sequence(Tokens.Keyword("max"), Tokens.Integer, (_, max) => max);

    private static readonly Parser<OverlapSyntax> OverlapSpec =
        Tokens.Keyword("skip").Return(new OverlapSyntax(default, OverlapPolicy.Skip, null))
        .XOr(Rules.Sequence(Tokens.Keyword("queue"), Rules.Optional(QueueMax), (_, max) => new OverlapSyntax(default, OverlapPolicy.Queue, max)));

    private static readonly Parser<MemberSyntax> Overlap =
        Rules.Sequence(Tokens.Keyword("overlap"), OverlapSpec, (at, spec) => (MemberSyntax)(spec with { Pos = at }));

    // params { JSON }
    private static readonly Parser<MemberSyntax> Params =
        Rules.Sequence(Tokens.Keyword("params"), Tokens.JsonObject, (at, json) => (MemberSyntax)new ParamsSyntax(at, json));

    // use file "helpers.js"
    private static readonly Parser<MemberSyntax> UseFile =
        Rules.Sequence(Tokens.Keyword("use"), Tokens.Keyword("file"), Tokens.StringLiteral, (at, _, path) => (MemberSyntax)new UseFileSyntax(at, path));

    // retries N [backoff D [exponential]]
    private static readonly Parser<RetriesSyntax> Backoff =
        Rules.Sequence(Tokens.Keyword("backoff"), Tokens.Duration, Rules.Flag(Tokens.Keyword("exponential")),
            (_, delay, exponential) => new RetriesSyntax(default, null!, delay, exponential));

    private static readonly Parser<MemberSyntax> Retries =
        Rules.Sequence(Tokens.Keyword("retries"), Tokens.Integer, Rules.Optional(Backoff),
            (at, count, backoff) => (MemberSyntax)new RetriesSyntax(at, count, backoff?.Backoff, backoff?.Exponential ?? false));

    // timeout D
    private static readonly Parser<MemberSyntax> Timeout =
        Rules.Sequence(Tokens.Keyword("timeout"), Tokens.Duration, (at, duration) => (MemberSyntax)new TimeoutSyntax(at, duration));

    // run ```…``` | run file "x.js"
    private static readonly Parser<RunSyntax> RunBody =
        Tokens.ScriptBlock.Select(block => new RunSyntax(default, block, null))
        .XOr(Rules.Sequence(Tokens.Keyword("file"), Tokens.StringLiteral, (_, path) => new RunSyntax(default, null, path)));

    private static readonly Parser<MemberSyntax> Run =
        Rules.Sequence(Tokens.Keyword("run"), RunBody, (at, body) => (MemberSyntax)(body with { Pos = at }));

    // a, b -> c -> d ;
    private static readonly Parser<IReadOnlyList<NameToken>> Names = Rules.DelimitedBy(JobName, Comma);

    private static readonly Parser<(TextPos Arrow, IReadOnlyList<NameToken> Names)> ArrowNames =
        Rules.Sequence(Tokens.Arrow, Names, (arrow, names) => (arrow, names));

    private static readonly Parser<MemberSyntax> Edges =
        Rules.Sequence(Tokens.EdgeStart, Names, Rules.AtLeastOnce(ArrowNames), Rules.Flag(Semicolon),
            (at, first, rest, _) => (MemberSyntax)new EdgesSyntax(at, [first, .. rest.Select(r => r.Names)], rest.Select(r => r.Arrow).ToList()));

    // job NAME { job_setting | run }
    private static readonly Parser<MemberSyntax> JobStatement = Rules.ByKeyword(
        new Dictionary<string, Parser<MemberSyntax>> { ["retries"] = Retries, ["timeout"] = Timeout, ["run"] = Run },
        Statements.Unknown(Keywords.JobSettings, Statements.MisplacedInJob));

    // A job ends at its '}', or, when that is missing, where the next job, workflow or edges begin.
    private static bool IsJobEnd(string s, int pos) =>
        s[pos] == '}' || Scanner.StartsEdges(s, pos)
        || ((Scanner.IsNameAt(s, pos, "job") || Scanner.IsNameAt(s, pos, "workflow")) && !Scanner.StartsEdges(s, pos));

    private static readonly Parser<IEnumerable<MemberSyntax>> JobBody =
        JobStatement.Recover(IsJobEnd, "'retries', 'timeout' or 'run'", SyncLevel.Statement).Many();

    private static readonly Parser<MemberSyntax> Job =
        Rules.Sequence(Tokens.Keyword("job"), JobName, OpenBrace, JobBody, Recovery.Close,
            (at, name, open, members, close) => (MemberSyntax)new JobSyntax(at, name, close.Append(members, "job", name, open)));

    // workflow NAME { setting | job | edges }
    // Edges are told apart by their first name being followed by an arrow or a comma, checked before the
    // keyword lookup (a job may be called like a keyword); an XOr would allocate a failure and a
    // closure for every statement that is not edges.
    private static readonly Parser<MemberSyntax> WorkflowStatement = Rules.EdgesOr(
        Edges,
        Rules.ByKeyword(
            new Dictionary<string, Parser<MemberSyntax>>
            {
                ["job"] = Job, ["schedule"] = Schedule, ["timezone"] = Timezone, ["catchup"] = Catchup,
                ["concurrency"] = Concurrency, ["overlap"] = Overlap, ["params"] = Params, ["use"] = UseFile,
                ["retries"] = Retries, ["timeout"] = Timeout,
            },
            Statements.Unknown([.. Keywords.WorkflowSettings, "job"], Statements.MisplacedInWorkflow)));

    private static bool IsWorkflowEnd(string s, int pos) =>
        s[pos] == '}' || (Scanner.IsNameAt(s, pos, "workflow") && !Scanner.StartsEdges(s, pos));

    private static readonly Parser<IEnumerable<MemberSyntax>> WorkflowBody =
        WorkflowStatement.Recover(IsWorkflowEnd, "a setting, a job or edges (a -> b)", SyncLevel.Statement).Many();

    private static readonly Parser<MemberSyntax> Workflow =
        Rules.Sequence(Tokens.Keyword("workflow"), WorkflowName, OpenBrace, WorkflowBody, Recovery.Close,
            (at, name, open, members, close) => (MemberSyntax)new WorkflowSyntax(at, name, close.Append(members, "workflow", name, open)));

    // file = { workflow }
    private static readonly Parser<MemberSyntax> TopLevelItem = Workflow.Recover((_, _) => false, "'workflow'", SyncLevel.TopLevel);

    public static readonly Parser<FileSyntax> File =
        Rules.Sequence(Tokens.Trivia, TopLevelItem.Many(), (_, items) => new FileSyntax(items as IReadOnlyList<MemberSyntax> ?? items.ToList()));

    /// <summary>Parses a whole file. Never fails and never throws: errors are <see cref="ErrorSyntax"/> items.</summary>
    public static FileSyntax ParseFile(string text) => File(new SourceInput(text)).Value;

    /// <summary>
    /// The items of <see cref="File"/> one at a time, as they are parsed, so that the compiler can bind
    /// one workflow while the next is still being read.
    /// </summary>
    public static IEnumerable<MemberSyntax> ParseItems(string text)
    {
        var input = Tokens.Trivia(new SourceInput(text)).Remainder;
        while (true)
        {
            var item = TopLevelItem(input);
            if (!item.WasSuccessful || item.Remainder.Equals(input))
                yield break;
            yield return item.Value;
            input = item.Remainder;
        }
    }
}
