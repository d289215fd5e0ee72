using System.Buffers;
using System.Globalization;
using System.Text;

namespace Symbol.Orchestrator.Language;

/// <summary>
/// Text from files and scripts made safe for a terminal or a log line: every control character (C0, DEL, C1)
/// is shown as its JSON escape, so <c>throw new Error("a\n12:00:00 info: forged\u001b[2J")</c> prints as one line,
/// <c>a\n12:00:00 info: forged\u001b[2J</c>, and neither forges a log line nor clears the screen.
/// Every human printer of such text uses it; <c>--json</c> documents keep the original text (JSON escapes it anyway).
/// </summary>
public static class TerminalText
{
    // U+0000–U+001F, U+007F and U+0080–U+009F: the C1 range holds CSI (U+009B), which some terminals obey as ESC [ does.
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c)]);

    /// <summary><paramref name="text"/> with its control characters escaped as JSON escapes them (<c>\n</c>, <c>\t</c>, <c>\u001b</c>); the same string when it has none.</summary>
    public static string Escape(string text)
    {
        int first = text.AsSpan().IndexOfAny(Controls);
        if (first < 0)
            return text;
        var escaped = new StringBuilder(text.Length + 8).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            if (!Controls.Contains(c))
                escaped.Append(c);
            else
                escaped.Append(c switch
                {
                    '\n' => @"\n",
                    '\r' => @"\r",
                    '\t' => @"\t",
                    '\b' => @"\b",
                    '\f' => @"\f",
                    _ => @"\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                });
        }
        return escaped.ToString();
    }
}
