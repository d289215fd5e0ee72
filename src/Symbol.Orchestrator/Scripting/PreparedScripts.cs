using System.Runtime.CompilerServices;
using Acornima;
using Acornima.Ast;
using Jint;
using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// Parses each script once per definition and reuses it for every attempt (a prepared script is
/// immutable and thread-safe). Keyed by the <see cref="ScriptSource"/> instance, so a reloaded
/// definition is parsed afresh and an unloaded one is collected with its entry.
/// </summary>
internal static class PreparedScripts
{
    // "(function(){" sits on the first code line, so no line moves; see Body. Both prologues are 12
    // characters long, so a column maps back the same way whichever one a body gets.
    private const string Prologue = "(function(){";
    private const string AsyncPrologue = "(async ()=>{";
    private const string Epilogue = "\n})()";

    private static readonly ConditionalWeakTable<ScriptSource, StrongBox<Prepared<Script>>> Bodies = new();
    private static readonly ConditionalWeakTable<ScriptSource, StrongBox<Prepared<Script>>> Uses = new();

    /// <summary>
    /// A job's script is a function body: it is wrapped so <c>return</c> works and a body without one
    /// yields <c>undefined</c>. The wrapper adds no line, and the parser is told where the code starts in
    /// its file, so every line Jint reports is the line in the .flow (or .js) file. Columns are exact from
    /// the second line on, and on the first when the code starts past column 12.
    /// </summary>
    /// <remarks>
    /// A body that uses <c>await</c> at its own level is wrapped in an <c>async</c> arrow instead, and so yields a
    /// Promise that the runner awaits. Only such a body: a plain one keeps its throws synchronous (with the line
    /// Jint reports for them), and sloppy code may still use <c>await</c> as a name.
    /// </remarks>
    public static Prepared<Script> Body(ScriptSource source) =>
        Bodies.GetValue(source, static s => new(AsyncBody(s) ?? Prepare(Prologue + s.Code + Epilogue, s, s.Column - 1 - Prologue.Length))).Value;

    private static Prepared<Script>? AsyncBody(ScriptSource source)
    {
        if (!source.Code.Contains("await", StringComparison.Ordinal))
        {
            return null;
        }
        Prepared<Script> prepared;
        try
        {
            prepared = Prepare(AsyncPrologue + source.Code + Epilogue, source, source.Column - 1 - AsyncPrologue.Length);
        }
        catch (ScriptPreparationException)
        {
            return null;   // await as a name (var await = 1), or a syntax error the plain wrapper reports as before
        }
        return prepared.Program?.Body is [ExpressionStatement { Expression: CallExpression { Callee: ArrowFunctionExpression wrapper } }]
            && AwaitsAtItsOwnLevel(wrapper.Body) ? prepared : null;
    }

    /// <summary>An <c>await</c> (or <c>for await</c>) in the body itself, not inside a function the body declares.</summary>
    private static bool AwaitsAtItsOwnLevel(Node body)
    {
        var pending = new Stack<Node>();
        pending.Push(body);
        while (pending.TryPop(out var node))
        {
            if (node is AwaitExpression or ForOfStatement { Await: true })
            {
                return true;
            }
            foreach (var child in node.ChildNodes)
            {
                if (child is not IFunction)
                {
                    pending.Push(child);
                }
            }
        }
        return false;
    }

    /// <summary>A <c>use file</c> script, run as it is in the global scope so its declarations are visible to the body.</summary>
    public static Prepared<Script> Use(ScriptSource source) =>
        Uses.GetValue(source, static s => new(Prepare(s.Code, s, s.Column - 1))).Value;

    private static Prepared<Script> Prepare(string code, ScriptSource source, int column) =>
        Engine.PrepareScript(code, source.Path, strict: false, new ScriptPreparationOptions
        {
            ParsingOptions = new ScriptParsingOptions { SourceOffset = Position.From(Math.Max(source.Line, 1), Math.Max(column, 0)) },
        });
}
