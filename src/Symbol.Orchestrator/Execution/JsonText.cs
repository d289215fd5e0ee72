using System.Globalization;
using System.Text;

namespace Symbol.Orchestrator.Execution;

/// <summary>JSON text that scripts made, made safe for System.Text.Json to read and write again.</summary>
public static class JsonText
{
    private const string Replacement = @"\ufffd";

    /// <summary>
    /// <paramref name="json"/> with every lone UTF-16 surrogate replaced by U+FFFD, escaped (<c>"\ud800"</c>, which
    /// JavaScript's <c>JSON.stringify("\ud800")</c> writes) or not. System.Text.Json parses such text but throws when it
    /// unescapes the string to write it again, so <c>return "\ud800"</c> would crash every <c>--json</c> document that
    /// holds the output. U+FFFD, not the escape kept: a lone surrogate is no character, a UTF-8 document cannot hold one,
    /// and the store and the JSON writer already turn lone surrogates in errors and log lines into U+FFFD.
    /// Returns the same string when there is nothing to replace.
    /// </summary>
    public static string WithoutLoneSurrogates(string json)
    {
        StringBuilder? result = null;
        int copied = 0;
        for (int i = 0; i < json.Length; i++)
        {
            char c = json[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < json.Length && char.IsLowSurrogate(json[i + 1]))
                    i++;
                else
                    Replace(i, 1, "\ufffd");
                continue;
            }
            if (c != '\\' || i + 1 >= json.Length)
                continue;
            if (json[i + 1] != 'u' || Escaped(json, i) is not { } unit)
            {
                i++;   // an escape such as \\ or \": the character after the backslash is not the start of another
                continue;
            }
            if (char.IsHighSurrogate(unit) && Escaped(json, i + 6) is { } next && char.IsLowSurrogate(next))
                i += 11;
            else
            {
                if (char.IsSurrogate(unit))
                    Replace(i, 6, Replacement);
                i += 5;
            }
        }
        return result is null ? json : result.Append(json, copied, json.Length - copied).ToString();

        void Replace(int at, int length, string with)
        {
            result ??= new StringBuilder(json.Length);
            result.Append(json, copied, at - copied).Append(with);
            copied = at + length;
        }
    }

    // The UTF-16 unit of the \uXXXX escape at `at`, or null when there is none there.
    private static char? Escaped(string json, int at) =>
        at + 6 <= json.Length && json[at] == '\\' && json[at + 1] == 'u'
        && ushort.TryParse(json.AsSpan(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit)
            ? (char)unit
            : null;
}
