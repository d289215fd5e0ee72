using System.Text;
using Symbol.Orchestrator.Language.Editing;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Formatting;

/// <summary>
/// Formats a .flow file the one way: each line indented by its brace depth (4 spaces), trailing white space
/// trimmed, runs of blank lines collapsed to one, no blank line just inside a brace, one newline at the end.
/// What a line holds is kept as written (comments, strings, the alignment inside it); a multi-line script block
/// or <c>params</c> object moves with its first line when every line of it can, else stays as it is.
/// A file with a syntax error comes back unchanged. Idempotent; pure; never throws.
/// </summary>
public static class FlowFormatter
{
    public static string Format(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (HasSyntaxErrors(text))
            return text;
        string newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var source = newline == "\r\n" ? text.Replace("\r\n", "\n", StringComparison.Ordinal) : text;
        var lines = FormattedLines.Of(source);
        var output = new StringBuilder(text.Length + 64);
        bool pendingBlank = false, afterOpen = true;
        for (int k = 0; k < lines.Count; k++)
        {
            var line = lines[k];
            if (line.IsBlank)
            {
                pendingBlank = true;
                continue;
            }
            if (pendingBlank && !afterOpen && !line.StartsWithClose)
                output.Append(newline);
            pendingBlank = false;
            output.Append(line.Text).Append(newline);
            afterOpen = line.EndsWithOpen;
        }
        return output.ToString();
    }

    /// <summary>Whether <paramref name="text"/> has a syntax error, which <see cref="Format"/> leaves alone.</summary>
    public static bool HasSyntaxErrors(string text) => SyntaxErrors.Any(FlowGrammar.ParseFile(text ?? ""));
}
