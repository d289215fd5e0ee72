using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// The grammar of SPEC §2.3, one named rule per production. Tokens come from <see cref="Tokens"/>
/// (hand-written for speed); statements are wrapped in <see cref="Recovery.Recover"/> so that one
/// mistake costs one statement, not the rest of the file. No rule is recursive, so nesting depth is
/// bounded by the grammar, not by the input.
/// </summary>
internal static class FlowGrammar
{
    private static readonly Parser<TextPos> OpenBrace = Tokens.Symbol("{");
    private static readonly Parser<TextPos> CloseBrace = Tokens.Symbol("}");
    private static readonly Parser<TextPos> Comma = Tokens.Symbol(",");
    private static readonly Parser<TextPos> Semicolon = Tokens.Symbol(";");
    private static readonly Parser<NameToken> WorkflowName = Tokens.Name("a workflow name");
    private static readonly Parser<NameToken> JobName = Tokens.Name("a job name");

    // schedule cron "…" | at "…" | every D | "…"
    private static readonly Parser<(ScheduleKind Kind, StringToken? Text, DurationToken? Every)> ScheduleSpec =
        (from _ in Tokens.Keyword("cron") from text in Tokens.StringLiteral select (ScheduleKind.Cron, (StringToken?)text, (DurationToken?)null))
        .XOr(from _ in Tokens.Keyword("at") from text in Tokens.StringLiteral select (ScheduleKind.At, (StringToken?)text, (DurationToken?)null))
        .XOr(from _ in Tokens.Keyword("every") from every in Tokens.Duration select (ScheduleKind.Every, (StringToken?)null, (DurationToken?)every))
        .XOr(from text in Tokens.StringLiteral select (ScheduleKind.Bare, (StringToken?)text, (DurationToken?)null));

    private static readonly Parser<MemberSyntax> Schedule =
        from at in Tokens.Keyword("schedule")
        from spec in ScheduleSpec
        select (MemberSyntax)new ScheduleSyntax(at, spec.Kind, spec.Text, spec.Every);

    // timezone "Europe/Berlin"
    private static readonly Parser<MemberSyntax> Timezone =
        from at in Tokens.Keyword("timezone")
        from zone in Tokens.StringLiteral
        select (MemberSyntax)new TimezoneSyntax(at, zone);

    // catchup none|latest|all [within D]
    private static readonly Parser<CatchupMode> CatchupModeName =
        Tokens.Keyword("none").Return(CatchupMode.None)
        .XOr(Tokens.Keyword("latest").Return(CatchupMode.Latest))
        .XOr(Tokens.Keyword("all").Return(CatchupMode.All));

    private static readonly Parser<DurationToken> Within =
        from _ in Tokens.Keyword("within")
        from window in Tokens.Duration
        select window;

    private static readonly Parser<MemberSyntax> Catchup =
        from at in Tokens.Keyword("catchup")
        from mode in CatchupModeName
        from within in Within.XOptional()
        select (MemberSyntax)new CatchupSyntax(at, mode, within.GetOrDefault());

    // concurrency N
    private static readonly Parser<MemberSyntax> Concurrency =
        from at in Tokens.Keyword("concurrency")
        from limit in Tokens.Integer
        select (MemberSyntax)new ConcurrencySyntax(at, limit);

    // overlap skip|queue
    private static readonly Parser<MemberSyntax> Overlap =
        from at in Tokens.Keyword("overlap")
        from policy in Tokens.Keyword("skip").Return(OverlapPolicy.Skip).XOr(Tokens.Keyword("queue").Return(OverlapPolicy.Queue))
        select (MemberSyntax)new OverlapSyntax(at, policy);

    // params { JSON }
    private static readonly Parser<MemberSyntax> Params =
        from at in Tokens.Keyword("params")
        from json in Tokens.JsonObject
        select (MemberSyntax)new ParamsSyntax(at, json);

    // use file "helpers.js"
    private static readonly Parser<MemberSyntax> UseFile =
        from at in Tokens.Keyword("use")
        from _ in Tokens.Keyword("file")
        from path in Tokens.StringLiteral
        select (MemberSyntax)new UseFileSyntax(at, path);

    // retries N [backoff D [exponential]]
    private static readonly Parser<(DurationToken Delay, bool Exponential)> Backoff =
        from _ in Tokens.Keyword("backoff")
        from delay in Tokens.Duration
        from exponential in Tokens.Keyword("exponential").XOptional()
        select (delay, exponential.IsDefined);

    private static readonly Parser<MemberSyntax> Retries =
        from at in Tokens.Keyword("retries")
        from count in Tokens.Integer
        from backoff in Backoff.XOptional()
        select (MemberSyntax)new RetriesSyntax(at, count, backoff.IsDefined ? backoff.Get().Delay : null, backoff.IsDefined && backoff.Get().Exponential);

    // timeout D
    private static readonly Parser<MemberSyntax> Timeout =
        from at in Tokens.Keyword("timeout")
        from duration in Tokens.Duration
        select (MemberSyntax)new TimeoutSyntax(at, duration);

    // run ```…``` | run file "x.js"
    private static readonly Parser<(ScriptBlockToken? Block, StringToken? File)> RunBody =
        Tokens.ScriptBlock.Select(block => ((ScriptBlockToken?)block, (StringToken?)null))
        .XOr(from _ in Tokens.Keyword("file") from path in Tokens.StringLiteral select ((ScriptBlockToken?)null, (StringToken?)path));

    private static readonly Parser<MemberSyntax> Run =
        from at in Tokens.Keyword("run")
        from body in RunBody
        select (MemberSyntax)new RunSyntax(at, body.Block, body.File);

    // a, b -> c -> d ;
    private static readonly Parser<IReadOnlyList<NameToken>> Names =
        JobName.XDelimitedBy(Comma).Select(names => (IReadOnlyList<NameToken>)names.ToList());

    private static readonly Parser<(TextPos Arrow, IReadOnlyList<NameToken> Names)> ArrowNames =
        from arrow in Tokens.Arrow
        from names in Names
        select (arrow, names);

    private static readonly Parser<MemberSyntax> Edges =
        from at in Tokens.EdgeStart
        from first in Names
        from rest in ArrowNames.XAtLeastOnce()
        from end in Semicolon.Optional()
        select (MemberSyntax)new EdgesSyntax(at, [first, .. rest.Select(r => r.Names)], rest.Select(r => r.Arrow).ToList());

    // job NAME { job_setting | run }
    private static readonly Parser<MemberSyntax> JobStatement =
        Retries.XOr(Timeout).XOr(Run).XOr(Statements.Unknown(Keywords.JobSettings, Statements.MisplacedInJob));

    private static readonly Parser<TextPos> JobEnd =
        CloseBrace.Or(Tokens.Keyword("job")).Or(Tokens.Keyword("workflow")).Or(Tokens.EdgeStart);

    private static readonly Parser<MemberSyntax> Job =
        from at in Tokens.Keyword("job")
        from name in JobName
        from open in OpenBrace
        from members in JobStatement.Recover(JobEnd, "'retries', 'timeout' or 'run'", SyncLevel.Statement).Many()
        from close in Recovery.Closing("job", name, open)
        select (MemberSyntax)new JobSyntax(at, name, close is null ? members.ToList() : [.. members, close]);

    // workflow NAME { setting | job | edges }
    private static readonly Parser<MemberSyntax> WorkflowStatement =
        Edges.XOr(Job).XOr(Schedule).XOr(Timezone).XOr(Catchup).XOr(Concurrency).XOr(Overlap)
        .XOr(Params).XOr(UseFile).XOr(Retries).XOr(Timeout)
        .XOr(Statements.Unknown([.. Keywords.WorkflowSettings, "job"], Statements.MisplacedInWorkflow));

    private static readonly Parser<TextPos> WorkflowEnd = CloseBrace.Or(Tokens.Keyword("workflow"));

    private static readonly Parser<MemberSyntax> Workflow =
        from at in Tokens.Keyword("workflow")
        from name in WorkflowName
        from open in OpenBrace
        from members in WorkflowStatement.Recover(WorkflowEnd, "a setting, a job or edges (a -> b)", SyncLevel.Statement).Many()
        from close in Recovery.Closing("workflow", name, open)
        select (MemberSyntax)new WorkflowSyntax(at, name, close is null ? members.ToList() : [.. members, close]);

    private static readonly Parser<TextPos> Nothing = i => Result.Failure<TextPos>(i, "", []);

    // file = { workflow }
    public static readonly Parser<FileSyntax> File =
        from leading in Tokens.Trivia
        from items in Workflow.Recover(Nothing, "'workflow'", SyncLevel.TopLevel).Many()
        select new FileSyntax(items.ToList());

    /// <summary>Parses a whole file. Never fails and never throws: errors are <see cref="ErrorSyntax"/> items.</summary>
    public static FileSyntax ParseFile(string text) => File(new SourceInput(text)).Value;
}
