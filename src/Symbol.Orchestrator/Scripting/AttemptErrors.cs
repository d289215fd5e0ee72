using System.Text.RegularExpressions;
using Acornima;
using Jint;
using Jint.Native.Error;
using Jint.Runtime;
using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// The one-line error of a failed attempt: the limit it exceeded, or what the script threw and where
/// (<c>Error: empty (at nightly-etl.flow:27)</c>).
/// </summary>
internal static partial class AttemptErrors
{
    public static string Describe(Engine engine, Exception exception, SandboxOptions options, MemoryLimits limits, TimeSpan timeout) => exception switch
    {
        // RegexMatchTimeoutException is a TimeoutException too, and its timeout is the attempt's.
        TimeoutException => $"timeout: the script ran longer than {DurationText.Format(timeout)}",
        ScriptLimitException limit => limit.Message,
        // Without LimitMemory, Jint raises it only for Constraints.MaxArraySize.
        MemoryLimitExceededException => limits.ArrayTooLong(),
        StatementsCountOverflowException => $"statement limit of {options.MaxStatements} statements exceeded",
        RecursionDepthOverflowException => $"recursion limit of {options.MaxRecursion} exceeded (a function called itself too deeply)",
        // Nesting that calls no function again (eval inside eval, a thousand brackets) runs out of the thread's
        // stack before the recursion count sees it; the parser and the interpreter then give up with this.
        InsufficientExecutionStackException => $"recursion limit of {options.MaxRecursion} exceeded (eval or nesting went deeper than the stack allows)",
        JavaScriptException thrown => Thrown(engine, thrown),
        PromiseRejectedException rejected => Rejected(engine, rejected),
        ScriptPreparationException { InnerException: ParseErrorException syntax } =>
            $"SyntaxError: {syntax.Description} (at {syntax.SourceFile}:{syntax.LineNumber})",
        JintException jint => jint.Message,
        _ => $"internal error: {exception.GetType().Name}: {exception.Message}",
    };

    private static string Thrown(Engine engine, JavaScriptException thrown)
    {
        string text;
        try
        {
            text = ScriptText.Of(engine, thrown.Error);
        }
        catch (Exception e) when (e is JintException or TimeoutException)
        {
            text = thrown.Message;   // a toString or getter that throws or loops
        }
        var location = thrown.Location;
        return location.SourceFile is { Length: > 0 } file && location.Start.Line > 0
            ? $"{text} (at {file}:{location.Start.Line})"
            : text;
    }

    /// <summary>
    /// A rejection's reason as a throw's, with the line where it was made when the reason is an Error
    /// (its stack's first frame, <c>at … (nightly-etl.flow:27:9)</c>); a plain value has no line.
    /// </summary>
    private static string Rejected(Engine engine, PromiseRejectedException rejected)
    {
        var reason = rejected.RejectedValue;
        string text;
        try
        {
            text = ScriptText.Of(engine, reason);
        }
        catch (Exception e) when (e is JintException or TimeoutException)
        {
            text = rejected.Message;
        }
        return reason is ErrorInstance error && FirstFrame(error) is { } at ? $"{text} (at {at})" : text;
    }

    private static string? FirstFrame(ErrorInstance error)
    {
        var stack = error.Get("stack");
        if (!stack.IsString())
        {
            return null;
        }
        var match = StackFrame().Match(stack.AsString());
        return match.Success ? $"{match.Groups["file"].Value}:{match.Groups["line"].Value}" : null;
    }

    // "   at f (etl.flow:27:9)" or "   at etl.flow:27:9": the file and line of the innermost frame.
    [GeneratedRegex(@"^\s*at (?:.*?\()?(?<file>[^()\s][^()]*?):(?<line>\d+):\d+\)?\s*$", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
