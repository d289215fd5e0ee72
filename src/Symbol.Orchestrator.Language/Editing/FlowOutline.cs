using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Editing;

/// <summary>
/// A .flow file as an editor sees it: its workflows, jobs, edges, schedules, settings and file paths with their
/// ranges, from the parser's syntax tree. A file with syntax errors still has an outline of what parsed (the
/// parser recovers at the next statement). Pure and never throws.
/// </summary>
public sealed class FlowOutline
{
    private List<FlowToken>? _tokens;

    private FlowOutline(string path, string text, FileSyntax syntax)
    {
        Path = path;
        Text = text;
        Map = new SourceMap(text);
        Syntax = syntax;
        Workflows = OutlineBuilder.Build(syntax, Map, () => Tokens);
        HasSyntaxErrors = SyntaxErrors.Any(syntax);
    }

    public string Path { get; }

    public string Text { get; }

    public IReadOnlyList<OutlineWorkflow> Workflows { get; }

    /// <summary>Whether the parser had to recover from a mistake somewhere in the file.</summary>
    public bool HasSyntaxErrors { get; }

    internal SourceMap Map { get; }

    internal FileSyntax Syntax { get; }

    internal List<FlowToken> Tokens => _tokens ??= FlowLexer.Tokenize(Text);

    public static FlowOutline Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        text ??= "";
        return new FlowOutline(path, text, FlowGrammar.ParseFile(text));
    }

    /// <summary>Whether <paramref name="position"/> is a place in the text (a line of it, at most one past its last character).</summary>
    public bool Contains(FlowPosition position) => Map.IsInside(position);

    /// <summary>The workflow whose block holds <paramref name="position"/>, or null.</summary>
    public OutlineWorkflow? WorkflowAt(FlowPosition position) => Workflows.FirstOrDefault(w => w.Range.Contains(position));
}
