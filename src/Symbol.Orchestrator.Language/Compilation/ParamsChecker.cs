using System.Text.Json;
using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>Checks a <c>params</c> object with System.Text.Json, whose depth limit keeps <c>{{{{…</c> from overflowing the stack.</summary>
internal static class ParamsChecker
{
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    /// <summary>True when <paramref name="json"/> is a valid object; otherwise reports where it goes wrong.</summary>
    public static bool Check(JsonToken json, DiagnosticBag diagnostics)
    {
        try
        {
            using var document = JsonDocument.Parse(json.Text, Options);
            return true;
        }
        catch (JsonException ex)
        {
            int line = (int)Math.Min(ex.LineNumber ?? 0, int.MaxValue / 2);
            int column = (int)Math.Min(ex.BytePositionInLine ?? 0, int.MaxValue / 2);
            var at = line == 0 ? new TextPos(json.Pos.Line, json.Pos.Column + column) : new TextPos(json.Pos.Line + line, column + 1);
            diagnostics.Error(at, $"invalid JSON in params: {WithoutPosition(ex.Message)}");
            return false;
        }
        catch (ArgumentException)
        {
            // The reader takes UTF-8, and a lone surrogate (from a file that is not valid text) has no UTF-8 form.
            diagnostics.Error(json.Pos, "invalid JSON in params: it holds a lone UTF-16 surrogate, which is not text");
            return false;
        }
    }

    // System.Text.Json appends " LineNumber: 0 | BytePositionInLine: 12." — the diagnostic already says where.
    private static string WithoutPosition(string message)
    {
        foreach (var tail in (string[])[" Change the reader options.", " LineNumber:"])
        {
            int cut = message.IndexOf(tail, StringComparison.Ordinal);
            if (cut >= 0)
                message = message[..cut];
        }
        return message.TrimEnd(' ', '.');
    }
}
