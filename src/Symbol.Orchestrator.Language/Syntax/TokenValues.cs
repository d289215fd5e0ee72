namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>A name as written (a workflow, a job, or a keyword argument such as <c>latest</c>).</summary>
internal sealed record NameToken(string Text, TextPos Pos);

/// <summary>A string literal: its value with escapes applied, and its text as written (quotes included).</summary>
internal sealed record StringToken(string Value, string Raw, TextPos Pos);

/// <summary>A duration such as <c>1h30m</c>.</summary>
internal sealed record DurationToken(TimeSpan Value, string Raw, TextPos Pos);

/// <summary>A non-negative whole number.</summary>
internal sealed record IntToken(int Value, TextPos Pos);

/// <summary>
/// The code between a pair of triple backticks, byte for byte, as a range of <see cref="Source"/> (the
/// compiled script keeps the range, not a copy), and where its first character sits.
/// </summary>
internal sealed record ScriptBlockToken(string Source, int Start, int Length, TextPos CodePos, TextPos Pos)
{
    public string Code => Source.Substring(Start, Length);
}

/// <summary>The text of a JSON object, found by a brace scanner; System.Text.Json checks it later.</summary>
internal sealed record JsonToken(string Text, TextPos Pos);
