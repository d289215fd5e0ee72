using System.Buffers;
using System.Globalization;
using System.Text;

namespace Symbol.Orchestrator.Language;

public enum Severity { Error, Warning }

/// <summary>A 1-based place in a source file.</summary>
public readonly record struct SourcePosition(string Path, int Line, int Column)
{
    public override string ToString() => $"{Path}:{Line}:{Column}";
}

/// <summary>One problem found in a .flow (or .js) file, printed as <c>path:line:column: message</c>.</summary>
public sealed record Diagnostic(Severity Severity, SourcePosition Position, string Message)
{
    // C0 and C1 controls, DEL and the Unicode line and paragraph separators.
    private static readonly SearchValues<char> Unprintable = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Append(0x2028).Append(0x2029).Select(c => (char)c)));

    /// <summary>
    /// The message, on one line and safe for a terminal: a control character quoted from the source (a time zone
    /// string holding <c>ESC[2J</c>, a name cut by a newline) is written as the escape a .flow string would use
    /// (<c>\n</c>, <c>\t</c>, <c>\u001B</c>), so it can neither forge a second line nor clear the screen.
    /// </summary>
    public string Message { get; init => field = OneLine(value); } = OneLine(Message);

    public bool IsError => Severity == Severity.Error;

    public override string ToString() =>
        Severity == Severity.Error ? $"{Position}: {Message}" : $"{Position}: warning: {Message}";

    private static string OneLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        int first = message.AsSpan().IndexOfAny(Unprintable);
        if (first < 0)
            return message;
        var text = new StringBuilder(message.Length + 16).Append(message, 0, first);
        foreach (char c in message.AsSpan(first))
        {
            if (c == '\n')
                text.Append("\\n");
            else if (c == '\t')
                text.Append("\\t");
            else if (Unprintable.Contains(c))
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else
                text.Append(c);
        }
        return text.ToString();
    }
}
