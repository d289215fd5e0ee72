using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// The grammar of docs/language.md in Sprache, one named rule per production, tokens from <see cref="Tokens"/>.
/// Statements are wrapped in <see cref="Recovery.Recover"/> so that one mistake costs one statement, not
/// the rest of the file. No rule is recursive, so nesting depth is bounded by the grammar, not by the input.
/// </summary>
internal static class FlowGrammar
{
    private static readonly Parser<TextPos> OpenBrace = Tokens.Symbol('{');
    private static readonly Parser<TextPos> Comma = Tokens.Symbol(',');
    private static readonly Parser<TextPos> Semicolon = Tokens.Symbol(';');
    private static readonly Parser<NameToken> WorkflowName = Tokens.Name("a workflow name");
    private static readonly Parser<NameToken> JobName = Tokens.Name("a job name");

    // schedule = "cron" STRING | "at" STRING | "every" DURATION | STRING
    // The bare string goes first, so that a malformed one is reported as such (an XOr passes on a
    // malformed token only from its first alternative); the name keeps the order a reader expects.
    private static readonly Parser<ScheduleSyntax> ScheduleSpec =
        Tokens.StringLiteral.Select(text => new ScheduleSyntax(default, ScheduleKind.Bare, text, null))
        .XOr(from keyword in Tokens.Keyword("cron")
             from text in Tokens.StringLiteral
             select new ScheduleSyntax(default, ScheduleKind.Cron, text, null))
        .XOr(from keyword in Tokens.Keyword("at")
             from text in Tokens.StringLiteral
             select new ScheduleSyntax(default, ScheduleKind.At, text, null))
        .XOr(from keyword in Tokens.Keyword("every")
             from every in Tokens.Duration
             select new ScheduleSyntax(default, ScheduleKind.Every, null, every))
        .Named("'cron', 'at', 'every' or a string");

    private static readonly Parser<MemberSyntax> Schedule =
        from keyword in Tokens.Keyword("schedule")
        from spec in ScheduleSpec
        select (MemberSyntax)spec;

    // "timezone" STRING
    private static readonly Parser<MemberSyntax> Timezone =
        from keyword in Tokens.Keyword("timezone")
        from zone in Tokens.StringLiteral
        select (MemberSyntax)new TimezoneSyntax(default, zone);

    // "catchup" ( "none" | "latest" | "all" ) [ "within" DURATION ]
    private static readonly Parser<CatchupMode> CatchupModeName =
        Tokens.Keyword("none").Return(CatchupMode.None)
        .XOr(Tokens.Keyword("latest").Return(CatchupMode.Latest))
        .XOr(Tokens.Keyword("all").Return(CatchupMode.All));

    private static readonly Parser<DurationToken> Within =
        from keyword in Tokens.Keyword("within")
        from window in Tokens.Duration
        select window;

    private static readonly Parser<MemberSyntax> Catchup =
        from keyword in Tokens.Keyword("catchup")
        from mode in CatchupModeName
        from within in Within.XOptional()
        select (MemberSyntax)new CatchupSyntax(default, mode, within.GetOrDefault());

    // "concurrency" INT
    private static readonly Parser<MemberSyntax> Concurrency =
        from keyword in Tokens.Keyword("concurrency")
        from limit in Tokens.Integer
        select (MemberSyntax)new ConcurrencySyntax(default, limit);

    // "overlap" ( "skip" | "queue" [ "max" INT ] )
    private static readonly Parser<IntToken> QueueMax =
        from keyword in Tokens.Keyword("max")
        from max in Tokens.Integer
        select max;

    private static readonly Parser<OverlapSyntax> OverlapSpec =
        Tokens.Keyword("skip").Return(new OverlapSyntax(default, OverlapPolicy.Skip, null))
        .XOr(from keyword in Tokens.Keyword("queue")
             from max in QueueMax.XOptional()
             select new OverlapSyntax(default, OverlapPolicy.Queue, max.GetOrDefault()));

    private static readonly Parser<MemberSyntax> Overlap =
        from keyword in Tokens.Keyword("overlap")
        from spec in OverlapSpec
        select (MemberSyntax)spec;

    // "params" JSON_OBJECT
    private static readonly Parser<MemberSyntax> Params =
        from keyword in Tokens.Keyword("params")
        from json in Tokens.JsonObject
        select (MemberSyntax)new ParamsSyntax(default, json);

    // "use" "file" STRING
    private static readonly Parser<MemberSyntax> UseFile =
        from keyword in Tokens.Keyword("use")
        from file in Tokens.Keyword("file")
        from path in Tokens.StringLiteral
        select (MemberSyntax)new UseFileSyntax(default, path);

    // job_setting = "retries" INT [ "backoff" DURATION [ "exponential" ] ] | "timeout" DURATION
    private static readonly Parser<(DurationToken Delay, bool Exponential)> Backoff =
        from keyword in Tokens.Keyword("backoff")
        from delay in Tokens.Duration
        from exponential in Tokens.Keyword("exponential").XOptional()
        select (delay, exponential.IsDefined);

    private static readonly Parser<MemberSyntax> Retries =
        from keyword in Tokens.Keyword("retries")
        from count in Tokens.Integer
        from backoff in Backoff.XOptional()
        select (MemberSyntax)new RetriesSyntax(default, count, backoff.GetOrDefault().Delay, backoff.GetOrDefault().Exponential);

    private static readonly Parser<MemberSyntax> Timeout =
        from keyword in Tokens.Keyword("timeout")
        from duration in Tokens.Duration
        select (MemberSyntax)new TimeoutSyntax(default, duration);

    // run = "run" ( SCRIPT_BLOCK | "file" STRING )
    private static readonly Parser<RunSyntax> RunBody =
        Tokens.ScriptBlock.Select(block => new RunSyntax(default, block, null))
        .XOr(from keyword in Tokens.Keyword("file")
             from path in Tokens.StringLiteral
             select new RunSyntax(default, null, path));

    private static readonly Parser<MemberSyntax> Run =
        from keyword in Tokens.Keyword("run")
        from body in RunBody
        select (MemberSyntax)body;

    // names = NAME { "," NAME }
    private static readonly Parser<IReadOnlyList<NameToken>> Names =
        JobName.XDelimitedBy(Comma).Select(names => (IReadOnlyList<NameToken>)names.ToList());

    // edges = names { ( "->" | "→" ) names } [ ";" ]
    private static readonly Parser<(TextPos Arrow, IReadOnlyList<NameToken> Names)> ArrowNames =
        from arrow in Tokens.Arrow
        from names in Names
        select (arrow, names);

    private static readonly Parser<MemberSyntax> Edges =
        (from first in Names
         from rest in ArrowNames.XAtLeastOnce()
         from semicolon in Semicolon.XOptional()
         select (MemberSyntax)new EdgesSyntax(default, [first, .. rest.Select(r => r.Names)], rest.Select(r => r.Arrow).ToList()))
        .Positioned();

    // job = "job" NAME "{" { job_setting | run } "}"
    private static readonly Parser<MemberSyntax> JobStatement = ByFirstWord(
        new() { ["retries"] = Retries, ["timeout"] = Timeout, ["run"] = Run },
        Statements.Unknown(Keywords.JobSettings, Statements.MisplacedInJob));

    // A handler's body is a job's; only the message for a workflow setting in it differs.
    private static readonly Parser<MemberSyntax> HandlerStatement = ByFirstWord(
        new() { ["retries"] = Retries, ["timeout"] = Timeout, ["run"] = Run },
        Statements.Unknown(Keywords.JobSettings, Statements.MisplacedInHandler));

    // A job ends at its '}', or, when that is missing, where the next job, handler, workflow or edges begin.
    private static bool IsJobEnd(string s, int pos) =>
        s[pos] == '}' || Scanner.StartsEdges(s, pos)
        || ((Scanner.IsNameAt(s, pos, "job") || Scanner.IsNameAt(s, pos, "on") || Scanner.IsNameAt(s, pos, "workflow")) && !Scanner.StartsEdges(s, pos));

    private static readonly Parser<IEnumerable<MemberSyntax>> JobBody =
        JobStatement.Recover(IsJobEnd, "'retries', 'timeout' or 'run'", SyncLevel.Statement).Many();

    private static readonly Parser<MemberSyntax> Job =
        from keyword in Tokens.Keyword("job")
        from name in JobName
        from open in OpenBrace
        from members in JobBody
        from close in Recovery.Close
        select (MemberSyntax)new JobSyntax(default, name, close.Append(members, "job", name, open));

    private static readonly Parser<IEnumerable<MemberSyntax>> HandlerBody =
        HandlerStatement.Recover(IsJobEnd, "'retries', 'timeout' or 'run'", SyncLevel.Statement).Many();

    // handler = "on" ( "failure" | "success" | "exit" ) "{" { job_setting | run } "}"
    // The kind is read as any word, so that the binder can say what a misspelt one may be ("faliure").
    private static readonly Parser<MemberSyntax> Handler =
        from keyword in Tokens.Keyword("on")
        from kind in Tokens.Name("'failure', 'success' or 'exit'")
        from open in OpenBrace
        from members in HandlerBody
        from close in Recovery.Close
        select (MemberSyntax)new HandlerSyntax(default, kind, close.Append(members, "handler", new NameToken("on " + kind.Text, kind.Pos), open));

    // workflow = "workflow" NAME "{" { setting | job | handler | edges } "}"
    // Edges are told apart by their first name being followed by an arrow or a comma, which also lets a
    // job be called like a keyword; everything else is picked by its first word.
    private static readonly Parser<MemberSyntax> Setting = ByFirstWord(
        new()
        {
            ["job"] = Job, ["on"] = Handler, ["schedule"] = Schedule, ["timezone"] = Timezone, ["catchup"] = Catchup,
            ["concurrency"] = Concurrency, ["overlap"] = Overlap, ["params"] = Params, ["use"] = UseFile,
            ["retries"] = Retries, ["timeout"] = Timeout,
        },
        Statements.Unknown([.. Keywords.WorkflowSettings, "job", "on"], Statements.MisplacedInWorkflow));

    private static readonly Parser<MemberSyntax> WorkflowStatement =
        from edges in Tokens.StartsEdges
        from statement in edges ? Edges : Setting
        select statement;

    private static bool IsWorkflowEnd(string s, int pos) =>
        s[pos] == '}' || (Scanner.IsNameAt(s, pos, "workflow") && !Scanner.StartsEdges(s, pos));

    private static readonly Parser<IEnumerable<MemberSyntax>> WorkflowBody =
        WorkflowStatement.Recover(IsWorkflowEnd, "a setting, a job, a handler or edges (a -> b)", SyncLevel.Statement).Many();

    private static readonly Parser<MemberSyntax> Workflow =
        (from keyword in Tokens.Keyword("workflow")
         from name in WorkflowName
         from open in OpenBrace
         from members in WorkflowBody
         from close in Recovery.Close
         select (MemberSyntax)new WorkflowSyntax(default, name, close.Append(members, "workflow", name, open)))
        .Positioned();

    // file = { workflow }
    public static readonly Parser<FileSyntax> File =
        (from leading in Tokens.Trivia
         from items in Workflow.Recover((_, _) => false, "'workflow'", SyncLevel.TopLevel).Many()
         select new FileSyntax(items.ToList()))
        .End();

    /// <summary>Parses a whole file. Never fails and never throws: errors are <see cref="ErrorSyntax"/> items.</summary>
    public static FileSyntax ParseFile(string text)
    {
        var result = File(new FlowInput(text));
        // Recovery consumes every statement, so File reaches the end; this is only a guard.
        return result.WasSuccessful ? result.Value : new FileSyntax([new ErrorSyntax(TextPos.Of(result.Remainder), Recovery.Message(result, "'workflow'"))]);
    }

    /// <summary>
    /// The statement its first word names (one lookup, not a dozen alternatives failing in turn), each
    /// positioned at that word; any other word, or none, goes to <paramref name="otherwise"/>.
    /// </summary>
    private static Parser<MemberSyntax> ByFirstWord(Dictionary<string, Parser<MemberSyntax>> statements, Parser<MemberSyntax> otherwise)
    {
        var positioned = statements.ToDictionary(s => s.Key, s => s.Value.Positioned(), StringComparer.Ordinal);
        return from word in Tokens.NextWord
               from statement in positioned.GetValueOrDefault(word, otherwise)
               select statement;
    }
}
