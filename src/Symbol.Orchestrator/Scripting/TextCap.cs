using System.Globalization;

namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// Keeps the start of a text that a script controls (an error message, a log line) and says how much was cut, so
/// what is stored and printed stays bounded: <c>throw new Error("E".repeat(2**26))</c> with retries stored 268 MB.
/// </summary>
internal static class TextCap
{
    /// <summary><paramref name="text"/> as it is, or its first <paramref name="maxChars"/> characters and <c>… [cut 67,108,800 characters]</c>.</summary>
    public static string Cut(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }
        var keep = char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;   // never half a surrogate pair
        return string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, keep)}… [cut {text.Length - keep:N0} characters]");
    }
}
