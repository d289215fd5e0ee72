using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>
/// One statement inside a <c>workflow { }</c> or <c>job { }</c> block; <see cref="Pos"/> is its first token,
/// set by Sprache's <c>Positioned()</c>.
/// </summary>
internal abstract record MemberSyntax(TextPos Pos) : IPositionAware<MemberSyntax>
{
    public MemberSyntax SetPos(Position startPos, int length) => this with { Pos = new TextPos(startPos.Line, startPos.Column) };
}

internal enum ScheduleKind { Cron, At, Every, Bare }

/// <summary><c>schedule cron "…"</c>, <c>schedule at "…"</c>, <c>schedule every D</c> or <c>schedule "…"</c>.</summary>
internal sealed record ScheduleSyntax(TextPos Pos, ScheduleKind Kind, StringToken? Text, DurationToken? Every) : MemberSyntax(Pos);

internal sealed record TimezoneSyntax(TextPos Pos, StringToken Zone) : MemberSyntax(Pos);

internal sealed record CatchupSyntax(TextPos Pos, CatchupMode Mode, DurationToken? Within) : MemberSyntax(Pos);

internal sealed record ConcurrencySyntax(TextPos Pos, IntToken Limit) : MemberSyntax(Pos);

/// <summary><c>overlap skip</c> or <c>overlap queue [max N]</c>.</summary>
internal sealed record OverlapSyntax(TextPos Pos, OverlapPolicy Policy, IntToken? QueueMax) : MemberSyntax(Pos);

internal sealed record ParamsSyntax(TextPos Pos, JsonToken Json) : MemberSyntax(Pos);

internal sealed record UseFileSyntax(TextPos Pos, StringToken File) : MemberSyntax(Pos);

internal sealed record RetriesSyntax(TextPos Pos, IntToken Count, DurationToken? Backoff, bool Exponential) : MemberSyntax(Pos);

internal sealed record TimeoutSyntax(TextPos Pos, DurationToken Duration) : MemberSyntax(Pos);

/// <summary><c>run ```…```</c> (<see cref="Block"/>) or <c>run file "x.js"</c> (<see cref="File"/>).</summary>
internal sealed record RunSyntax(TextPos Pos, ScriptBlockToken? Block, StringToken? File) : MemberSyntax(Pos);

/// <summary><c>a -> b, c -> d</c>: groups of names joined by arrows; <see cref="Arrows"/>[k] sits between group k and k+1.</summary>
internal sealed record EdgesSyntax(TextPos Pos, IReadOnlyList<IReadOnlyList<NameToken>> Groups, IReadOnlyList<TextPos> Arrows) : MemberSyntax(Pos);

internal sealed record JobSyntax(TextPos Pos, NameToken Name, IReadOnlyList<MemberSyntax> Members) : MemberSyntax(Pos);

/// <summary><c>on KIND { … }</c>: a handler; <see cref="Kind"/> is the word after <c>on</c>, checked by the binder.</summary>
internal sealed record HandlerSyntax(TextPos Pos, NameToken Kind, IReadOnlyList<MemberSyntax> Members) : MemberSyntax(Pos);

/// <summary>A syntax error the parser recovered from; it stands where the bad statement was.</summary>
internal sealed record ErrorSyntax(TextPos Pos, string Message) : MemberSyntax(Pos);
