using Acornima;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>
/// Syntax-checks JavaScript with Acornima, the parser Jint runs, so a script that validates is one the
/// runtime can parse. A job's script is a function body (<c>return</c> is allowed at its top level), and
/// one that uses <c>await</c> there runs as an async function, so <c>await</c> is allowed at its top level too.
/// Acornima's parser is not thread-safe, and workflows compile in parallel: one parser per thread.
/// </summary>
internal static class ScriptChecker
{
    [ThreadStatic] private static Parser? t_functionBody;
    [ThreadStatic] private static Parser? t_script;

    /// <summary>The first syntax error in <paramref name="code"/>, in the code's own coordinates (line from 1, column from 0), or null.</summary>
    public static ScriptError? FirstError(string code, bool isFunctionBody)
    {
        var parser = isFunctionBody
            ? t_functionBody ??= new Parser(new ParserOptions { AllowReturnOutsideFunction = true, AllowAwaitOutsideFunction = true })
            : t_script ??= new Parser(new ParserOptions());
        try
        {
            parser.ParseScript(code);
            return null;
        }
        catch (ParseErrorException ex)
        {
            return new ScriptError(ex.LineNumber, ex.Column, $"JavaScript syntax error: {ex.Description}");
        }
        catch (InsufficientExecutionStackException)
        {
            return new ScriptError(1, 0, "JavaScript syntax error: the script nests too deeply to parse");
        }
    }

    /// <summary>Acornima's line is 1-based and its column 0-based; line 1 of the code starts at the script's own column.</summary>
    public static SourcePosition MapPosition(ScriptSource script, int line, int column) =>
        line <= 1
            ? new SourcePosition(script.Path, script.Line, script.Column + Math.Max(column, 0))
            : new SourcePosition(script.Path, script.Line + line - 1, Math.Max(column, 0) + 1);
}

/// <summary>A syntax error in a script, in the script's own coordinates.</summary>
internal sealed record ScriptError(int Line, int Column, string Message);
