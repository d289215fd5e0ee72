using Sprache;

namespace Symbol.Orchestrator.Language.Syntax;

/// <summary>A 1-based line and column in the text being parsed; the compiler adds the path.</summary>
internal readonly record struct TextPos(int Line, int Column)
{
    public static TextPos Of(IInput input) => new(input.Line, input.Column);

    public SourcePosition In(string path) => new(path, Line, Column);

    public override string ToString() => $"{Line}:{Column}";
}
